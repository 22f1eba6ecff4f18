"""Bulk import of candidate clusters: every error by row and column, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusters.mapping import importing, services
from clusters.mapping.views import IMPORT_SESSION_KEY
from clusters.models import Cluster

from .helpers import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "name",
    "sector",
    "main_products",
    "region",
    "locality",
    "latitude",
    "longitude",
    "enterprises_micro",
    "enterprises_small",
    "enterprises_medium",
    "enterprises_large",
    "employment_women",
    "employment_men",
    "women_owned_share",
    "support_institutions",
    "export_orientation",
    "growth_potential",
    "information_source",
    "information_date",
]


def row(name, **overrides):
    values = {
        "name": name,
        "sector": "leather",
        "main_products": "Shoes",
        "region": "Thiès",
        "locality": "Thiès",
        "latitude": "14.79",
        "longitude": "-16.93",
        "enterprises_micro": "100",
        "enterprises_small": "20",
        "enterprises_medium": "3",
        "enterprises_large": "0",
        "employment_women": "300",
        "employment_men": "400",
        "women_owned_share": "25.5",
        "support_institutions": "Chamber of crafts",
        "export_orientation": "low",
        "growth_potential": "4",
        "information_source": "Survey",
        "information_date": "2025-01-31",
    }
    values.update(overrides)
    return [values[h] for h in HEADER]


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def bad_file_rows():
    return [
        HEADER,
        row("Good one"),  # row 2
        row("Bad number", enterprises_micro="ten"),  # row 3
        row(""),  # row 4: name missing
        row("Good one"),  # row 5: duplicate of row 2
        row("Cluster A1"),  # row 6: already in project A
        row("Far north", latitude="95", longitude="-200"),  # row 7
        row("Mining", sector="mining"),  # row 8
        row("Too many women", women_owned_share="150"),  # row 9
        row("Future", information_date=tomorrow()),  # row 10
        row("Growth", growth_potential="7", export_orientation="huge"),  # row 11
        row("Negative", employment_men="-5"),  # row 12
        row("Bad date", information_date="31-31-2025"),  # row 13
    ]


EXPECTED_ERRORS = {
    (3, "enterprises_micro"),
    (4, "name"),
    (5, "name"),
    (6, "name"),
    (7, "latitude"),
    (7, "longitude"),
    (8, "sector"),
    (9, "women_owned_share"),
    (10, "information_date"),
    (11, "growth_potential"),
    (11, "export_orientation"),
    (12, "employment_men"),
    (13, "information_date"),
}


def test_every_error_is_reported_by_row_and_column(world):
    preview = importing.parse_bytes(
        project=world.project_a, data=csv_bytes(bad_file_rows()), filename="bad.csv"
    )
    found = {(e.row, e.column) for e in preview.errors}
    assert found == EXPECTED_ERRORS
    assert not preview.is_valid
    assert preview.error_rows == 11
    messages = {(e.row, e.column): e.message for e in preview.errors}
    assert "row 2" in messages[(5, "name")]
    assert "already exists" in messages[(6, "name")]
    assert "mining" in messages[(8, "sector")]


def test_same_errors_from_an_xlsx_file(world):
    preview = importing.parse_bytes(
        project=world.project_a, data=xlsx_bytes(bad_file_rows()), filename="bad.xlsx"
    )
    assert {(e.row, e.column) for e in preview.errors} == EXPECTED_ERRORS


def test_a_file_with_errors_shows_them_and_imports_nothing(client, world):
    client.force_login(world.users["coord_a"])
    before = Cluster.objects.count()
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    response = client.post(url, {"file": upload("bad.csv", csv_bytes(bad_file_rows()))})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Row 7, column “latitude”" in page
    assert "Row 3, column “enterprises_micro”" in page
    assert 'class="cell-error"' in page
    assert 'name="token"' not in page  # no confirm button
    assert IMPORT_SESSION_KEY not in client.session
    confirm = client.post(f"{url}confirm/", {"token": "anything"})
    assert confirm.status_code == 302
    assert Cluster.objects.count() == before


def test_a_valid_csv_is_previewed_then_imported_in_one_go(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    rows = [HEADER, row("Leather one"), row("Leather two", latitude="", longitude="")]
    response = client.post(url, {"file": upload("ok.csv", csv_bytes(rows))})
    assert response.status_code == 200
    assert response.context["preview"].is_valid
    token = response.context["token"]
    assert not Cluster.objects.filter(name="Leather one").exists()  # preview saves nothing
    response = client.post(f"{url}confirm/", {"token": token})
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{world.project_a.pk}/candidates/"
    one = Cluster.objects.get(project=world.project_a, name="Leather one")
    assert one.created_by == world.users["coord_a"]
    assert one.status == "candidate" and one.phase == 1
    assert one.latitude == Decimal("14.79") and one.longitude == Decimal("-16.93")
    assert one.enterprises_total == 123 and one.employment_total == 700
    assert one.women_owned_share == Decimal("25.5")
    assert one.growth_potential == 4 and one.export_orientation == "low"
    assert one.information_date == datetime.date(2025, 1, 31)
    assert Cluster.objects.get(name="Leather two").latitude is None
    entry = LogEntry.objects.get_for_object(one).get()
    assert entry.actor == world.users["coord_a"] and entry.action == LogEntry.Action.CREATE
    assert IMPORT_SESSION_KEY not in client.session
    # Confirming again imports nothing more (the preview is used up).
    client.post(f"{url}confirm/", {"token": token})
    assert Cluster.objects.filter(name="Leather one").count() == 1


def test_a_valid_xlsx_with_typed_cells_is_imported(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    rows = [
        [*HEADER, "comment"],
        [
            "Fish one",
            "Fisheries and aquaculture",  # a sector's name works as well as its code
            "'=dried fish",  # our exports' escaped text comes back unescaped
            "Saint-Louis",
            "Guet Ndar",
            16.0312345678,  # more decimals than stored: rounded
            -16.49,
            310,
            18.0,
            3,
            0,
            1150,
            240,
            74,
            None,
            "Medium",
            5,
            "Ministry",
            datetime.datetime(2025, 2, 1),
            "ignored column",
        ],
    ]
    response = client.post(url, {"file": upload("fish.xlsx", xlsx_bytes(rows))})
    preview = response.context["preview"]
    assert preview.is_valid, preview.errors
    assert preview.ignored_columns == ["comment"]
    response = client.post(f"{url}confirm/", {"token": response.context["token"]})
    assert response.status_code == 302
    fish = Cluster.objects.get(project=world.project_a, name="Fish one")
    assert fish.sector == "fisheries"
    assert fish.main_products == "=dried fish"
    assert fish.latitude == Decimal("16.031235")
    assert fish.enterprises_small == 18
    assert fish.export_orientation == "medium" and fish.growth_potential == 5
    assert fish.information_date == datetime.date(2025, 2, 1)
    assert fish.support_institutions == ""


def test_confirm_checks_again_and_imports_nothing_if_the_project_changed(client, world):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    rows = [HEADER, row("First"), row("Second")]
    response = client.post(url, {"file": upload("ok.csv", csv_bytes(rows))})
    token = response.context["token"]
    services.cluster_candidate_create(
        actor=world.users["coord_a"], project=world.project_a, name="Second", sector="wood"
    )
    response = client.post(f"{url}confirm/", {"token": token}, follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert not Cluster.objects.filter(name="First").exists()


def test_confirm_needs_the_preview_token_of_this_project(client, world):
    client.force_login(world.users["admin"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    response = client.post(url, {"file": upload("ok.csv", csv_bytes([HEADER, row("Tok")]))})
    token = response.context["token"]
    client.post(f"{url}confirm/", {"token": "forged"})
    other = f"/projects/{world.project_b.pk}/candidates/import/confirm/"
    client.post(other, {"token": token})
    assert not Cluster.objects.filter(name="Tok").exists()
    client.post(f"{url}confirm/", {"token": token, "cancel": "1"})
    assert not Cluster.objects.filter(name="Tok").exists()
    assert IMPORT_SESSION_KEY not in client.session


def test_service_is_all_or_nothing_and_for_coordinators_only(world):
    good = {"_row": 2, "name": "Fine", "sector": "wood"}
    bad = {"_row": 3, "name": "Broken", "sector": "wood", "latitude": "120"}
    before = Cluster.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.cluster_candidates_import(
            actor=world.users["coord_a"], project=world.project_a, rows=[good, bad]
        )
    assert "Row 3, latitude" in exc.value.messages[0]
    assert Cluster.objects.count() == before
    with pytest.raises(PermissionDenied):
        services.cluster_candidates_import(
            actor=world.users["steer_a"], project=world.project_a, rows=[good]
        )
    created = services.cluster_candidates_import(
        actor=world.users["coord_a"], project=world.project_a, rows=[good]
    )
    assert [c.name for c in created] == ["Fine"] and created[0].pk


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"name,sector\nA,wood\n", "Upload a .csv or .xlsx file"),
        ("fake.xlsx", b"name,sector\nA,wood\n", "not an Excel"),
        ("empty.csv", b"", "empty"),
        ("headers.csv", b"name,sector\n", "no data rows"),
        ("nosector.csv", b"name,region\nA,Dakar\n", "“sector”"),
        ("twice.csv", b"name,sector,name\nA,wood,B\n", "appears twice"),
    ],
)
def test_unusable_files_are_refused_with_a_clear_message(client, world, name, content, message):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    response = client.post(url, {"file": upload(name, content)})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in e for e in errors), errors


def test_too_large_files_are_refused(client, world, monkeypatch):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    big = b"name,sector\n" + b"x" * (importing.MAX_BYTES + 10)
    response = client.post(url, {"file": upload("big.csv", big)})
    assert "too large" in response.context["form"].errors["file"][0]


def test_too_many_rows_are_refused(world):
    rows = [["name", "sector"]] + [[f"C{i}", "wood"] for i in range(importing.MAX_ROWS + 1)]
    with pytest.raises(importing.ImportFileError, match="more than 5,000 rows"):
        importing.parse_bytes(project=world.project_a, data=csv_bytes(rows), filename="x.csv")


def test_semicolons_decimal_commas_and_blank_lines(world):
    data = csv_bytes(
        [["Name", "Sector", "Latitude", "Longitude"], ["Semi", "wood", "14,5", "-16,25"], []],
        delimiter=";",
    )
    preview = importing.parse_bytes(project=world.project_a, data=data, filename="semi.csv")
    assert preview.is_valid
    assert preview.rows[0].values["latitude"] == Decimal("14.500000")


def test_the_templates_have_every_column(client, world):
    client.force_login(world.users["coord_a"])
    base = f"/projects/{world.project_a.pk}/candidates/import/template"
    response = client.get(f"{base}.csv")
    assert response["Content-Disposition"].startswith("attachment")
    header = response.content.decode("utf-8-sig").strip().split(",")
    assert header == HEADER
    response = client.get(f"{base}.xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(response.content))
    assert [c.value for c in workbook["clusters"][1]] == HEADER
    assert workbook["help"]["A2"].value == "name"
    assert client.get(f"{base}.pdf").status_code == 404


def test_a_name_taken_during_the_import_rolls_everything_back(world, monkeypatch):
    from clusters.mapping import importing as importing_module

    real = importing_module.validate_records

    def validate_then_race(*, project, rows):
        clusters = real(project=project, rows=rows)
        Cluster.objects.create(project=project, name="Raced", sector="wood")
        return clusters

    monkeypatch.setattr(importing_module, "validate_records", validate_then_race)
    rows = [
        {"_row": 2, "name": "Calm", "sector": "wood"},
        {"_row": 3, "name": "Raced", "sector": "ict"},
    ]
    with pytest.raises(ValidationError, match="added meanwhile"):
        services.cluster_candidates_import(
            actor=world.users["coord_a"], project=world.project_a, rows=rows
        )
    assert not Cluster.objects.filter(name="Calm").exists()
