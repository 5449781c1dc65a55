"""The study's codebook in and out: REFI-QDA codebook exchange (.qdc, the "QDA-XML codebook"
schema, urn:QDA-XML:codebook:1.0, which Taguette, ATLAS.ti, MAXQDA and NVivo read) and a CSV
for spreadsheets. Importing a file another program wrote is parsed without resolving entities
or DTDs (defusedxml)."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree

import defusedxml.ElementTree as SafeTree
from django.db import transaction
from django.utils.translation import gettext as _

from civiccx.core.spreadsheets import Sheet
from civiccx.research.models import Study, Tag

NAMESPACE = "urn:QDA-XML:codebook:1.0"
_NS = f"{{{NAMESPACE}}}"


class CodebookError(ValueError):
    pass


def _children(tags: list[Tag], parent_id) -> list[Tag]:
    return sorted((t for t in tags if t.parent_id == parent_id), key=lambda t: t.name)


def export_qdc(study: Study) -> bytes:
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(f"{_NS}CodeBook", {"origin": "Civic CX"})
    codes = ElementTree.SubElement(root, f"{_NS}Codes")
    tags = list(study.tags.all())

    def add(parent_element, tag):
        element = ElementTree.SubElement(parent_element, f"{_NS}Code", {
            "guid": str(tag.guid), "name": tag.name, "isCodable": "true"})
        if tag.description:
            ElementTree.SubElement(element, f"{_NS}Description").text = tag.description
        for child in _children(tags, tag.pk):
            add(element, child)

    for tag in _children(tags, None):
        add(codes, tag)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@transaction.atomic
def import_qdc(study: Study, data: bytes) -> int:
    """Add the file's codes to the study (an existing name at the same place is kept)."""
    try:
        root = SafeTree.fromstring(data)
    except (ElementTree.ParseError, ValueError) as error:
        raise CodebookError(_("This file is not a REFI-QDA codebook.")) from error
    if root.tag != f"{_NS}CodeBook":
        raise CodebookError(_("This file is not a REFI-QDA codebook."))
    codes = root.find(f"{_NS}Codes")
    count = 0

    def add(element, parent):
        nonlocal count
        name = (element.get("name") or "").strip()[:100]
        if not name:
            raise CodebookError(_("A code in the file has no name."))
        description = element.findtext(f"{_NS}Description") or ""
        try:
            guid = uuid.UUID(element.get("guid", ""))
        except ValueError:
            guid = uuid.uuid4()
        if study.tags.filter(guid=guid).exists():
            guid = uuid.uuid4()
        tag, created = Tag.objects.get_or_create(
            study=study, parent=parent, name=name,
            defaults={"description": description, "guid": guid})
        count += created
        for child in element.findall(f"{_NS}Code"):
            add(child, tag)

    for element in (codes.findall(f"{_NS}Code") if codes is not None else []):
        add(element, None)
    return count


def codebook_sheet(study: Study) -> Sheet:
    tags = study.tags.all()
    return Sheet(f"codebook-study-{study.pk}.csv", ["tag", "description", "highlights"],
                 [[t.path, t.description, t.highlights.count()] for t in tags])
