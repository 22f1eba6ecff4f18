"""Load demo data: one project with three clusters and one login per role.

Lives in the last phase's app because demo data touches every phase. Safe to
run again: everything is looked up by natural key before it is created.
"""

import datetime
import importlib
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from actionplans.models import ActivityKind, FieldActivity
from clusters.models import Cluster, ClusterStatus, Phase, Project, Sector
from governance.models import Role, RoleAssignment, User
from governance.services import role_grant

DEMO_PASSWORD = "clusterdev-demo"

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


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print one login per role."

    @transaction.atomic
    def handle(self, *args, **options):
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
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
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
        cda = User.objects.get(username="cda")
        leather = clusters["Thiès Leather Cluster"]
        if not FieldActivity.objects.filter(cluster=leather).exists():
            today = timezone.localdate()
            for days, kind, summary, women, men in [
                (40, ActivityKind.MEETING, "Commission meeting on joint purchase of hides", 6, 9),
                (21, ActivityKind.TRAINING, "Training on finishing techniques", 11, 7),
                (3, ActivityKind.VISIT, "Visit to three workshops in Thiès market", 2, 3),
            ]:
                FieldActivity.objects.create(
                    cluster=leather,
                    occurred_on=today - datetime.timedelta(days=days),
                    kind=kind,
                    summary=summary,
                    location="Thiès",
                    women=women,
                    men=men,
                    recorded_by=cda,
                )
        # Each app may add demo data in <app>/demo*.py modules, each with
        # extend_demo(project, clusters, users); they run in phase order, then by name.
        users = {
            u.username: u for u in User.objects.filter(username__in=[d[0] for d in DEMO_USERS])
        }
        for app in ("clusters", "governance", "diagnostics", "actionplans", "monitoring"):
            app_dir = Path(apps.get_app_config(app).path)
            for module_path in sorted(app_dir.glob("demo*.py")):
                module = importlib.import_module(f"{app}.{module_path.stem}")
                module.extend_demo(project=project, clusters=clusters, users=users)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for username, _first, _last, role, cluster_name, superuser in DEMO_USERS:
            what = "administrator" if superuser else Role(role).label
            where = f" of {cluster_name}" if cluster_name else ""
            self.stdout.write(f"  {username:<12} {what}{where}")
