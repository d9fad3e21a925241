import threading
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.extensions import db
from app.models import SignatureStatus as Sig
from app.rules.lifecycle import PetitionStatus as S
from app.services.petitions import counts
from tests.factories import make_petition, make_signature

NOW = datetime(2026, 12, 20, 6, 0, tzinfo=UTC)
ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def petition(app):
    return make_petition(status=S.COLLECTING)


def sign(petition, *statuses, at=NOW - timedelta(days=1)):
    for status in statuses:
        make_signature(petition, status=status, signed_at=at)
    db.session.commit()


def test_exact_counts_group_the_petitions_signatures_by_status(petition):
    sign(petition, Sig.VALID, Sig.VALID, Sig.PENDING, Sig.INVALID, Sig.WITHDRAWN)
    sign(make_petition(status=S.COLLECTING), Sig.VALID)  # another petition's

    found = counts.exact_counts(petition.id, NOW)

    assert (found.valid, found.pending, found.invalid, found.withdrawn) == (2, 1, 1, 1)
    assert found.toward_threshold == 2  # the valid ones: pending ones wait for an officer
    assert found.computed_at == NOW


def test_a_petition_without_signatures_counts_zero_everywhere(petition):
    found = counts.exact_counts(petition.id, NOW)

    assert (found.valid, found.pending, found.invalid, found.withdrawn, found.toward_threshold) == (
        0,
        0,
        0,
        0,
        0,
    )


def test_a_new_signature_is_not_public_until_the_interval_has_passed(app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 10
    sign(petition, Sig.VALID)
    assert counts.public_counts(petition, NOW).valid == 1

    sign(petition, Sig.VALID)

    stale = counts.public_counts(petition, NOW + timedelta(seconds=9.9))
    fresh = counts.public_counts(petition, NOW + timedelta(seconds=10))
    assert (stale.valid, stale.computed_at) == (1, NOW)
    assert (fresh.valid, fresh.computed_at) == (2, NOW + timedelta(seconds=10))


def test_an_interval_of_zero_makes_public_counts_exact(app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 0
    sign(petition, Sig.VALID)
    counts.public_counts(petition, NOW)

    sign(petition, Sig.PENDING)

    assert counts.public_counts(petition, NOW).pending == 1


def test_exact_counts_bypass_the_public_cache(app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 10
    counts.public_counts(petition, NOW)

    sign(petition, Sig.VALID)

    assert counts.exact_counts(petition.id, NOW).valid == 1
    assert counts.public_counts(petition, NOW).valid == 0


def test_each_app_has_its_own_cache(app, petition):
    counts.public_counts(petition, NOW)

    assert counts.count_cache() is app.extensions["signature_counts"]


@pytest.mark.parametrize("status", [S.COLLECTING, S.COLLECTION_CLOSED, S.VERIFICATION])
def test_uk_counts_are_hidden_until_verification_is_over(app, status):
    petition = make_petition(status=status, rule_set_code="uk-2015")
    sign(petition, Sig.VALID)

    assert counts.public_counts(petition, NOW) is None
    assert counts.public_signatures_per_day(petition, NOW) is None
    assert counts.exact_counts(petition.id, NOW).valid == 1  # the commission still sees it


@pytest.mark.parametrize("status", [S.SUFFICIENT, S.INSUFFICIENT, S.SEAT_VACATED])
def test_uk_counts_are_published_once_verified(app, status):
    petition = make_petition(status=status, rule_set_code="uk-2015")
    sign(petition, Sig.VALID, Sig.INVALID)

    found = counts.public_counts(petition, NOW)

    assert (found.valid, found.invalid) == (1, 1)


def test_public_counts_for_many_petitions_leave_hidden_ones_out(app):
    kazakh = make_petition(status=S.COLLECTING)
    british = make_petition(status=S.COLLECTING, rule_set_code="uk-2015")
    sign(kazakh, Sig.VALID)

    found = counts.public_counts_for([kazakh, british], NOW)

    assert found[kazakh.id].valid == 1
    assert found[british.id] is None


def test_a_signature_at_19_30_utc_counts_on_the_next_day_in_almaty(petition):
    sign(petition, Sig.VALID, at=datetime(2026, 12, 10, 19, 29, tzinfo=UTC))  # 00:29 on the 11th
    sign(petition, Sig.VALID, at=datetime(2026, 12, 10, 18, 59, tzinfo=UTC))  # 23:59 on the 10th
    sign(petition, Sig.VALID, at=datetime(2026, 12, 10, 19, 30, tzinfo=UTC))

    assert counts.signatures_per_day(petition.id, ALMATY, NOW) == [
        (date(2026, 12, 10), 1),
        (date(2026, 12, 11), 2),
    ]


def test_signatures_per_day_counts_valid_ones_only_and_fills_quiet_days(petition):
    sign(petition, Sig.VALID, Sig.VALID, Sig.PENDING, at=datetime(2026, 12, 10, 6, tzinfo=UTC))
    sign(petition, Sig.INVALID, Sig.WITHDRAWN, at=datetime(2026, 12, 11, 6, tzinfo=UTC))
    sign(petition, Sig.VALID, at=datetime(2026, 12, 13, 6, tzinfo=UTC))

    # The chart adds up to the valid count the page shows above it: 3, not 4.
    assert counts.signatures_per_day(petition.id, "Asia/Almaty", NOW) == [
        (date(2026, 12, 10), 2),
        (date(2026, 12, 11), 0),
        (date(2026, 12, 12), 0),
        (date(2026, 12, 13), 1),
    ]


def test_signatures_per_day_is_empty_without_counted_signatures(petition):
    sign(petition, Sig.INVALID, Sig.PENDING)

    assert counts.signatures_per_day(petition.id, ALMATY, NOW) == []


def test_signatures_per_day_follows_summer_time(app):
    petition = make_petition(status=S.COLLECTING, rule_set_code="uk-2015")
    for moment in (
        datetime(2026, 7, 1, 22, 59, tzinfo=UTC),  # 23:59 BST, 1 July
        datetime(2026, 7, 1, 23, 30, tzinfo=UTC),  # 00:30 BST, 2 July
        datetime(2026, 12, 1, 23, 30, tzinfo=UTC),  # 23:30 GMT, 1 December
        datetime(2026, 12, 2, 0, 30, tzinfo=UTC),  # 00:30 GMT, 2 December
    ):
        sign(petition, Sig.VALID, at=moment)

    per_day = dict(counts.signatures_per_day(petition.id, "Europe/London", NOW))

    assert [per_day[date(2026, 7, d)] for d in (1, 2, 3)] == [1, 1, 0]
    assert [per_day[date(2026, 12, d)] for d in (1, 2)] == [1, 1]
    assert len(per_day) == 155  # 1 July to 2 December


def test_signatures_per_day_over_many_days_takes_several_queries_and_loses_none(
    petition, monkeypatch
):
    monkeypatch.setattr(counts, "DAYS_PER_QUERY", 2)
    for day in range(5):
        sign(petition, *[Sig.VALID] * (day + 1), at=datetime(2026, 12, 1 + day, 6, tzinfo=UTC))

    per_day = counts.signatures_per_day(petition.id, ALMATY, NOW)

    assert [n for _, n in per_day] == [1, 2, 3, 4, 5]


def test_signatures_per_day_is_cached_for_the_interval(app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = 10
    sign(petition, Sig.VALID, at=datetime(2026, 12, 10, 6, tzinfo=UTC))
    counts.signatures_per_day(petition.id, ALMATY, NOW)

    sign(petition, Sig.VALID, at=datetime(2026, 12, 10, 7, tzinfo=UTC))

    assert counts.signatures_per_day(petition.id, ALMATY, NOW + timedelta(seconds=5)) == [
        (date(2026, 12, 10), 1)
    ]
    assert counts.signatures_per_day(petition.id, ALMATY, NOW + timedelta(seconds=10)) == [
        (date(2026, 12, 10), 2)
    ]


def test_the_cache_computes_a_missing_value_once_for_readers_arriving_together():
    cache = counts.TTLCache()
    calls = []

    def slow_count(keys):
        calls.append(keys)
        time.sleep(0.05)
        return dict.fromkeys(keys, 42)

    results = []
    readers = [
        threading.Thread(
            target=lambda: results.append(
                cache.get_many(["k"], NOW, timedelta(seconds=10), slow_count)
            )
        )
        for _ in range(8)
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()

    assert calls == [["k"]]
    assert results == [{"k": 42}] * 8


def test_the_cache_only_computes_the_keys_it_lacks():
    cache = counts.TTLCache()
    cache.get_many(["a"], NOW, timedelta(seconds=10), lambda keys: dict.fromkeys(keys, 1))
    asked = []

    def compute(keys):
        asked.extend(keys)
        return dict.fromkeys(keys, 2)

    found = cache.get_many(["a", "b"], NOW, timedelta(seconds=10), compute)

    assert asked == ["b"]
    assert found == {"a": 1, "b": 2}


def test_the_cache_drops_its_oldest_entries_beyond_its_size():
    cache = counts.TTLCache(max_entries=2)
    for key in "abc":
        cache.get_many([key], NOW, timedelta(seconds=10), lambda keys: dict.fromkeys(keys, 1))
    asked = []

    def compute(keys):
        asked.extend(keys)
        return dict.fromkeys(keys, 2)

    cache.get_many(["a", "b", "c"], NOW, timedelta(seconds=10), compute)

    assert asked == ["a"]


def test_a_negative_interval_counts_exactly(app, petition):
    app.config["SIGNATURE_COUNT_INTERVAL"] = -5

    assert counts.count_interval() == timedelta(0)
