"""Use cases, one package per workflow (docs/architecture.md draws the map).

Each package holds its commands, one public function per use case that owns its transaction
(``with transaction():``) and its audit entry, and its queries, which only read and return the
page models that views show (usually ``queries.py``). Its ``__init__.py`` says which module is
which. The few modules lying directly here are plumbing that several workflows share: ``law``
(the rule sets in force), ``events`` (recording what happened to a petition), ``voters``
(finding people on the active register) and ``clock`` (the deadline clock's tick).

Services import rules, models and the app's plumbing, never a view or a blueprint.
"""
