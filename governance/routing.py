"""Building URL lists: the routes that share a prefix, written once under it."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import URLPattern, path


def under(prefix: str, *routes: tuple[str, Callable, str]) -> list[URLPattern]:
    """A ``path()`` for each ``(rest, view, name)``, at ``prefix + rest``."""
    return [path(prefix + rest, view, name=name) for rest, view, name in routes]
