"""Attached documents (meeting minutes, terms of reference): their extensions and size."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "odt", "jpg", "jpeg", "png"]


DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_document_size(file: Any) -> None:
    """Attached documents (minutes, terms of reference) are at most 10 MB."""
    size = getattr(file, "size", None)
    if size is not None and size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too big (%(size)s MB); the limit is %(limit)s MB."),
            params={
                "size": f"{size / (1024 * 1024):.1f}",
                "limit": DOCUMENT_MAX_BYTES // (1024 * 1024),
            },
            code="file_too_big",
        )


document_validators = [
    FileExtensionValidator(allowed_extensions=DOCUMENT_EXTENSIONS),
    validate_document_size,
]


def document_file_field(verbose_name: Any, upload_to: str) -> models.FileField:
    """An optional attached document (PDF, Word, ODT, JPG or PNG, at most 10 MB)."""
    return models.FileField(
        verbose_name, upload_to=upload_to, blank=True, validators=document_validators
    )
