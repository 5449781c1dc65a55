"""REFI-QDA codebook exchange: export a study's hierarchical codebook, import it into an empty
study, and get the same codebook back; a file that is not a codebook is refused."""

import pytest
from django.urls import reverse

from civiccx.research import codebook, services
from civiccx.research.models import Tag
from tests.research.factories import join, make_study

pytestmark = pytest.mark.django_db


def _paths(study):
    return sorted((t.path, t.description) for t in study.tags.all())


def test_the_codebook_round_trips_into_an_empty_study(staff_client):
    source = make_study()
    services.tag_for_path(source, "Access/Phone/Callback", "The number given for a callback.")
    services.tag_for_path(source, "Access/In person")
    services.tag_for_path(source, "Trust & “respect” <quoted>", "Tricky & characters.")
    client = staff_client("researcher")
    empty = make_study(title="Copy")
    join(client, source, empty)
    exported = client.get(reverse("research:codebook-qdc", args=[source.pk]))
    assert exported["Content-Disposition"].endswith('.qdc"')
    xml = exported.content
    assert b'xmlns="urn:QDA-XML:codebook:1.0"' in xml and b"<Codes>" in xml

    upload = {"file": _file(xml)}
    response = client.post(reverse("research:codebook-import", args=[empty.pk]), upload,
                           follow=True)
    assert "5 tags imported." in response.content.decode()
    assert _paths(empty) == _paths(source)
    assert {t.guid for t in empty.tags.all()} == {t.guid for t in source.tags.all()}
    assert codebook.export_qdc(empty) == xml  # the same codebook, byte for byte
    assert codebook.import_qdc(empty, xml) == 0  # importing again adds nothing


def test_a_file_that_is_not_a_codebook_is_refused(staff_client):
    study = make_study()
    client = join(staff_client("researcher"), study)
    for data in (b"not xml", b"<Project xmlns='urn:QDA-XML:project:1.0'/>",
                 b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                 b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">&a;</CodeBook>'):
        response = client.post(reverse("research:codebook-import", args=[study.pk]),
                               {"file": _file(data)}, follow=True)
        assert "not a REFI-QDA codebook" in response.content.decode()
    assert not Tag.objects.exists()


def test_the_codebook_csv_lists_paths_and_uses(staff_client):
    study = make_study()
    services.tag_for_path(study, "Access/Phone")
    client = join(staff_client("researcher"), study)
    csv = client.get(reverse("research:codebook-csv", args=[study.pk]))
    assert csv.content.decode().splitlines()[1:] == ["Access,,0", "Access/Phone,,0"]


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("codebook.qdc", data, content_type="application/xml")
