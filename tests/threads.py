"""Run the same work in several threads at once, as several web workers would, each with its
own database connection, and fail the test with any thread's error."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.db import connections


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
