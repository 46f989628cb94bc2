"""The shared Redis cache, failing open: without Redis the site is slower, not down."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
_MISSING = object()


class FailOpenRedisCache(RedisCache):
    """While Redis is unreachable, reads miss and writes are dropped.

    `add`, `incr` and `decr` still raise: their callers count or lock with them
    (the interest form's rate limit, the outbox's send lock) and decide for
    themselves how to go on, and say so in the log.
    """

    _warned_at = 0.0

    def _unavailable(self, error: Exception) -> None:
        # One line a minute per process, not one per request.
        now = time.monotonic()
        if now - FailOpenRedisCache._warned_at > 60:
            FailOpenRedisCache._warned_at = now
            logger.warning("Cache unavailable, serving without it: %s", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            self._unavailable(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            self._unavailable(error)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable(error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable(error)
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            self._unavailable(error)
            return False

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, _MISSING, version)
        if value is not _MISSING:
            return value
        value = default() if callable(default) else default
        try:
            self.add(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable(error)
        return value
