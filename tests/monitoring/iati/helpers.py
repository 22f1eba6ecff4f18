"""Helpers of the IATI tests: the official schema, and reading the exported file."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from django.conf import settings
from lxml import etree

from tests.conftest import require

# The official IATI 2.03 schemas, beside the checkout (never copied into it): IATI_SCHEMA_DIR
# if set, else ../shared/iati-2.03 beside this checkout, else the workplace's shared folder
# (a fresh clone made elsewhere, as CI makes one, has no ../shared of its own).
_CANDIDATES = [
    *([Path(os.environ["IATI_SCHEMA_DIR"])] if os.environ.get("IATI_SCHEMA_DIR") else []),
    Path(settings.BASE_DIR).parent / "shared" / "iati-2.03",
    Path("/work/shared/iati-2.03"),
]
SCHEMA = next(
    (
        d / "iati-activities-schema.xsd"
        for d in _CANDIDATES
        if (d / "iati-activities-schema.xsd").exists()
    ),
    _CANDIDATES[0] / "iati-activities-schema.xsd",
)


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def assert_valid(content: bytes) -> etree._Element:
    """Parse ``content`` and fail with the schema's messages unless it validates."""
    require("The IATI 2.03 schema", SCHEMA.exists(), f"{SCHEMA} is missing")
    document = etree.fromstring(content)
    schema = _schema()
    if not schema.validate(document):
        raise AssertionError("\n".join(str(error) for error in schema.error_log))
    return document


def indicator(document: etree._Element, code: str) -> etree._Element:
    """The ``<indicator>`` of the pool code ``code``."""
    (found,) = document.xpath(f"//indicator[reference/@code='{code}']")
    return found


def figures(element: etree._Element, tag: str) -> dict[str, str | None]:
    """{"total" / "female" / "male": @value (or the comment's text, for a yes/no)} of
    the ``tag`` children (baseline, target, actual) of ``element``."""
    result = {}
    for child in element.findall(tag):
        sex = child.find("dimension[@name='sex']")
        key = sex.get("value") if sex is not None else "total"
        assert key not in result, f"two {tag} elements for {key}"
        result[key] = child.get("value", child.findtext("comment/narrative"))
    return result


def periods(element: etree._Element) -> dict[str, etree._Element]:
    """The indicator's periods by their start date."""
    return {p.find("period-start").get("iso-date"): p for p in element.findall("period")}
