"""The season at scale: a simulated season recomputed with the batch engine in Dask tasks
gives the same statistics as a plain pandas recount of the same rows, and the same refunds as
the single-return engine on a random sample of them; on threads and on a distributed
LocalCluster."""

from __future__ import annotations

import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from civiccx.directfile import season_scale
from civiccx.taxengine import compute
from civiccx.taxengine.batch import compute_table


@pytest.fixture(scope="module")
def small_season(tmp_path_factory):
    root = tmp_path_factory.mktemp("season")
    season_scale.simulate(root, 12_000, seed=11, part_rows=2_500)
    return root


def pandas_recount(root) -> dict:
    """The statistics from all the rows at once, with pandas only (no season_scale code)."""
    table = pa.concat_tables([pq.read_table(p) for p in sorted(root.glob("week=*/*.parquet"))])
    result = compute_table(table).to_pandas()
    df = table.select(["week", "state", "reject_code"]).to_pandas()
    ok = result["status"] == "ok"
    df["accepted"] = ok & (df["reject_code"] == "")
    df["rejected"] = ok & (df["reject_code"] != "")
    df["refund"] = result["refund"].where(df["accepted"] & (result["refund"] > 0), 0)
    df["refunds"] = df["refund"] > 0
    by_week = df.groupby("week").agg(received=("week", "size"), accepted=("accepted", "sum"),
                                     refunds=("refunds", "sum"), refund_cents=("refund", "sum"))
    by_state = df.groupby("state").agg(received=("state", "size"),
                                       refund_cents=("refund", "sum"))
    return {"received": len(df), "accepted": int(df["accepted"].sum()),
            "rejected": int(df["rejected"].sum()), "refunds": int(df["refunds"].sum()),
            "refund_cents": int(df["refund"].sum()),
            "weeks": {int(w): (int(r.received), int(r.accepted), int(r.refunds),
                               int(r.refund_cents)) for w, r in by_week.iterrows()},
            "states": {s: (int(r.received), int(r.refund_cents)) for s, r in by_state.iterrows()},
            "rejects": {c: int(n) for c, n in df[df["rejected"]].groupby("reject_code").size()
                        .items()}}


def as_recount(totals: season_scale.SeasonTotals) -> dict:
    d = totals.as_dict()
    t = d["totals"]
    return {"received": t["received"], "accepted": t["accepted"], "rejected": t["rejected"],
            "refunds": t["refunds"], "refund_cents": t["refund_cents"],
            "weeks": {w: (v["received"], v["accepted"], v["refunds"], v["refund_cents"])
                      for w, v in d["weeks"].items()},
            "states": {s: (v["received"], v["refund_cents"]) for s, v in d["states"].items()},
            "rejects": d["rejectCodes"]}


def test_the_simulated_season_is_shaped_like_a_filing_season(small_season):
    weeks = {int(p.name.split("=")[1]) for p in small_season.glob("week=*")}
    assert weeks == set(range(4, 17))
    about = json.loads((small_season / "_season.json").read_text())
    assert about == {"returns": 12_000, "seed": 11, "taxYear": 2024}
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in small_season.glob("week=*/*"))
    assert rows == 12_000
    totals, n = season_scale.compute(small_season)
    by_week = {w: v["received"] for w, v in totals.as_dict()["weeks"].items()}
    assert by_week[5] > by_week[10] < by_week[15]  # February and April peaks
    assert set(totals.as_dict()["filingStatus"]) == set(season_scale.STATUSES)


def test_the_dask_statistics_equal_a_plain_pandas_recount(small_season):
    totals, n = season_scale.compute(small_season)
    assert n == 12_000
    assert as_recount(totals) == pandas_recount(small_season)


def _single_engine_agrees(root, sample: int, seed: int) -> None:
    table = pa.concat_tables([pq.read_table(p) for p in season_scale.part_files(root)])
    picked = sorted(random.Random(seed).sample(range(table.num_rows), sample))
    rows = table.take(pa.array(picked))
    batch = compute_table(rows).to_pylist()
    for row, got in zip(rows.to_pylist(), batch, strict=True):
        outcome = compute(season_scale.row_to_document(row))
        if outcome.knocked_out:
            assert got["status"] == "knockout", row["return_id"]
            continue
        assert (got["status"], got["refund"], got["amount_owed"], got["eitc"]) == (
            "ok", outcome.value("/refund"), outcome.value("/amountOwed"),
            outcome.value("/earnedIncomeCredit")), row["return_id"]


def test_the_batch_engine_equals_the_single_return_engine_on_a_random_sample(small_season):
    _single_engine_agrees(small_season, 300, seed=4)


def test_a_local_cluster_of_two_workers_gives_the_same_statistics(small_season):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_cluster, n = season_scale.compute(small_season, client=client)
    assert n == 12_000
    assert on_cluster.as_dict() == season_scale.compute(small_season)[0].as_dict()


def test_the_command_line_simulates_and_computes(tmp_path, capsys):
    from civiccx.cli import main
    assert main(["directfile", "season", "simulate", "--returns", "3000", "--seed", "2",
                 "--part-rows", "1000", "--no-progress", str(tmp_path / "s")]) == 0
    assert main(["directfile", "season", "compute", str(tmp_path / "s"), "--no-progress",
                 "--json", str(tmp_path / "stats.json")]) == 0
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["totals"]["received"] == 3000
    assert "computed 3,000 returns" in capsys.readouterr().err


@pytest.mark.slow
def test_a_million_return_season_equals_pandas_and_the_single_engine_on_10000(tmp_path):
    season_scale.simulate(tmp_path, 1_000_000, seed=21)
    totals, n = season_scale.compute(tmp_path)
    assert n == 1_000_000
    assert as_recount(totals) == pandas_recount(tmp_path)
    _single_engine_agrees(tmp_path, 10_000, seed=9)



@pytest.mark.parametrize(("column", "value"), [("state", "ZZ"), ("reject_code", "IND-999"),
                                               ("week", 40)])
def test_a_part_with_a_value_outside_the_season_is_refused_naming_the_column(
        tmp_path, column, value):
    table = season_scale.season_part(50, 2024, seed=3, week=6, part=0, first_id=1)
    i = table.schema.get_field_index(column)
    bad = pa.array([value] * 50, table.schema.field(column).type)
    pq.write_table(table.set_column(i, column, bad), tmp_path / "part.parquet")
    with pytest.raises(ValueError, match=column):
        season_scale.compute_part(str(tmp_path / "part.parquet"))


def test_a_table_of_two_tax_years_computes_each_row_with_its_own_year():
    """Rows of 2023 and 2024 interleaved: each row, and its knockout code, as if computed
    alone with its year's parameters."""
    a = season_scale.season_part(300, 2023, seed=4, week=5, part=0, first_id=1)
    b = season_scale.season_part(300, 2024, seed=5, week=5, part=0, first_id=301)
    a = a.set_column(a.schema.get_field_index("out_of_scope"), "out_of_scope",
                     pa.array(["foreign-income"] + [""] * 299))
    mixed = pa.concat_tables([a, b]).take(pa.array([i // 2 + (i % 2) * 300
                                                     for i in range(600)]))
    together = compute_table(mixed).to_pylist()
    alone = compute_table(a).to_pylist(), compute_table(b).to_pylist()
    assert together == [alone[i % 2][i // 2] for i in range(600)]
    assert together[0]["status"] == "knockout" and together[0]["knockout"] == "foreign-income"
    assert {r["status"] for r in together} == {"ok", "knockout"}
