"""Small lxml helpers shared by the activity and the result builders."""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot hold (control characters a pasted text may carry).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FOUR_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)


def clean_text(text: object) -> str:
    return _NOT_XML.sub("", str(text)).strip()


def sub(parent: etree._Element, tag: str, **attributes: str | None) -> etree._Element:
    """A child element; attributes given as None are left out (``iso_date`` is
    written ``iso-date``)."""
    element = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value is not None:
            element.set(name.replace("_", "-"), value)
    return element


def narrative(parent: etree._Element, tag: str, text: object) -> etree._Element:
    """``<tag><narrative>text</narrative></tag>``: the shape of every IATI text."""
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, "narrative").text = clean_text(text)
    return element


def number(amount: Decimal) -> str:
    """A decimal as IATI reads it: 12.0000 as 12, 37.5000 as 37.5, never 1E+2."""
    return format(amount.quantize(FOUR_PLACES).normalize(), "f")


def percentage(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator * HUNDRED
