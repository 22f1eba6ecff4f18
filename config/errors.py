"""Error pages: API paths answer JSON, like the rest of the API."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A URL under /api/ that matches no route (``/api/meetings/0.5/``) answers the API's
    404, ``{"detail": "Not found."}``; other paths get the site's 404 page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
