"""`civiccx tax compute|batch`: compute one return document, or a columnar file of returns."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from civiccx.taxengine.engine import compute
from civiccx.taxengine.explain import explain
from civiccx.taxengine.graph import UnknownFact
from civiccx.taxengine.returns import ReturnError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="civiccx tax", description="Direct File tax engine")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compute", help="compute one return document (JSON)")
    c.add_argument("return_file", metavar="RETURN.json")
    c.add_argument("--year", type=int, choices=(2023, 2024), help="tax year (default: taxYear)")
    c.add_argument("--explain", metavar="PATH", action="append", default=[],
                   help="explain a fact, e.g. /refund (repeatable)")
    c.add_argument("--json-explain", action="store_true", help="explanations as JSON")
    c.add_argument("--missing", metavar="PATH", help="list answers still needed for PATH")
    b = sub.add_parser("batch", help="compute a Parquet file of returns (vectorized)")
    b.add_argument("input", metavar="IN.parquet")
    b.add_argument("output", metavar="OUT.parquet")
    b.add_argument("--year", type=int, choices=(2023, 2024),
                   help="tax year for rows without a tax_year column")
    b.add_argument("--dask", action="store_true", help="process partitions in parallel with Dask")
    b.add_argument("--chunk-rows", type=int, default=250_000)
    b.add_argument("--no-progress", action="store_true")
    return ap


def _fail(message: str) -> int:
    print(f"civiccx tax: error: {message}", file=sys.stderr)
    return 2


def _compute(args: argparse.Namespace) -> int:
    path = Path(args.return_file)
    try:
        doc = json.loads(path.read_text())
    except FileNotFoundError:
        return _fail(f"{path}: no such file")
    except json.JSONDecodeError as exc:
        return _fail(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})")
    try:
        outcome = compute(doc, args.year)
    except ReturnError as exc:
        for err in exc.errors:
            print(f"civiccx tax: error: {err}", file=sys.stderr)
        return 2
    out = {"return": outcome.document()}
    for path in args.explain:
        try:
            outcome.graph.fact(path)
        except UnknownFact:
            return _fail(f"{path} is not a fact in the graph")
    if args.explain and not args.json_explain:
        print(_explain_text(outcome, args.explain))
        return 0
    if args.explain or args.missing:
        if outcome.knocked_out:
            return _fail("this return is outside Direct File's scope; its knockouts say why")
        try:
            if args.explain:
                out["explanations"] = [explain(outcome.graph, p).as_dict() for p in args.explain]
            if args.missing:
                out["missing"] = outcome.graph.missing(args.missing)
        except UnknownFact as exc:  # an unknown --missing path
            return _fail(f"{exc.args[0]} is not a fact in the graph")
    print(json.dumps(out, indent=2))
    return 0


def _explain_text(outcome, paths: list[str]) -> str:
    """Plain text for a person: answers to check, then each explanation (summary first), or
    for a return outside Direct File's scope, why and where else to file for free."""
    out: list[str] = []
    for issue in outcome.issues:
        out.append(f"{issue.severity.upper()} {issue.field}: {issue.text}")
    if outcome.issues:
        out.append("")
    if outcome.knocked_out:
        out.append("Direct File can't prepare this return:")
        for ko in outcome.knockouts:
            out += ["", f"* {ko.title}", f"  {ko.reason}", f"  Answers: {', '.join(ko.facts)}",
                    f"  Rule: {ko.cite}"]
        out += ["", "You can file for free another way:"]
        out += [f"  - {a.name}: {a.url}{' or ' + a.phone if a.phone else ''}"
                for a in outcome.knockouts[0].alternatives]
        return "\n".join(out)
    for n, path in enumerate(paths):
        if n:
            out.append("")
        out.append(explain(outcome.graph, path).text())
    return "\n".join(out)


def _batch(args: argparse.Namespace) -> int:
    from civiccx.taxengine.batch import BatchInputError, run_batch_file

    try:
        n = run_batch_file(args.input, args.output, year=args.year, use_dask=args.dask,
                           chunk_rows=args.chunk_rows, progress=not args.no_progress)
    except FileNotFoundError as exc:
        return _fail(f"{exc.filename or args.input}: no such file")
    except BatchInputError as exc:
        return _fail(str(exc))
    print(f"computed {n:,} returns -> {args.output}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "compute":
        return _compute(args)
    return _batch(args)


if __name__ == "__main__":
    raise SystemExit(main())
