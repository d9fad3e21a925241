"""Gunicorn settings of the signing benchmark's server (``bench/signing.py`` passes ``-c``).

Not the project's ``gunicorn.conf.py``, which gunicorn would load by itself from the working
directory: that one starts the deadline clock beside the workers (against the benchmark's
settings it would tick on a database of its own, and its output would mix with the figures) and
writes an access-log line per request, which during a timed run costs the workers time and
floods the terminal. Here: no clock, no access log, only warnings and errors.
"""

accesslog = None
loglevel = "warning"
