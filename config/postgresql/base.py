"""Django's PostgreSQL backend, with a health check that needs no round trip
while the connection is busy.

With CONN_HEALTH_CHECKS Django sends `SELECT 1` before the first query of every
request, a round trip per page. A connection that is still open has nothing to
read between queries: a server that ended it (a restart, a killed backend) has
sent its FATAL message and closed the socket, which makes the socket readable.
So the socket is polled first, without waiting. `SELECT 1` is still sent, and a
connection that fails it replaced, as before, when:

- the socket has something to read, or the connection is known broken;
- the connection was idle for IDLE_SECONDS (a server that vanished without a
  word, a firewall that dropped the idle connection, leave the socket quiet);
- the request before had a database error or left a transaction open.
"""

import select
import time

import psycopg
from django.db.backends.postgresql import base
from psycopg import pq

IDLE_SECONDS = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    checked_at = 0.0

    def server_binding_cursor(self):
        """A cursor that sends its values apart from the SQL, which psycopg
        prepares once the connection has run a statement `prepare_threshold`
        times (config.prepared; Django's own cursors bind on the client and
        are never prepared). Wrapped as Django wraps its own: errors, and the
        queries tests count."""
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(psycopg.Cursor(self.connection))

    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        now, last = time.monotonic(), self.checked_at
        self.checked_at = now
        if (
            now - last > IDLE_SECONDS
            or self.errors_occurred
            or connection.info.transaction_status != pq.TransactionStatus.IDLE
            or self.socket_readable(connection.fileno())
        ):
            return super().is_usable()
        return True

    @staticmethod
    def socket_readable(fd: int) -> bool:
        """Whether the server has written anything (or closed the socket)."""
        poller = select.poll()  # any descriptor number, unlike select.select
        poller.register(fd, select.POLLIN | select.POLLPRI)
        try:
            return bool(poller.poll(0))
        except OSError:
            return True
