"""Uploads checked by content: a file must really be what its name says.

``FileContentValidator(extensions)`` reads an upload's bytes and refuses it when they
do not match its extension (an ``.exe`` or an HTML page renamed ``.pdf`` or
``.xlsx``). Every upload field uses it, next to its extension and size checks:
the attached documents (``DOCUMENT_UPLOAD_VALIDATORS``, meeting minutes and terms of
reference, pages and API) and the cluster import (CSV or XLSX, page and API).

What each extension must contain:

* pdf: starts with ``%PDF-``;
* doc: an OLE2 compound document; docx: a ZIP with ``[Content_Types].xml`` and
  ``word/``; xlsx: the same with ``xl/``; odt: a ZIP whose ``mimetype`` entry names
  an OpenDocument text;
* jpg/jpeg, png: their magic numbers;
* csv: text (no NUL byte, UTF-8 or Windows-1252) that is no known binary format.

An extension outside the validator's list is left to the extension check (one
message, not two). Nothing here imports another app.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .models import DOCUMENT_EXTENSIONS, validate_document_size

HEAD_BYTES = 2048
# Read at most this much of a text file to check it (the import's limit is 5 MB).
TEXT_CHECK_BYTES = 6 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
ZIP = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
BINARY_SIGNATURES = (b"%PDF-", OLE2, PNG, JPEG, ZIP, b"MZ", b"\x7fELF", b"GIF8")


def _read_all(file: Any, limit: int) -> bytes:
    file.seek(0)
    return file.read(limit)


def _zip_names(file: Any) -> zipfile.ZipFile | None:
    file.seek(0)
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _office_zip(file: Any, head: bytes, folder: str) -> bool:
    if not head.startswith(ZIP):
        return False
    archive = _zip_names(file)
    if archive is None:
        return False
    names = archive.namelist()
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def _odt(file: Any, head: bytes) -> bool:
    if not head.startswith(ZIP):
        return False
    archive = _zip_names(file)
    if archive is None:
        return False
    try:
        return archive.read("mimetype").strip() == ODT_MIMETYPE
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _text(file: Any, head: bytes) -> bool:
    if head.startswith(BINARY_SIGNATURES):
        return False
    data = _read_all(file, TEXT_CHECK_BYTES)
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


CHECKS: dict[str, Callable[[Any, bytes], bool]] = {
    "pdf": lambda f, head: head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-"),
    "doc": lambda f, head: head.startswith(OLE2),
    "docx": lambda f, head: _office_zip(f, head, "word/"),
    "xlsx": lambda f, head: _office_zip(f, head, "xl/"),
    "odt": _odt,
    "jpg": lambda f, head: head.startswith(JPEG),
    "jpeg": lambda f, head: head.startswith(JPEG),
    "png": lambda f, head: head.startswith(PNG),
    "csv": _text,
}


MISMATCH = _("This file is not a real %(extension)s file: its content does not match its name.")
# The import's own wording (the same as the importer's messages).
MESSAGES = {
    "xlsx": _("The file is not an Excel (.xlsx) workbook."),
    "csv": _("This is not a text CSV file."),
}


def content_matches(file: Any, extension: str) -> bool:
    """Whether the file's bytes are a real ``extension`` file (position kept)."""
    check = CHECKS[extension]
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
        return check(file, head)
    finally:
        file.seek(position)


@deconstructible
class FileContentValidator:
    """Refuse an upload whose content does not match its (allowed) extension."""

    code = "file_content_mismatch"

    def __init__(self, extensions: Iterable[str]) -> None:
        self.extensions = [e.lower() for e in extensions]
        unknown = set(self.extensions) - set(CHECKS)
        if unknown:
            raise ValueError(f"No content check for: {sorted(unknown)}")

    def __call__(self, file: Any) -> None:
        name = getattr(file, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in self.extensions:
            return  # the extension check answers this one
        if hasattr(file, "_committed") and file._committed:
            return  # a file already stored (checked when it was uploaded)
        try:
            ok = content_matches(file, extension)
        except (OSError, ValueError):
            ok = False
        if not ok:
            message = MESSAGES.get(extension, MISMATCH)
            raise ValidationError(message, params={"extension": extension.upper()}, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileContentValidator) and self.extensions == other.extensions


# The attached documents (minutes, terms of reference): extension, size, content.
DOCUMENT_UPLOAD_VALIDATORS = [
    FileExtensionValidator(allowed_extensions=DOCUMENT_EXTENSIONS),
    validate_document_size,
    FileContentValidator(DOCUMENT_EXTENSIONS),
]

# The cluster import (its extension and size are checked by the form / importer).
IMPORT_EXTENSIONS = ["csv", "xlsx"]
import_content_validator = FileContentValidator(IMPORT_EXTENSIONS)


def document_download(field_file: Any, name_hint: str) -> Any:
    """An attached document as a download named ``name_hint`` plus its extension (404
    when none is attached). The caller has authorized the record it belongs to."""
    from pathlib import Path

    from django.http import FileResponse, Http404
    from django.utils.translation import gettext as _

    if not field_file:
        raise Http404(_("No file is attached."))
    filename = name_hint + Path(field_file.name).suffix.lower()
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=filename)
