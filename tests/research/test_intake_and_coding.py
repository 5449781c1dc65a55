"""Transcripts arrive as .txt, .md, .vtt or .docx, are redacted (the researcher confirms), and
highlights keep exact character offsets, timecodes and hierarchical tags."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiccx.research import services
from civiccx.research.intake import IntakeError, read_upload
from civiccx.research.models import ChangeLog, Highlight, ResearchSession
from tests.research.factories import join, make_participant, make_study

pytestmark = pytest.mark.django_db

VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
Interviewer: Hello.

2
00:01:10.500 --> 00:01:15.000
Participant: Call me at 202-555-0143 about the grant.
"""


def _docx(paragraphs) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f"<w:body>{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_a_vtt_upload_is_redacted_and_highlights_know_their_timecode(staff_client):
    study = make_study()
    participant = make_participant(study)
    client = join(staff_client("researcher"), study)
    response = client.post(reverse("research:session-new", args=[study.pk]), {
        "title": "Call", "participant": participant.pk,
        "file": SimpleUploadedFile("call.vtt", VTT.encode())})
    session = ResearchSession.objects.get()
    assert response.url == reverse("research:session", args=[session.pk])
    assert session.transcript == ("Interviewer: Hello.\n"
                                  "Participant: Call me at [PHONE] about the grant.")
    assert session.redactions == {"PHONE": 1} and not session.redaction_confirmed
    page = client.get(response.url).content.decode()
    assert "Check the redaction" in page and "PHONE × 1" in page
    with pytest.raises(ValidationError, match="Confirm the redaction"):
        services.add_highlight(session, None, start=0, end=5)

    client.post(response.url, {"confirm": "1"})
    start = session.transcript.index("about the grant")
    client.post(response.url, {"h-start": start, "h-end": start + 15,
                               "h-new_tag": "Topics / Grants / Deadlines"})
    highlight = Highlight.objects.get()
    assert highlight.text == "about the grant" and highlight.timecode == "00:01:10"
    assert [t.path for t in highlight.tags.all()] == ["Topics/Grants/Deadlines"]
    assert ChangeLog.objects.filter(action="highlight added").count() == 1


def test_docx_and_markdown_are_read_and_other_files_refused():
    assert read_upload("notes.docx", _docx(["First line", "Second line"])).text == (
        "First line\nSecond line")
    assert read_upload("notes.md", b"# Session\r\nText\r\n").text == "# Session\nText"
    with pytest.raises(IntakeError, match="Upload a .txt"):
        read_upload("notes.pdf", b"%PDF")
    with pytest.raises(IntakeError, match="cannot be opened"):
        read_upload("broken.docx", b"not a zip")


def test_a_highlight_outside_the_transcript_is_refused(staff_client):
    study = make_study()
    session = services.upload_transcript(study, None, title="S", name="s.txt", data=b"Short.")
    assert session.redaction_confirmed  # nothing was redacted, nothing to confirm
    response = join(staff_client("researcher"), study).post(
        reverse("research:session", args=[session.pk]), {"h-start": 3, "h-end": 99})
    assert "Select a passage of the transcript first." in response.content.decode()
    assert not Highlight.objects.exists()


def test_an_insight_must_cite_a_highlight(staff_client):
    study = make_study()
    response = join(staff_client("researcher"), study).post(
        reverse("research:insight-new", args=[study.pk]), {"statement": "People like it."})
    assert response.status_code == 200 and not study.insights.exists()


def test_the_change_log_is_append_only():
    study = make_study()
    services.log(study, None, "test")
    entry = ChangeLog.objects.get()
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
