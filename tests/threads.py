"""Run the same work in several threads at once, as several web workers would, each with its
own database connection, and fail the test with any thread's error."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


def run_at_once(work: Callable[..., list], arguments: Iterable[tuple]) -> list:
    """Start `work(*args)` in one thread per item of `arguments`, released together; return
    everything they returned, concatenated."""
    arguments = list(arguments)
    results: list = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(arguments))

    def thread(*args):
        try:
            barrier.wait()
            done = work(*args)
            with lock:
                results.extend(done)
        except BaseException as error:  # surface thread failures in the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread, args=args) for args in arguments]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    assert not errors, errors
    return results


@contextmanager
def shared_database(tmp_path: Path) -> Iterator[None]:
    """Let threads share the test database as web workers share a real one.

    PostgreSQL (and a SQLite file) already do. Django's SQLite test database lives in memory
    with a shared cache, where one thread's write locks whole tables from the others at once,
    with no waiting: nothing like a real deployment. There, for the body of this block, the
    test runs on a copy in a SQLite file opened with the project's own options (WAL, a busy
    timeout, `BEGIN IMMEDIATE`), in this thread and every thread it starts. Rows written
    inside the block stay in that file."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    original = connections.settings[DEFAULT_DB_ALIAS]
    connections.settings[DEFAULT_DB_ALIAS] = {**original, "NAME": str(path)}
    in_memory = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections.settings[DEFAULT_DB_ALIAS] = original
        connections[DEFAULT_DB_ALIAS] = in_memory
