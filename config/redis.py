"""Redis connections for the cache that give up at once on a Redis known to be away.

django-redis turns each error into a cache miss (IGNORE_EXCEPTIONS), and its
socket timeouts bound each wait; but a page asks the cache several times, and a
frozen Redis (a stopped process, a full network queue) would cost every one of
those its timeout. After a timeout or refused connection this process does not
try Redis again for HOLD_SECONDS: the page costs one timeout, not five.
"""

import logging
import time

from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
HOLD_SECONDS = 5.0
_away_until = 0.0


def _note_away(error: Exception) -> None:
    global _away_until
    if time.monotonic() >= _away_until:
        logger.warning(
            "Redis unavailable (%s): serving without the cache for %.0f s.",
            error,
            HOLD_SECONDS,
        )
    _away_until = time.monotonic() + HOLD_SECONDS


class FailFastConnection(Connection):
    def connect(self):
        if time.monotonic() < _away_until:
            raise RedisConnectionError("Redis was unavailable a moment ago")
        try:
            super().connect()
        except (RedisConnectionError, RedisTimeoutError) as error:
            _note_away(error)
            raise

    def send_packed_command(self, command, check_health=True):
        # A pooled connection opened before the outage is not asked either.
        if time.monotonic() < _away_until:
            self.disconnect()
            raise RedisConnectionError("Redis was unavailable a moment ago")
        try:
            super().send_packed_command(command, check_health)
        except (RedisConnectionError, RedisTimeoutError) as error:
            _note_away(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            return super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            _note_away(error)
            raise
