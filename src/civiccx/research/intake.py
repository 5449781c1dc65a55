"""Transcripts in: read an upload (.txt, .md, .vtt with timecodes, .docx), redact personal
information with the platform's redactor (`core.redaction`), and keep the original only
encrypted and only until the study's raw retention ends. The researcher sees what was redacted
and confirms it (suggest mode) before coding."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

import defusedxml.ElementTree as SafeTree
from django.utils.translation import gettext as _

from civiccx.core.redaction import redact

ACCEPTED = (".txt", ".md", ".vtt", ".docx")
MAX_BYTES = 2_000_000
_TIMING = re.compile(r"^(?:(\d{2,}):)?(\d{2}):(\d{2})\.\d{3}\s+-->\s+")
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class IntakeError(ValueError):
    """The upload cannot be read; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class Transcript:
    text: str
    cues: list  # [[offset in text, "hh:mm:ss"], ...]


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n\ufeff")


def read_vtt(text: str) -> Transcript:
    """WebVTT: each cue's text joined by line; the cue's start time kept beside its offset,
    so a highlight knows where in the recording it is."""
    lines, cues, offset, timecode = [], [], 0, None
    for raw in _normalise(text).split("\n"):
        line = raw.strip()
        match = _TIMING.match(line)
        if match:
            hours, minutes, seconds = match.group(1) or "00", match.group(2), match.group(3)
            timecode = f"{int(hours):02d}:{minutes}:{seconds}"
            continue
        if not line or line.startswith(("WEBVTT", "NOTE")) or line.isdigit():
            continue
        if timecode:
            cues.append([offset, timecode])
            timecode = None
        lines.append(line)
        offset += len(line) + 1
    return Transcript("\n".join(lines), cues)


def read_docx(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            document = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as error:
        raise IntakeError(_("This .docx file cannot be opened.")) from error
    root = SafeTree.fromstring(document)
    paragraphs = []
    for paragraph in root.iter(f"{_WORD_NS}p"):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{_WORD_NS}t")))
    return "\n".join(paragraphs)


def read_upload(name: str, data: bytes) -> Transcript:
    lower = name.lower()
    if not lower.endswith(ACCEPTED):
        raise IntakeError(_("Upload a .txt, .md, .vtt or .docx file."))
    if len(data) > MAX_BYTES:
        raise IntakeError(_("The file is larger than 2 MB."))
    if lower.endswith(".docx"):
        return Transcript(_normalise(read_docx(data)), [])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IntakeError(_("The file is not UTF-8 text.")) from error
    if lower.endswith(".vtt"):
        return read_vtt(text)
    return Transcript(_normalise(text), [])


def redact_transcript(transcript: Transcript) -> tuple[Transcript, dict]:
    """Redact line by line so the cue offsets stay exact for the redacted text."""
    if not transcript.cues:
        result = redact(transcript.text)
        return Transcript(result.text, []), dict(result.counts)
    lines, counts, cues = [], {}, []
    starts = dict(transcript.cues)
    offset = old_offset = 0
    for line in transcript.text.split("\n"):
        result = redact(line)
        if old_offset in starts:
            cues.append([offset, starts[old_offset]])
        for token, count in result.counts.items():
            counts[token] = counts.get(token, 0) + count
        lines.append(result.text)
        offset += len(result.text) + 1
        old_offset += len(line) + 1
    return Transcript("\n".join(lines), cues), counts
