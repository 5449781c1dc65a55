"""Metrics: the one house of Civic CX's numbers.

- `rollups`: the only code that writes the rollup counters (served, offered, responses, scores,
  thumbs, indicator counts), and the readers dashboards and reports use.
- `registry`: where each app declares its rollup *sources* (how to recompute its cells from its
  raw rows) and its *operational figures* (service level, waits, estimate accuracy, deflection).
- `rebuild`: recompute the rollups of whole quarters from the raw rows (`civiccx metrics
  rebuild`); a rebuild equals the incremental counts, cell by cell.
- `statistics`: pure statistics from counts (Wilson intervals, Likert and thumbs tallies).

See docs/decisions/0012-metrics-api-and-append-only-interactions.md.
"""
