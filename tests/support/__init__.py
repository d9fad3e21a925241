"""What the tests share, besides fixtures (``conftest.py``) and ``tests/factories.py``.

Test modules import helpers from here, never from one another (``tests/test_test_kit.py``):
``auth`` signs in (the ``auth`` and ``page_auth`` fixtures), ``pages`` fetches and reads pages,
``mail`` and ``smtp`` read and receive mail, and one module per topic builds what several tests
need (``certification``, ``paper``, ``citizen``, ``deputy``, ``exports``, ``review`` …).
"""
