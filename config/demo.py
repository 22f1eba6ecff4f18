"""The whole project's demo: one project with three clusters and one login per role,
then each app's own part in phase order.

The composition root knows every app, so it collects the apps' demos itself: each
app that has demo data exposes ``<app>/demo*.py`` modules with
``extend_demo(*, project, clusters, users)``. They run in phase order (``PHASES``),
then by module name. No app registers anything and no app imports ``config``.
Everything is looked up by natural key before it is created, so loading twice adds
nothing.
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import Any

from django.apps import apps

from clusters.models import Cluster, ClusterStatus, Phase, Project, Sector
from governance.models import Role, RoleAssignment, User
from governance.roles.services import role_grant

DEMO_PASSWORD = "clusterdev-demo"

# The phase apps, base first: a later phase's demo may build on an earlier one's.
PHASES = ("clusters", "governance", "diagnostics", "actionplans", "monitoring")

DEMO_USERS = [
    # username, first, last, role, cluster name (None: project role), superuser
    ("admin", "Ada", "Admin", None, None, True),
    ("coordinator", "Amina", "Diallo", Role.COORDINATOR, None, False),
    ("steering", "Kwame", "Mensah", Role.STEERING, None, False),
    ("cda", "Fatou", "Ndiaye", Role.CDA, "Thiès Leather Cluster", False),
    ("cda2", "Moussa", "Sow", Role.CDA, "Kaolack Groundnut Cluster", False),
    ("commission", "Awa", "Ba", Role.COMMISSION, "Thiès Leather Cluster", False),
]

DEMO_CLUSTERS = [
    (
        "Thiès Leather Cluster",
        Sector.LEATHER,
        "Shoes, bags, belts",
        "Thiès",
        "Thiès",
        14.79,
        -16.93,
        ClusterStatus.SELECTED,
        Phase.IMPLEMENTATION,
    ),
    (
        "Kaolack Groundnut Cluster",
        Sector.AGRO_FOOD,
        "Groundnut oil, paste",
        "Kaolack",
        "Kaolack",
        14.15,
        -16.07,
        ClusterStatus.SELECTED,
        Phase.DIAGNOSTIC,
    ),
    (
        "Saint-Louis Fish Processing",
        Sector.FISHERIES,
        "Dried and smoked fish",
        "Saint-Louis",
        "Guet Ndar",
        16.03,
        -16.49,
        ClusterStatus.CANDIDATE,
        Phase.MAPPING,
    ),
]


def load_cast() -> tuple[Project, dict[str, Cluster], dict[str, Any]]:
    """The project, its clusters by name and the demo users by username, with their roles."""
    project, _ = Project.objects.get_or_create(
        name="Senegal SME Cluster Programme",
        defaults={
            "country": "SN",
            "donor": "Demo donor trust fund",
            "starts_on": datetime.date(2025, 1, 1),
            "ends_on": datetime.date(2028, 12, 31),
            "description": "Demo project: cluster development in three regions.",
        },
    )
    clusters = {}
    for name, sector, products, region, locality, lat, lon, status, phase in DEMO_CLUSTERS:
        clusters[name], _ = Cluster.objects.get_or_create(
            project=project,
            name=name,
            defaults={
                "sector": sector,
                "main_products": products,
                "region": region,
                "locality": locality,
                "latitude": lat,
                "longitude": lon,
                "status": status,
                "phase": phase,
            },
        )
    admin = None
    for username, first, last, role, cluster_name, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = superuser
            user.save()
        if superuser:
            admin = user
        if role is None:
            continue
        cluster = clusters.get(cluster_name)
        exists = RoleAssignment.objects.active().filter(
            user=user, role=role, project=project, cluster=cluster
        )
        if not exists.exists():
            role_grant(actor=admin, user=user, role=role, project=project, cluster=cluster)
    users = {u.username: u for u in User.objects.filter(username__in=[d[0] for d in DEMO_USERS])}
    return project, clusters, users


def app_demo_modules() -> list[Any]:
    """Every ``<app>/demo*.py`` module of the phase apps, in phase order then by name."""
    modules = []
    for app in PHASES:
        app_dir = Path(apps.get_app_config(app).path)
        for module_path in sorted(app_dir.glob("demo*.py")):
            modules.append(importlib.import_module(f"{app}.{module_path.stem}"))
    return modules


def load() -> None:
    """Load the whole demo (idempotent); call inside a transaction."""
    project, clusters, users = load_cast()
    for module in app_demo_modules():
        module.extend_demo(project=project, clusters=clusters, users=users)


def logins() -> list[str]:
    """One line per demo login: username and what they are."""
    lines = []
    for username, _first, _last, role, cluster_name, superuser in DEMO_USERS:
        what = "administrator" if superuser else Role(role).label
        where = f" of {cluster_name}" if cluster_name else ""
        lines.append(f"  {username:<12} {what}{where}")
    return lines
