"""What a service call sends to the database, for tests that keep a read at the statements it needs."""

from __future__ import annotations

from sqlalchemy import event

# the session check every unit of work starts with (erp_begin on PostgreSQL, the session row on SQLite) and
# SQLite's BEGIN: not the read's own
_NOT_THE_READS = ("erp_begin", "user_sessions", "BEGIN")


def statements_sent(db, call) -> tuple[object, list[str]]:
    """``call()``'s result and the statements it sent, less the session check and SQLite's BEGIN."""
    sent = []

    def record(_conn, _cursor, statement, *_args):
        if not any(word in statement for word in _NOT_THE_READS):
            sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        return call(), sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
