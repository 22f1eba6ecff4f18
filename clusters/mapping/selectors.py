"""Reads for the candidate list, exports and the map, scoped by the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from governance.access import Action, visible

from ..models import Cluster, ClusterStatus, Phase, Project, Sector
from .fields import EMPLOYMENT_FIELDS, ENTERPRISE_FIELDS


def candidate_list(
    *, user: Any, project: Project, sector: str = "", region: str = "", status: str = ""
) -> QuerySet[Cluster]:
    """The project's clusters this user may see, optionally filtered."""
    qs = Cluster.objects.filter(project=project)
    if sector:
        qs = qs.filter(sector=sector)
    if region:
        qs = qs.filter(region=region)
    if status:
        qs = qs.filter(status=status)
    return visible(user, qs, Action.VIEW).order_by("name", "pk")


def candidate_regions(*, user: Any, project: Project) -> list[str]:
    """Distinct regions of the visible clusters (for the filters), in one query."""
    qs = visible(user, Cluster.objects.filter(project=project), Action.VIEW)
    return sorted(
        {r for r in qs.exclude(region="").values_list("region", flat=True).distinct() if r}
    )


def workable_ids(*, user: Any, project: Project) -> set[int]:
    qs = Cluster.objects.filter(project=project)
    return set(visible(user, qs, Action.WORK).values_list("pk", flat=True))


def map_points(
    *, user: Any, project: Project, sector: str = "", region: str = ""
) -> list[dict[str, Any]]:
    """The visible clusters as plain dicts for the map (one query)."""
    sectors = dict(Sector.choices)
    statuses = dict(ClusterStatus.choices)
    phases = dict(Phase.choices)
    rows = candidate_list(user=user, project=project, sector=sector, region=region).values(
        "pk",
        "name",
        "sector",
        "region",
        "locality",
        "status",
        "phase",
        "latitude",
        "longitude",
        *ENTERPRISE_FIELDS,
        *EMPLOYMENT_FIELDS,
    )
    points = []
    for row in rows:
        enterprises = [row[k] for k in ENTERPRISE_FIELDS if row[k] is not None]
        employment = [row[k] for k in EMPLOYMENT_FIELDS if row[k] is not None]
        points.append(
            {
                "id": row["pk"],
                "name": row["name"],
                "sector": row["sector"],
                "sector_label": str(sectors.get(row["sector"], row["sector"])),
                "region": row["region"],
                "locality": row["locality"],
                "status": row["status"],
                "status_label": str(statuses.get(row["status"], row["status"])),
                "phase": row["phase"],
                "phase_label": str(phases.get(row["phase"], row["phase"])),
                "lat": float(row["latitude"]) if row["latitude"] is not None else None,
                "lon": float(row["longitude"]) if row["longitude"] is not None else None,
                "enterprises_total": sum(enterprises) if enterprises else None,
                "employment_total": sum(employment) if employment else None,
                "url": reverse("cluster-detail", args=[row["pk"]]),
            }
        )
    return points
