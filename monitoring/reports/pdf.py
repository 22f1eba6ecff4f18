"""HTML to PDF with WeasyPrint, reading nothing but the app's own static files.

WeasyPrint fetches every URL a document names (images, style sheets, fonts). A report
holds user text; were any of it ever to reach an attribute as a URL, a default fetcher
would read local files (``file:///etc/passwd``) or call internal hosts for the
attacker. This fetcher answers only ``data:`` URLs and files under the static folders;
anything else is refused and the render goes on without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings


class RefusedURL(ValueError):
    pass


def _static_roots() -> list[Path]:
    # An entry is a folder, or (prefix, folder).
    roots = [Path(d[1] if isinstance(d, tuple | list) else d) for d in settings.STATICFILES_DIRS]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    return [r.resolve() for r in roots]


def allowed_url(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(root) for root in _static_roots())


def static_only_fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, *args: Any, **kwargs: Any) -> Any:
            if not allowed_url(url):
                raise RefusedURL(f"reports may not fetch {url[:200]}")
            return super().fetch(url, *args, **kwargs)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    roots = _static_roots()
    base = roots[0] if roots else Path(settings.BASE_DIR) / "static"
    document = HTML(string=html, base_url=f"{base.as_uri()}/", url_fetcher=static_only_fetcher())
    return document.write_pdf()
