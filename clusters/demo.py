"""Demo data for the mapping of candidate clusters.

Called by ``load_demo`` with the demo project, its clusters by name and the demo
users by username. Idempotent: mapping fields are filled only when empty, extra
candidates are created only when missing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from .models import Cluster, ClusterStatus, ExportOrientation, Phase, Project, Sector

SOURCE = "Demo mapping survey, Ministry of Industry and regional chambers"

MAPPING: dict[str, dict[str, Any]] = {
    "Thiès Leather Cluster": {
        "enterprises_micro": 180,
        "enterprises_small": 42,
        "enterprises_medium": 6,
        "enterprises_large": 1,
        "employment_women": 410,
        "employment_men": 690,
        "women_owned_share": Decimal("28.5"),
        "support_institutions": "Chambre de Métiers de Thiès; tanners' association; BDS provider",
        "export_orientation": ExportOrientation.LOW,
        "growth_potential": 4,
    },
    "Kaolack Groundnut Cluster": {
        "enterprises_micro": 240,
        "enterprises_small": 35,
        "enterprises_medium": 9,
        "enterprises_large": 2,
        "employment_women": 820,
        "employment_men": 560,
        "women_owned_share": Decimal("61"),
        "support_institutions": "Women's processing groups federation; ISRA; microfinance network",
        "export_orientation": ExportOrientation.MEDIUM,
        "growth_potential": 4,
    },
    "Saint-Louis Fish Processing": {
        "enterprises_micro": 310,
        "enterprises_small": 18,
        "enterprises_medium": 3,
        "enterprises_large": 0,
        "employment_women": 1150,
        "employment_men": 240,
        "women_owned_share": Decimal("74"),
        "support_institutions": "Fish processors' GIE union; fisheries service",
        "export_orientation": ExportOrientation.MEDIUM,
        "growth_potential": 3,
    },
}

EXTRA_CANDIDATES: list[dict[str, Any]] = [
    {
        "name": "Ziguinchor Cashew Processing",
        "sector": Sector.AGRO_FOOD,
        "main_products": "Cashew kernels, cashew apple juice",
        "region": "Ziguinchor",
        "locality": "Ziguinchor",
        "latitude": Decimal("12.5681"),
        "longitude": Decimal("-16.2733"),
        "enterprises_micro": 95,
        "enterprises_small": 14,
        "enterprises_medium": 2,
        "enterprises_large": 0,
        "employment_women": 520,
        "employment_men": 130,
        "women_owned_share": Decimal("58"),
        "support_institutions": "Cashew interprofession; regional development agency",
        "export_orientation": ExportOrientation.HIGH,
        "growth_potential": 5,
    },
    {
        "name": "Dakar Garment Workshops",
        "sector": Sector.TEXTILES,
        "main_products": "Boubous, school uniforms, tailoring",
        "region": "Dakar",
        "locality": "Colobane",
        "latitude": Decimal("14.6880"),
        "longitude": Decimal("-17.4470"),
        "enterprises_micro": 400,
        "enterprises_small": 60,
        "enterprises_medium": 5,
        "enterprises_large": 1,
        "employment_women": 900,
        "employment_men": 1100,
        "women_owned_share": Decimal("35"),
        "support_institutions": "Tailors' federation; vocational training centre",
        "export_orientation": ExportOrientation.LOW,
        "growth_potential": 3,
    },
    {
        "name": "Tambacounda Honey and Shea",
        "sector": Sector.AGRO_FOOD,
        "main_products": "Honey, shea butter",
        "region": "Tambacounda",
        "locality": "Tambacounda",
        "latitude": Decimal("13.7707"),
        "longitude": Decimal("-13.6673"),
        "enterprises_micro": 70,
        "enterprises_small": 6,
        "employment_women": 260,
        "employment_men": 90,
        "women_owned_share": Decimal("66"),
        "export_orientation": ExportOrientation.NONE,
        "growth_potential": 2,
    },
    {
        "name": "Touba Metal and Tools",
        "sector": Sector.METAL,
        "main_products": "Agricultural tools, carts, grills",
        "region": "Diourbel",
        "locality": "Touba",
        "latitude": Decimal("14.8500"),
        "longitude": Decimal("-15.8833"),
        "enterprises_micro": 150,
        "enterprises_small": 12,
        "enterprises_medium": 1,
        "employment_women": 30,
        "employment_men": 640,
        "women_owned_share": Decimal("3"),
        "support_institutions": "Blacksmiths' association",
        "export_orientation": ExportOrientation.NONE,
        "growth_potential": 3,
    },
]


def extend_demo(*, project: Project, clusters: dict[str, Cluster], users: dict[str, Any]) -> None:
    coordinator = users.get("coordinator")
    info_date = datetime.date(2025, 3, 15)
    for name, values in MAPPING.items():
        cluster = clusters.get(name)
        if cluster is None:
            continue
        changed = []
        for field, value in {
            **values,
            "information_source": SOURCE,
            "information_date": info_date,
        }.items():
            if getattr(cluster, field) in (None, ""):
                setattr(cluster, field, value)
                changed.append(field)
        if cluster.created_by_id is None and coordinator is not None:
            cluster.created_by = coordinator
            changed.append("created_by")
        if changed:
            cluster.save(update_fields=[*changed, "updated_at"])
    for values in EXTRA_CANDIDATES:
        defaults = {k: v for k, v in values.items() if k != "name"}
        defaults.update(
            {
                "status": ClusterStatus.CANDIDATE,
                "phase": Phase.MAPPING,
                "information_source": SOURCE,
                "information_date": info_date,
                "created_by": coordinator,
            }
        )
        Cluster.objects.get_or_create(project=project, name=values["name"], defaults=defaults)
