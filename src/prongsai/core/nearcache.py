"""A cache in two levels: each process's own memory in front of the shared cache (Redis).

For values that never change under their key — the dashboards' are keyed by the summaries'
version (``dashboards.summaries.current_version``), which every server reads from the database
on each request, so a new figure means a new key everywhere at once. A value found in the
shared cache is kept in the process for ``NEAR_TIMEOUT`` seconds: the next request in that
process skips the round trip and the unpickling. Values are handed out as they are (not
copied): callers treat them as read-only.

    CACHES["dashboards"] = {
        "BACKEND": "prongsai.core.nearcache.NearCache",
        "OPTIONS": {"shared": "default", "max_entries": 1000, "near_timeout": 300},
    }

When the shared cache is itself the process's memory (no Redis, the tests), the near level is
left out: there is nothing to save, and a ``cache.clear()`` of the shared cache stays complete.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class NearCache(BaseCache):
    def __init__(self, location, params):
        options = params.get("OPTIONS", {})
        super().__init__({**params, "OPTIONS": {}})
        self._shared_alias = options.get("shared", "default")
        self._max_entries = int(options.get("max_entries", 1000))
        self._near_timeout = float(options.get("near_timeout", 300))
        self._force_near = bool(options.get("near", False))  # the near level even over LocMem
        self._near: OrderedDict[str, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def shared(self) -> BaseCache:
        return caches[self._shared_alias]

    def _use_near(self) -> bool:
        return self._force_near or not isinstance(self.shared, LocMemCache)

    def _near_get(self, key):
        with self._lock:
            hit = self._near.get(key)
            if hit is None:
                return _MISSING
            expires, value = hit
            if expires < time.monotonic():
                del self._near[key]
                return _MISSING
            self._near.move_to_end(key)
            return value

    def _near_set(self, key, value, timeout) -> None:
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            seconds = self._near_timeout
        else:
            seconds = min(float(timeout), self._near_timeout)
        if seconds <= 0:
            return
        with self._lock:
            self._near[key] = (time.monotonic() + seconds, value)
            self._near.move_to_end(key)
            while len(self._near) > self._max_entries:
                self._near.popitem(last=False)

    def _near_forget(self, key) -> None:
        with self._lock:
            self._near.pop(key, None)

    def get(self, key, default=None, version=None):
        near = self._use_near()
        nkey = self.make_and_validate_key(key, version=version)
        if near:
            value = self._near_get(nkey)
            if value is not _MISSING:
                return value
        value = self.shared.get(key, _MISSING, version=version)
        if value is _MISSING:
            return default
        if near:
            self._near_set(nkey, value, DEFAULT_TIMEOUT)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version=version)
        if self._use_near():
            self._near_set(self.make_and_validate_key(key, version=version), value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version=version)
        if added and self._use_near():
            self._near_set(self.make_and_validate_key(key, version=version), value, timeout)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        self._near_forget(self.make_and_validate_key(key, version=version))
        return self.shared.delete(key, version=version)

    def has_key(self, key, version=None):
        nkey = self.make_and_validate_key(key, version=version)
        if self._use_near() and self._near_get(nkey) is not _MISSING:
            return True
        return self.shared.has_key(key, version=version)

    def clear(self):
        with self._lock:
            self._near.clear()
        return self.shared.clear()
