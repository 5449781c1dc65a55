"""Trigram indexes for the research search (decision 0023): the search keeps its substring
match (`icontains`, which Django writes as UPPER(column) LIKE UPPER(pattern) on PostgreSQL),
and on PostgreSQL these GIN indexes on UPPER(column) let it skip the sequential scan
(bench/bench_research_search.py, 20,000 highlights: p50 166 ms -> 73 ms in one run,
274 ms -> 56 ms in another, on a shared, loaded machine). SQLite, used for
quick local runs, keeps the plain scan."""

from django.db import migrations

INDEXES = {
    "research_highlight_text_trgm": ("research_highlight", "text"),
    "research_session_transcript_trgm": ("research_researchsession", "transcript"),
    "research_session_notes_trgm": ("research_researchsession", "notes"),
    "research_insight_statement_trgm": ("research_insight", "statement"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING gin ((UPPER({column}::text)) gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("research", "0002_team_board_journey_editor")]

    operations = [migrations.RunPython(create, drop)]
