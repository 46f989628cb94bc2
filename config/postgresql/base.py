"""Django's PostgreSQL backend, with a health check that needs no round trip.

With CONN_HEALTH_CHECKS Django sends `SELECT 1` before the first query of every
request, a round trip per page. A connection that is still open has nothing to
read between queries: a server that ended it (a restart, a killed backend, an
idle timeout) has sent its FATAL message and closed the socket, which makes
the socket readable. So the socket is polled first, without waiting; only a
connection with something to read (or already known broken) gets `SELECT 1`,
and one that fails it is replaced, as before.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        if readable:
            return super().is_usable()
        return True
