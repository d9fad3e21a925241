"""A small thread-safe cache of values that go stale after a while: the public signature counts
(``counts``) are kept in it, per process, for ``SIGNATURE_COUNT_INTERVAL`` seconds."""

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime, timedelta


class TTLCache:
    """Values by key, each fresh for ``ttl`` seconds after its ``computed_at``; thread-safe.

    Misses are computed under one lock, so that readers arriving together while a value is
    stale cause one query, not one each. Entries beyond ``max_entries`` are dropped, oldest
    first.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[datetime, object]] = {}
        self._lock = threading.Lock()
        self._refresh = threading.Lock()

    def _fresh(self, keys: Iterable[Hashable], now: datetime, ttl: timedelta) -> dict:
        with self._lock:
            found = {}
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None and entry[0] <= now < entry[0] + ttl:
                    found[key] = entry[1]
            return found

    def _store(self, values: dict, now: datetime) -> None:
        with self._lock:
            for key, value in values.items():
                self._entries.pop(key, None)  # re-inserted last, so the oldest stay first
                self._entries[key] = (now, value)
            while len(self._entries) > self.max_entries:
                del self._entries[next(iter(self._entries))]

    def get_many(
        self,
        keys: Sequence[Hashable],
        now: datetime,
        ttl: timedelta,
        compute: Callable[[list], dict],
    ) -> dict:
        """The value of every key in ``keys``; ``compute(missing_keys)`` fills the gaps."""
        if ttl <= timedelta(0):
            return compute(list(keys))
        found = self._fresh(keys, now, ttl)
        if len(found) < len(keys):
            with self._refresh:
                found |= self._fresh([k for k in keys if k not in found], now, ttl)
                missing = [k for k in keys if k not in found]
                if missing:
                    computed = compute(missing)
                    self._store(computed, now)
                    found |= computed
        return found
