"""Check a recall site's transparency log from outside: ``python -m app.tools.logcheck URL``.

For observers: this file needs only Python 3.11 and the ``cryptography`` package, and may be
copied and run on its own (``python logcheck.py https://recall.example.kz``). It

1. fetches the signed tree head and checks its Ed25519 signature with the key that was valid
   at the head's timestamp (``/api/v1/log/keys``);
2. fetches every entry and recomputes the Merkle tree head (RFC 9162 §2.1.1): it must be the
   signed root;
3. checks inclusion proofs (§2.1.3.2) of the first, the last and some random leaves;
4. checks a consistency proof (§2.1.4.2): from the head saved by an earlier run (``--previous``)
   if there is one, so that nothing was removed or changed since; and from half the tree, whose
   root it computed itself, to the whole;
5. with ``--save FILE``, keeps the checked head for the next run.

Exit status 0: everything checks; 1: something does not (each failure is named); 2: the site
could not be read. Messages come in Kazakh, Russian or English (``--lang``, else the system's
language), from the site's catalogs when this file sits in its source tree.
"""

import argparse
import base64
import gettext
import hashlib
import json
import os
import random
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

LANGUAGES = ("kk", "ru", "en")
PAGE = 1000
CATALOGS = Path(__file__).resolve().parent.parent / "translations"
_ = gettext.gettext


class Unreadable(Exception):
    """The site did not answer as the API promises."""


def choose_language(asked: str | None) -> str:
    for value in (
        asked,
        os.environ.get("LANGUAGE"),
        os.environ.get("LC_ALL"),
        os.environ.get("LANG"),
    ):
        if value and value[:2] in LANGUAGES:
            return value[:2]
    return "en"


def install_language(language: str) -> None:
    global _
    translation = gettext.translation("messages", CATALOGS, [language], fallback=True)
    _ = translation.gettext


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf_hash(leaf_input: str) -> bytes:
    return sha256(b"\x00" + leaf_input.encode("utf-8"))


def children(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


class TreeBuilder:
    """The tree head of the leaves added so far, one stack entry per complete subtree."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, bytes]] = []  # (leaves covered, hash), largest first
        self.size = 0

    def add(self, digest: bytes) -> None:
        width = 1
        while self.stack and self.stack[-1][0] == width:
            digest = children(self.stack.pop()[1], digest)
            width *= 2
        self.stack.append((width, digest))
        self.size += 1

    def root(self) -> bytes:
        if not self.stack:
            return sha256(b"")
        digest = self.stack[-1][1]
        for _width, left in reversed(self.stack[:-1]):
            digest = children(left, digest)
        return digest


def verify_inclusion(index: int, size: int, digest: bytes, path: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, digest
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = children(p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = children(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, old: bytes, new: bytes, path: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2 (equal sizes: no proof, equal roots)."""
    if first == second:
        return not path and old == new
    if not path or first > second:
        return False
    if first & (first - 1) == 0:
        path = [old, *path]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = children(c, fr), children(c, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = children(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old and sr == new


def signed_content(head: dict) -> bytes:
    content = {key: head[key] for key in ("root_hash", "timestamp", "tree_size")}
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def signature_valid(head: dict, public_key_b64: str) -> bool:
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
    try:
        key.verify(base64.b64decode(head["signature"]), signed_content(head))
    except (InvalidSignature, ValueError):
        return False
    return True


def key_at(keys: list[dict], timestamp: int) -> dict | None:
    """The key whose validity covers ``timestamp`` (milliseconds)."""
    moment = timestamp / 1000
    for key in keys:
        start = datetime.fromisoformat(key["valid_from"]).timestamp()
        end = key["valid_until"] and datetime.fromisoformat(key["valid_until"]).timestamp()
        if start - 1 <= moment and (not end or moment <= end):
            return key
    return None


class Site:
    def __init__(self, base: str, language: str) -> None:
        self.base = base.rstrip("/") + "/api/v1/log/"
        self.language = language

    def get(self, name: str, **params: int) -> dict:
        url = self.base + name + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url, headers={"Accept-Language": self.language})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise Unreadable(f"{url}: {error}") from error

    def entries(self, size: int):
        start = 0
        while start < size:
            page = self.get("entries", start=start, end=min(size, start + PAGE))["entries"]
            if not page:
                raise Unreadable(
                    _("the site returned no entries from %(start)s") % {"start": start}
                )
            for entry in page:
                if entry["index"] != start:
                    raise Unreadable(_("entry %(index)s is missing") % {"index": start})
                yield entry["leaf_input"]
                start += 1


def check(site: Site, previous: dict | None, samples: int) -> tuple[dict, list[str]]:
    """The checked head, and the failures found (empty: everything checks)."""
    failures: list[str] = []
    head = site.get("sth")
    keys = site.get("keys")["keys"]
    if not _signed(head, keys):
        failures.append(_("the signature of the tree head does not verify"))
    size, root = head["tree_size"], bytes.fromhex(head["root_hash"])
    chosen = {0, size - 1, *random.sample(range(size), min(samples, size))} if size else set()
    computed, leaves, half_root = _rebuild(site, size, chosen)
    if computed != root:
        failures.append(_("the entries do not make the signed root"))
    for index in sorted(chosen):
        answer = site.get("proof", leaf_index=index, tree_size=size)
        path = [bytes.fromhex(h) for h in answer["audit_path"]]
        if not verify_inclusion(index, size, leaves[index], path, root):
            failures.append(_("the inclusion proof of leaf %(index)s fails") % {"index": index})
    older = [(size // 2, half_root)] if half_root is not None else []
    if previous is not None:
        if not _signed(previous, keys):
            failures.append(_("the signature of the saved tree head does not verify"))
        older.append((previous["tree_size"], bytes.fromhex(previous["root_hash"])))
    for first, first_root in older:
        if not _consistent(site, first, first_root, size, root):
            message = _("the tree of %(size)s leaves is not kept in the new one")
            failures.append(message % {"size": first})
    return head, failures


def _signed(head: dict, keys: list[dict]) -> bool:
    key = key_at(keys, head["timestamp"])
    return key is not None and signature_valid(head, key["public_key"])


def _rebuild(site: Site, size: int, chosen: set[int]) -> tuple[bytes, dict, bytes | None]:
    """The root of every entry, the hashes of the ``chosen`` leaves, the root of the first half."""
    builder, leaves, half_root = TreeBuilder(), {}, None
    for text in site.entries(size):
        digest = leaf_hash(text)
        if builder.size in chosen:
            leaves[builder.size] = digest
        builder.add(digest)
        if builder.size == size // 2:
            half_root = builder.root()
    return builder.root(), leaves, half_root


def _consistent(site: Site, first: int, first_root: bytes, size: int, root: bytes) -> bool:
    if first == 0 or first > size:
        return False
    answer = site.get("consistency", first=first, second=size)
    path = [bytes.fromhex(h) for h in answer["consistency_path"]]
    return verify_consistency(first, size, first_root, root, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.tools.logcheck")
    parser.add_argument("url", help="the site, e.g. https://recall.example.kz")
    parser.add_argument("--previous", type=Path, help="a tree head saved by an earlier run")
    parser.add_argument("--save", type=Path, help="where to save the checked tree head")
    parser.add_argument("--samples", type=int, default=16, help="random leaves to prove")
    parser.add_argument("--lang", choices=LANGUAGES)
    args = parser.parse_args(argv)
    language = choose_language(args.lang)
    install_language(language)
    previous = json.loads(args.previous.read_text()) if args.previous else None
    try:
        head, failures = check(Site(args.url, language), previous, max(args.samples, 0))
    except (Unreadable, KeyError, TypeError) as error:
        sys.stderr.write(_("could not read the log: %(error)s") % {"error": error} + "\n")
        return 2
    for failure in failures:
        sys.stderr.write(_("FAILED: %(what)s") % {"what": failure} + "\n")
    if failures:
        return 1
    if args.save:
        args.save.write_text(json.dumps(head, indent=2, sort_keys=True) + "\n")
    message = _("OK: %(size)s leaves, root %(root)s, signature, proofs and consistency check")
    sys.stdout.write(message % {"size": head["tree_size"], "root": head["root_hash"]} + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
