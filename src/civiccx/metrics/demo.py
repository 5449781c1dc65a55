"""The metrics app's part of `civiccx seed_demo`, run after every other app's: the demo's raw
rows were partly bulk-inserted (interactions, responses), so their rollups are rebuilt from
them, which is also the rebuild a real agency would run after an import."""

from __future__ import annotations

from civiccx.metrics.rebuild import rebuild


def seed(options, progress) -> list[str]:
    task = progress.add_task("Rollups rebuilt from the raw rows", total=None)

    def advance(quarter: str, done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    result = rebuild(on_quarter=advance)
    return [f"Metrics: {result.cells:,} rollup cells over {len(result.quarters)} fiscal "
            "quarters, rebuilt from the raw rows (`civiccx metrics check` compares them).", ""]
