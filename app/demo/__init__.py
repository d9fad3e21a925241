"""The demo data set: real 2023 geography and seat structure, fictional deputies and voters.

``flask --app wsgi seed demo`` loads it (see :mod:`app.demo.seed`).
"""
