"""The voter register: reading a register file, importing it as the active snapshot, and
synthetic registers for the demo and the benchmarks.

Command: ``importer.import_register`` (one transaction: the new snapshot becomes active and the
open petitions' signatures are re-checked against it). ``reader`` checks a file row by row
without the database; ``writer`` stores checked rows as voters (binary COPY on PostgreSQL,
batched inserts on SQLite); ``compact`` remembers the IINs seen and the rejects in bounded
memory; ``generator`` writes synthetic registers.
"""
