"""Every move between petition statuses, legal or not, under each kind of procedure."""

import itertools

import pytest

from app.rules.lifecycle import PetitionStatus as S
from app.rules.lifecycle import may_move, next_statuses
from app.rules.ruleset import Trigger

# Written out by hand from the procedure (issue 3 item 4), not derived from the code.
CITIZEN_VOTE = {
    (S.DRAFT, S.GROUP_FORMING),
    (S.DRAFT, S.WITHDRAWN),
    (S.DRAFT, S.LAPSED),
    (S.GROUP_FORMING, S.FILED),
    (S.GROUP_FORMING, S.WITHDRAWN),
    (S.GROUP_FORMING, S.LAPSED),
    (S.FILED, S.COLLECTING),
    (S.FILED, S.REFUSED),
    (S.FILED, S.WITHDRAWN),
    (S.FILED, S.LAPSED),
    (S.COLLECTING, S.COLLECTION_CLOSED),
    (S.COLLECTING, S.WITHDRAWN),
    (S.COLLECTING, S.LAPSED),
    (S.COLLECTION_CLOSED, S.VERIFICATION),
    (S.COLLECTION_CLOSED, S.LAPSED),
    (S.VERIFICATION, S.SUFFICIENT),
    (S.VERIFICATION, S.INSUFFICIENT),
    (S.VERIFICATION, S.LAPSED),
    (S.INSUFFICIENT, S.SUFFICIENT),  # corrected by an objection upheld by two officers
    (S.SUFFICIENT, S.VOTE_SCHEDULED),
    (S.SUFFICIENT, S.LAPSED),
    (S.VOTE_SCHEDULED, S.RECALLED),
    (S.VOTE_SCHEDULED, S.RETAINED),
    (S.VOTE_SCHEDULED, S.LAPSED),
}
CITIZEN_VACATE = (
    CITIZEN_VOTE - {(S.SUFFICIENT, S.VOTE_SCHEDULED)} - {(S.VOTE_SCHEDULED, to) for to in S}
) | {(S.SUFFICIENT, S.SEAT_VACATED)}
OFFICIAL_VACATE = {
    (S.DRAFT, S.COLLECTING),
    (S.DRAFT, S.LAPSED),
    (S.COLLECTING, S.COLLECTION_CLOSED),
    (S.COLLECTING, S.LAPSED),
    (S.COLLECTION_CLOSED, S.VERIFICATION),
    (S.COLLECTION_CLOSED, S.LAPSED),
    (S.VERIFICATION, S.SUFFICIENT),
    (S.VERIFICATION, S.INSUFFICIENT),
    (S.VERIFICATION, S.LAPSED),
    (S.INSUFFICIENT, S.SUFFICIENT),
    (S.SUFFICIENT, S.SEAT_VACATED),
    (S.SUFFICIENT, S.LAPSED),
}
PROCEDURES = [
    (Trigger.CITIZEN_INITIATIVE, "vote", CITIZEN_VOTE),
    (Trigger.CITIZEN_INITIATIVE, "vacate", CITIZEN_VACATE),
    (Trigger.OFFICIAL_TRIGGER, "vacate", OFFICIAL_VACATE),
]


@pytest.mark.parametrize(("trigger", "outcome", "legal"), PROCEDURES)
def test_exactly_the_moves_of_the_procedure_are_allowed_and_every_other_is_refused(
    trigger, outcome, legal
):
    for current, wanted in itertools.product(S, S):
        expected = (current, wanted) in legal
        assert may_move(current, wanted, trigger=trigger, outcome=outcome) is expected, (
            current,
            wanted,
        )


@pytest.mark.parametrize(
    "final",
    [S.REFUSED, S.RECALLED, S.RETAINED, S.SEAT_VACATED, S.WITHDRAWN, S.LAPSED],
)
def test_a_finished_petition_never_moves_again(final):
    for trigger, outcome, _ in PROCEDURES:
        assert next_statuses(final, trigger=trigger, outcome=outcome) == frozenset()


def test_an_insufficient_result_can_only_be_corrected_to_sufficient():
    for trigger, outcome, _ in PROCEDURES:
        assert next_statuses(S.INSUFFICIENT, trigger=trigger, outcome=outcome) == {S.SUFFICIENT}


def test_initiators_cannot_withdraw_once_collection_has_closed():
    for status in (S.COLLECTION_CLOSED, S.VERIFICATION, S.SUFFICIENT, S.VOTE_SCHEDULED):
        assert not may_move(status, S.WITHDRAWN, trigger=Trigger.CITIZEN_INITIATIVE, outcome="vote")
