"""Run work in several threads at once, each with its own database connection (the same idea
as tests/threads.py on branch arch-fsm; use that one once it is on main)."""

from __future__ import annotations

import threading

from django.db import connections


def run_at_once(work, arguments) -> list:
    arguments = list(arguments)
    results, errors = [], []
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
