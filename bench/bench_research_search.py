"""Benchmark: research repository search (issue #14, Build 9) — the substring match the search
page runs, without and with the trigram indexes of migration 0003 (the choice, decision 0023),
beside PostgreSQL full-text search (with and without a GIN index) and the help center's
in-process BM25F index, on the same corpus.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/civiccx_bench_research \\
        python bench/bench_research_search.py            # 20,000 highlights, 2,000 sessions
    python bench/bench_research_search.py --quick        # 4,000 highlights, 400 sessions

The corpus is made of the demo transcripts' lines and the help articles' sentences, in English
and Spanish (research is done in both), cut into interview-like sessions; highlights are
single sentences of them; insights are short statements. Queries are words and phrases a
researcher would type, some inflected ("waited", "calls", "reembolsos"). Each approach runs the
search page's three queries (highlights, sessions' notes and transcripts, insights; 50 rows
each, the page's order) restricted to the user's studies. Latency is the median over repeats of
each query's time; p50/p95 are across queries. "Found" counts the highlights each approach
returns for the inflected queries, to show what stemming finds that a substring does not (and
the other way round: a substring of a longer word, "hold" in "household").
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.benchdb import median_seconds, setup_django  # noqa: E402

QUERIES = ["callback", "hold", "drove", "Social Security number", "refund", "grant",
           "same information", "waited", "calls", "office", "reembolso", "reembolsos",
           "número", "llamé", "documents", "trust", "website", "application", "deadline",
           "tribal"]
INFLECTED = ["waited", "calls", "reembolsos", "documents", "hold", "llamé"]
TITLE = "Bench: research search"


def sentences() -> list[tuple[str, str]]:
    """(language, sentence) from the demo transcripts and the help articles."""
    from civiccx.help.search import load_documents

    found = []
    for path in sorted((ROOT / "src/civiccx/research/demo_transcripts").iterdir()):
        for line in path.read_text(encoding="utf-8").splitlines():
            if ":" in line and not re.match(r"^\d\d:", line):
                found.append(("en", line.split(":", 1)[1].strip()))
    for document in load_documents():
        text = re.sub(r"[#*_\[\]()>`|]", " ", document.body_markdown)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            if 30 <= len(sentence.strip()) <= 240:
                found.append((document.language, sentence.strip()))
    return found


def build_corpus(sessions: int, highlights_per_session: int, seed: int = 7):
    from django.db import connection

    from civiccx.research.models import Highlight, Insight, ResearchSession, Study

    Study.objects.filter(title=TITLE).delete()
    study = Study.objects.create(title=TITLE, goal="Benchmark.", pra_reason="Bench.")
    rng = random.Random(seed)
    pool = sentences()
    made = []
    for number in range(sessions):
        language = "es" if number % 4 == 0 else "en"
        lines = [s for lang, s in rng.sample(pool, 80) if lang == language][:40] or [
            s for _lang, s in rng.sample(pool, 40)]
        transcript = "\n".join(f"{'Participant' if i % 2 else 'Interviewer'}: {line}"
                               for i, line in enumerate(lines))
        made.append(ResearchSession(study=study, title=f"Session {number}",
                                    transcript=transcript, redaction_confirmed=True,
                                    notes=" ".join(rng.sample(lines, min(3, len(lines))))))
    made = ResearchSession.objects.bulk_create(made, batch_size=500)
    highlights = []
    for session in made:
        lines = session.transcript.splitlines()
        for line in rng.sample(lines, min(highlights_per_session, len(lines))):
            start = session.transcript.index(line)
            highlights.append(Highlight(session=session, start=start, end=start + len(line),
                                        text=line.split(": ", 1)[1]))
    Highlight.objects.bulk_create(highlights, batch_size=2000)
    Insight.objects.bulk_create([Insight(study=study, statement=rng.choice(pool)[1])
                                 for _ in range(len(made) // 4)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE research_highlight; ANALYZE research_researchsession; "
                       "ANALYZE research_insight")
    return study


INDEXES = {
    "fts": [
        "CREATE INDEX IF NOT EXISTS bench_hl_fts ON research_highlight USING gin "
        "(to_tsvector('simple', text))",
        "CREATE INDEX IF NOT EXISTS bench_rs_fts ON research_researchsession USING gin "
        "(to_tsvector('simple', transcript || ' ' || notes))",
        "CREATE INDEX IF NOT EXISTS bench_in_fts ON research_insight USING gin "
        "(to_tsvector('simple', statement))",
        "CREATE INDEX IF NOT EXISTS bench_hl_fts_en ON research_highlight USING gin "
        "(to_tsvector('english', text))",
        "CREATE INDEX IF NOT EXISTS bench_rs_fts_en ON research_researchsession USING gin "
        "(to_tsvector('english', transcript || ' ' || notes))",
        "CREATE INDEX IF NOT EXISTS bench_in_fts_en ON research_insight USING gin "
        "(to_tsvector('english', statement))"],
}
DROP = ["bench_hl_fts", "bench_rs_fts", "bench_in_fts", "bench_hl_fts_en", "bench_rs_fts_en",
        "bench_in_fts_en"]


def trigram_indexes(create: bool) -> None:
    """The research app's own trigram indexes (migration 0003), dropped for the plain rows."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("civiccx.research.migrations.0003_search_trigram_indexes")
    with connection.schema_editor() as editor:
        (migration.create if create else migration.drop)(None, editor)


def run_sql(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def substring(query, mine):
    """What the search page runs (views/staff.py `search`)."""
    from django.db.models import Q

    from civiccx.research.models import Highlight, Insight, ResearchSession

    return (list(Highlight.objects.filter(text__icontains=query, session__study__in=mine)[:50]),
            list(ResearchSession.objects.filter(
                Q(notes__icontains=query) | Q(transcript__icontains=query),
                study__in=mine).only("pk")[:50]),
            list(Insight.objects.filter(statement__icontains=query, study__in=mine)[:50]))


def full_text(config):
    """PostgreSQL full-text search, the expression the GIN index holds, ranked."""
    def search(query, mine):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
        from django.db.models import F
        from django.db.models.expressions import RawSQL

        from civiccx.research.models import Highlight, Insight, ResearchSession

        table = {Highlight: "research_highlight", ResearchSession: "research_researchsession",
                 Insight: "research_insight"}

        def matching(model, queryset, column):
            # the very expression the GIN index holds, so the planner can use it
            vector = RawSQL(f"to_tsvector('{config}', {table[model]}.{column})", [],
                            output_field=SearchVectorField())
            return (queryset.annotate(v=vector).filter(v=sq)
                    .annotate(rank=SearchRank(F("v"), sq)).order_by("-rank")[:50])

        sq = SearchQuery(query, config=config, search_type="websearch")
        return (list(matching(Highlight, Highlight.objects.filter(session__study__in=mine),
                              "text")),
                list(matching(ResearchSession, ResearchSession.objects.filter(
                    study__in=mine).only("pk"), "transcript || ' ' || research_researchsession."
                                                 "notes")),
                list(matching(Insight, Insight.objects.filter(study__in=mine), "statement")))
    return search


def help_index(study):
    """The help center's in-process BM25F index, fed every highlight as a document."""
    from civiccx.help.search import Document, SearchIndex
    from civiccx.research.models import Highlight

    started = time.perf_counter()
    documents = [Document(slug=f"h-{pk}", title="", body_markdown=text,
                          language="es" if int(title.split()[1]) % 4 == 0 else "en")
                 for pk, text, title in Highlight.objects.filter(
                     session__study=study).values_list("pk", "text", "session__title")
                 .iterator()]
    index = SearchIndex.build(documents)
    built = time.perf_counter() - started

    def search(query, mine):
        return (index.search(query, "en", limit=50, cross_language=True,
                             min_confidence=0.0), [], [])
    return search, built


def measure(name, search, mine, repeats):
    times = [median_seconds(lambda q=query: search(q, mine), repeats) * 1000
             for query in QUERIES]
    found = {query: len(search(query, mine)[0]) for query in INFLECTED}
    p95 = statistics.quantiles(times, n=20)[-1]
    return name, statistics.median(times), p95, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sessions, per, repeats = (400, 10, 3) if args.quick else (2000, 10, 5)
    setup_django()
    from civiccx.research.models import Highlight, ResearchSession

    run_sql([f"DROP INDEX IF EXISTS {name}" for name in DROP])
    trigram_indexes(create=False)
    started = time.perf_counter()
    study = build_corpus(sessions, per)
    print(f"corpus: {Highlight.objects.filter(session__study=study).count():,} highlights, "
          f"{ResearchSession.objects.filter(study=study).count():,} sessions "
          f"(built in {time.perf_counter() - started:.1f} s); {len(QUERIES)} queries, "
          f"median of {repeats} runs each")
    mine = [study.pk]
    rows = [measure("substring icontains, no index (before)", substring, mine, repeats),
            measure("full text, english, no index", full_text("english"), mine, repeats)]
    run_sql(INDEXES["fts"])
    rows += [measure("full text, english, GIN index", full_text("english"), mine, repeats),
             measure("full text, simple, GIN index", full_text("simple"), mine, repeats)]
    trigram_indexes(create=True)
    rows.append(measure("icontains + pg_trgm GIN (chosen)", substring, mine, repeats))
    help_search, built = help_index(study)
    rows.append(measure(f"help BM25F index (built in {built:.1f} s)", help_search, mine,
                        repeats))
    run_sql([f"DROP INDEX IF EXISTS {name}" for name in DROP])
    width = max(len(row[0]) for row in rows)
    print(f"{'approach':<{width}}  p50 ms  p95 ms  highlights found: "
          + ", ".join(INFLECTED))
    for name, p50, p95, found in rows:
        print(f"{name:<{width}}  {p50:6.1f}  {p95:6.1f}  "
              + ", ".join(str(found[q]) for q in INFLECTED))


if __name__ == "__main__":
    main()
