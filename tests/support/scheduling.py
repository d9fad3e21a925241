"""How ``pytest -n`` hands the tests to its workers (``pytest_xdist_make_scheduler``, conftest).

Tests are handed out one by one, as ``--dist load`` does, except the groups below: the tests of
a group share a costly setup made once per worker (the demo databases of the ``seeded`` marker,
tests/support/seeded.py; the every-role walk's demo site), so all of them run on one worker,
which makes it once. Groups go first, the largest first, so that no group starts last and keeps
one worker busy alone at the end.

pytest-xdist's own ``xdist_group`` marker does nothing under pytest 9.2 (it renames the node ids
through an attribute pytest no longer reads: pytest-dev/pytest-xdist#1386), hence this scheduler;
a test marked ``xdist_group`` still joins that group.
"""

from xdist.scheduler import LoadGroupScheduling

#: (path prefix of a test, its group or None for none); the first prefix that matches decides.
GROUPS = (
    # The seed's own tests seed a fresh database each: nothing is shared, any worker will do.
    ("tests/demo/test_seed.py", None),
    ("tests/demo/", "demo world"),
    ("tests/browser/test_pages_of_every_role.py", "every-role walk"),
)


def group_of(nodeid: str) -> str | None:
    path = nodeid.partition("::")[0]
    for prefix, group in GROUPS:
        if path.startswith(prefix):
            return group
    return None


class SharedSetupScheduling(LoadGroupScheduling):
    """``loadgroup`` with the groups of ``GROUPS`` added."""

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        if scope != nodeid:  # an xdist_group of its own
            return scope
        return group_of(nodeid) or nodeid
