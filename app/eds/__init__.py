"""Verifying electronic digital signatures (EDS): CMS SignedData, certificate paths, CRLs.

Pure code (bytes and certificates in, a verified signature or an ``EdsError`` out, the moment
passed in); parsing with ``asn1crypto``, cryptography with ``cryptography``. The signing use
cases that store what this verifies are in ``app.services.signing.eds``.
"""
