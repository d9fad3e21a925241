"""The public directory: bodies, regions, constituencies and deputies.

Queries only: ``queries`` (lists and pages of the directory, with the filters the public pages
and the API take). Nothing here writes.
"""
