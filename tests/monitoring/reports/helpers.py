import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text with whitespace folded (table cells wrap their words)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())
