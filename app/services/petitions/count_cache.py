"""The cache behind the public signature counts: values fresh for a window after they were
counted, in the app's Flask-Caching store (Redis, shared by every node, when ``REDIS_URL`` is
set) or, without a store, in the object itself."""

import math
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import datetime, timedelta

from app.caching import note_data_time


class TTLCache:
    """Values by key, each fresh for ``ttl`` seconds after its ``computed_at``; thread-safe.

    Misses are computed under one lock, so that readers of one process arriving together while
    a value is stale cause one query, not one each. With a ``backend`` (a cachelib store, e.g.
    Redis) the entries live there, shared by every process using it; without one, in this
    object, where entries beyond ``max_entries`` are dropped, oldest first. Each value found is
    noted on the answer being built (``note_data_time``), so a cached page expires with it.
    """

    def __init__(self, max_entries: int = 4096, backend=None) -> None:
        self.max_entries = max_entries
        self.backend = backend
        self._entries: dict[Hashable, tuple[datetime, object]] = {}
        self._lock = threading.Lock()
        self._refresh = threading.Lock()

    def _entries_of(self, keys: list) -> list:
        if self.backend is not None:
            return self.backend.get_many(*(f"counts:{key!r}" for key in keys)) if keys else []
        with self._lock:
            return [self._entries.get(key) for key in keys]

    def _fresh(self, keys: Iterable[Hashable], now: datetime, ttl: timedelta) -> dict:
        keys = list(keys)
        found = {}
        for key, entry in zip(keys, self._entries_of(keys), strict=True):
            if entry is not None and entry[0] <= now < entry[0] + ttl:
                found[key] = entry[1]
                note_data_time(entry[0])
        return found

    def _store(self, values: dict, now: datetime, ttl: timedelta) -> None:
        if self.backend is not None:
            timeout = math.ceil(ttl.total_seconds()) + 1
            entries = {f"counts:{key!r}": (now, value) for key, value in values.items()}
            self.backend.set_many(entries, timeout=timeout)
            return
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
                    self._store(computed, now, ttl)
                    note_data_time(now)
                    found |= computed
        return found
