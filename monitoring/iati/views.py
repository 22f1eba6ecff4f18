"""The coordinator's download of the project's IATI activity file."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from clusters.models import Project
from governance.access import Action, get_authorized

from .builder import iati_file


def iati_filename(project: Project) -> str:
    """``iati-<project>-<date>.xml``; a name without Latin letters falls back to its id."""
    name = slugify(project.name) or f"project-{project.pk}"
    return f"iati-{name}-{timezone.localdate().isoformat()}.xml"


def iati_export(request, pk: int):
    project = get_authorized(request.user, Project, Action.MANAGE, pk=pk)
    response = HttpResponse(iati_file(project), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=iati_filename(project)
    )
    return response
