"""Files shaped exactly as GSA Touchpoints writes them, for import tests.

Written from GSA/touchpoints `app/models/form.rb`: `hashed_fields_for_export` (the submission
columns), `to_combined_a11_v2_csv` (those columns, then the 17 A-11 v2 columns) and
`to_a11_v2_csv` (the 17 columns alone), with Ruby's CSV writer rules: nil is an empty field,
an empty string is `""`, a field is quoted only when it holds a comma, a quote or a line
break, true/false are written as words, an Array as Ruby prints it (`["a", "b"]`), a time as
`2024-01-15 14:03:22 UTC`, and lines end in "\\n".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

INDICATORS = (
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "humanity",
    "employee",
    "other",
)
A11_V2_COLUMNS = (
    "external_id",
    "question_1",
    *(f"positive_{i}" for i in INDICATORS),
    *(f"negative_{i}" for i in INDICATORS),
    "question_4",
)
SUBMISSION_COLUMNS = (
    "Location Code",
    "User Agent",
    "Status",
    "Archived",
    "Flagged",
    "Deleted",
    "Deleted at",
    "Page",
    "Query string",
    "Hostname",
    "Referrer",
    "Created at",
)


@dataclass
class Submission:
    """One Touchpoints submission (the columns of the `submissions` table that are exported)."""

    id: int
    created_at: datetime
    answer_01: str
    answer_02: str | None = None  # "effectiveness,ease"
    answer_03: str | None = None
    answer_04: str | None = None
    uuid: str = ""
    location_code: str | None = None
    user_agent: str | None = "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0"
    aasm_state: str = "received"
    archived: bool = False
    flagged: bool = False
    spam: bool = False
    deleted: bool = False
    deleted_at: datetime | None = None
    page: str | None = "/feedback"
    query_string: str | None = "utm_source=email&ref=a,b"
    hostname: str | None = "www.example.gov"
    referer: str | None = "https://www.example.gov/help"
    ip_address: str | None = "203.0.113.7"
    tags: list = field(default_factory=list)

    def __post_init__(self):
        self.uuid = self.uuid or f"{self.id:08x}-0000-4000-8000-{self.id:012x}"

    @property
    def reportable(self) -> bool:  # Submission.reportable
        return not (self.flagged or self.spam or self.deleted)


def _ruby(value) -> str:
    """One field as Ruby's CSV writes it."""
    if value is None:
        return ""
    if value is True or value is False:
        text = "true" if value else "false"
    elif isinstance(value, datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S UTC")
    elif isinstance(value, list):
        text = "[" + ", ".join(f'"{item}"' for item in value) + "]"
    else:
        text = str(value)
    if text == "" or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _line(values) -> str:
    return ",".join(_ruby(v) for v in values) + "\n"


def _flags(chosen: str | None, offered) -> list:
    picked = chosen.split(",") if chosen else []
    return [1 if name in picked else (0 if name in offered else "null") for name in INDICATORS]


def _a11_values(s: Submission, offered) -> list:
    return [
        s.id,
        s.answer_01,
        *_flags(s.answer_02, offered),
        *_flags(s.answer_03, offered),
        s.answer_04,
    ]


def combined_export(
    questions, submissions, *, offered=INDICATORS, ip_address=True, reportable_only=False, bom=False
) -> str:
    """`Form#to_combined_a11_v2_csv`; `reportable_only=False` keeps flagged/deleted rows (as
    an older download or a hand-assembled file does)."""
    header = [
        "ID",
        "UUID",
        *questions,
        *SUBMISSION_COLUMNS,
        *(["IP Address"] if ip_address else []),
        "Tags",
        *A11_V2_COLUMNS,
    ]
    out = [_line(header)]
    for s in sorted(submissions, key=lambda s: s.created_at):
        if reportable_only and not s.reportable:
            continue
        meta = [
            s.location_code,
            s.user_agent,
            s.aasm_state,
            s.archived,
            s.flagged,
            s.deleted,
            s.deleted_at,
            s.page,
            s.query_string,
            s.hostname,
            s.referer,
            s.created_at,
        ]
        row = [
            s.id,
            s.uuid,
            s.answer_01,
            s.answer_02,
            s.answer_03,
            s.answer_04,
            *meta,
            *([s.ip_address] if ip_address else []),
            s.tags,
            *_a11_values(s, offered),
        ]
        out.append(_line(row))
    return ("\ufeff" if bom else "") + "".join(out)


def a11_v2_csv(submissions, start: datetime, end: datetime, *, offered=INDICATORS) -> str:
    """`Form#to_a11_v2_csv(start_date:, end_date:)`: reportable submissions created in
    [start, end], oldest first."""
    rows = sorted(
        (s for s in submissions if s.reportable and start <= s.created_at <= end),
        key=lambda s: s.created_at,
    )
    return ",".join(A11_V2_COLUMNS) + "\n" + "".join(_line(_a11_values(s, offered)) for s in rows)
