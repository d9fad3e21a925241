"""The official record of a petition's signatures, exported as CSV or PDF for commission staff.

Command: ``commands.export_petition`` (one audited use case per export). Queries: ``record``
gathers the record; ``csv_file`` and ``pdf_file`` render it. The renderers import the record,
and nothing imports back.
"""
