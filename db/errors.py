"""Telling a database that cannot be reached from a statement that failed."""

from __future__ import annotations

from sqlalchemy import exc as sa

# asyncpg's errors of a connection that broke or never opened (its module is imported only on
# PostgreSQL; the names are matched so that SQLite-only installations need not load it).
_CONNECTION_ERRORS = frozenset(
    {
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "CannotConnectNowError",
        "TooManyConnectionsError",
        "InterfaceError",
        "InternalClientError",
    }
)


def unavailable(error: BaseException) -> bool:
    """The database could not be reached, or did not answer in time: a cut connection, a
    server restarting, a black-holed network, SQLite's write lock held too long. Such a failure
    passes; a turn that met it can be run again. A constraint violated or a bad statement is not
    one of them."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sa.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(
            current,
            sa.OperationalError | sa.InterfaceError | sa.TimeoutError | sa.DisconnectionError,
        ):
            return True
        if isinstance(current, OSError | TimeoutError | ConnectionError):
            return True
        if type(current).__name__ in _CONNECTION_ERRORS:
            return True
        current = current.__cause__ or current.__context__
    return False
