"""The commission's registration decision on a filed petition, and the queue of petitions
waiting for it.

Commands: ``commands`` (register or refuse a filed petition). Queries: ``queries`` (the queue,
with each petition's statutory deadline and countdown).
"""
