"""Bulk import of candidate clusters: a 2,000-row XLSX, parsed, validated, imported.

Runs inside a transaction that is rolled back, so the database is left as it was.
Aim: under 2 seconds for parse + validate + import.
"""

import io
import time

from django.db import transaction
from django.utils import timezone

ROWS = 2000


class _Rollback(Exception):
    pass


def build_xlsx(rows: int = ROWS) -> bytes:
    from openpyxl import Workbook

    from clusters.mapping.fields import CANDIDATE_FIELDS as FIELDS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("clusters")
    sheet.append(list(FIELDS))
    sectors = ["leather", "agro_food", "textiles", "wood", "metal", "fisheries"]
    for i in range(rows):
        sheet.append(
            [
                f"Bench cluster {i:05}",
                sectors[i % len(sectors)],
                "Shoes, bags and belts",
                f"Region {i % 14}",
                f"Town {i % 97}",
                12.0 + (i % 500) / 100,
                -17.0 + (i % 400) / 100,
                100 + i % 50,
                20 + i % 7,
                i % 5,
                i % 2,
                300 + i % 40,
                250 + i % 30,
                25.5,
                "Chamber of crafts; BDS provider",
                ["none", "low", "medium", "high"][i % 4],
                1 + i % 5,
                "Bench survey",
                timezone.localdate().replace(day=1),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    from clusters.mapping import importing, services
    from clusters.models import Cluster, Project
    from governance.models import User

    started = time.perf_counter()
    data = build_xlsx()
    built = time.perf_counter() - started
    print(f"built {ROWS} rows XLSX: {len(data) / 1024:.0f} KiB in {built:.2f} s")
    timings: dict[str, float] = {}
    try:
        with transaction.atomic():
            project = Project.objects.create(
                name="Bench import project", country="SN", starts_on=timezone.localdate()
            )
            actor = User.objects.create(username="bench-import-admin", is_superuser=True)
            t0 = time.perf_counter()
            preview = importing.parse_bytes(project=project, data=data, filename="bench.xlsx")
            t1 = time.perf_counter()
            assert preview.is_valid, preview.errors[:5]
            pending = importing.rows_to_json(preview.rows)
            created = services.cluster_candidates_import(actor=actor, project=project, rows=pending)
            t2 = time.perf_counter()
            assert len(created) == ROWS
            assert Cluster.objects.filter(project=project).count() == ROWS
            timings = {"parse+validate": t1 - t0, "import (re-validate+save)": t2 - t1}
            raise _Rollback
    except _Rollback:
        pass
    total = sum(timings.values())
    for name, seconds in timings.items():
        print(f"{name:<28} {seconds:6.2f} s  {ROWS / seconds:8.0f} rows/s")
    print(f"{'total':<28} {total:6.2f} s  {ROWS / total:8.0f} rows/s  (aim: < 2 s)")
