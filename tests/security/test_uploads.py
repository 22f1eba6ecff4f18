"""Uploads are checked by content, not only by name and size; downloads stay attachments.

Every upload (meeting minutes and terms of reference, pages and API; the cluster
import, page and API) refuses a program or a web page renamed to an allowed
extension, with the message next to the field (page) or the field's 400 (API), and
saves nothing. A real file of each kind passes.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from clusters.models import Cluster
from governance.appointments import services as appointment_services
from governance.bodies import services as body_services
from governance.models import CDAAppointment, Meeting
from governance.uploads import FileContentValidator, content_matches
from monitoring.models import ReportStatus
from tests.clusters.mapping.helpers import XLSX_TYPE, xlsx_bytes
from tests.factories import ReportJobFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40
IMPORT_HEADER = ["name", "sector", "region"]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
XLSX = xlsx_bytes([IMPORT_HEADER, ["Imported wood", "wood", "Thiès"]])

FAKES = {"exe": EXE, "html": HTML}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- The check itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "real"),
    [
        ("pdf", PDF),
        ("doc", DOC),
        ("docx", DOCX),
        ("odt", ODT),
        ("jpg", JPEG),
        ("jpeg", JPEG),
        ("png", PNG),
        ("xlsx", XLSX),
        ("csv", "name,sector\nÉlevage,agro_food\n".encode()),
    ],
)
def test_each_type_is_recognised_by_its_bytes_and_impostors_are_not(extension, real):
    assert content_matches(io.BytesIO(real), extension)
    impostors = [EXE, HTML, PDF, DOCX, XLSX, PNG, ODT]
    for fake in impostors:
        if fake is real or (extension == "csv" and fake is HTML):
            continue  # an HTML page is text: as a CSV it fails on its columns instead
        assert not content_matches(io.BytesIO(fake), extension), (extension, fake[:8])


def test_the_check_leaves_the_file_where_it_was():
    file = upload("minutes.docx", DOCX)
    file.seek(3)
    FileContentValidator(["docx"])(file)
    assert file.tell() == 3 and file.read() == DOCX[3:]


# --- Meeting minutes and terms of reference: pages -------------------------------------


@pytest.fixture
def commission(world):
    return body_services.commission_ensure(actor=world.users["coord_a"], cluster=world.a1)


def _meeting_page(client, commission, minutes):
    url = f"/bodies/{commission.pk}/meetings/new/"
    data = {
        "held_on": TODAY.isoformat(),
        "place": "Thiès",
        "other_women": "0",
        "other_men": "0",
        "minutes_file": minutes,
    }
    return client.post(url, data)


@pytest.mark.parametrize("fake", sorted(FAKES))
@pytest.mark.parametrize("extension", ["pdf", "docx", "png"])
def test_meeting_page_refuses_minutes_whose_content_is_not_their_type(
    login, world, commission, fake, extension
):
    client = login(world.users["cda_a1"])
    response = _meeting_page(client, commission, upload(f"minutes.{extension}", FAKES[fake]))
    assert response.status_code == 200
    errors = response.context["form"].errors["minutes_file"]
    assert any(f"not a real {extension.upper()} file" in e for e in errors), errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("m.pdf", PDF), ("m.docx", DOCX), ("m.odt", ODT)])
def test_meeting_page_takes_real_minutes(login, world, commission, name, content):
    client = login(world.users["cda_a1"])
    response = _meeting_page(client, commission, upload(name, content))
    assert response.status_code == 302, response.context["form"].errors
    assert Meeting.objects.get().minutes_file.name.endswith(name.rsplit(".", 1)[1])


def test_appointment_page_refuses_a_program_named_pdf_and_takes_a_real_one(login, world):
    client = login(world.users["coord_a"])
    url = f"/clusters/{world.a1.pk}/appointments/"
    data = {"kind": "cmo", "organisation_name": "CMO", "starts_on": TODAY.isoformat()}
    response = client.post(url, {**data, "terms_file": upload("tor.pdf", EXE)})
    assert response.status_code == 200
    assert "not a real PDF file" in " ".join(response.context["form"].errors["terms_file"])
    assert not CDAAppointment.objects.exists()
    response = client.post(url, {**data, "terms_file": upload("tor.pdf", PDF)})
    assert response.status_code == 302
    assert CDAAppointment.objects.get().terms_file


# --- Meeting minutes and terms of reference: API ---------------------------------------


@pytest.mark.parametrize("fake", sorted(FAKES))
def test_api_refuses_minutes_whose_content_is_not_their_type(client, world, commission, fake):
    client.force_login(world.users["cda_a1"])
    data = {"body": commission.pk, "held_on": TODAY.isoformat()}
    response = client.post("/api/meetings/", {**data, "minutes_file": upload("m.pdf", FAKES[fake])})
    assert response.status_code == 400
    assert "not a real PDF file" in " ".join(response.json()["minutes_file"])
    assert not Meeting.objects.exists()
    response = client.post("/api/meetings/", {**data, "minutes_file": upload("m.pdf", PDF)})
    assert response.status_code == 201, response.json()


def test_api_refuses_terms_whose_content_is_not_their_type(client, world):
    client.force_login(world.users["coord_a"])
    data = {"cluster": world.a1.pk, "kind": "cmo", "organisation_name": "CMO"}
    fake = upload("tor.docx", XLSX)  # a workbook is a zip too, but not a Word document
    response = client.post("/api/cda-appointments/", {**data, "terms_file": fake})
    assert response.status_code == 400
    assert "not a real DOCX file" in " ".join(response.json()["terms_file"])
    assert not CDAAppointment.objects.exists()
    response = client.post("/api/cda-appointments/", {**data, "terms_file": upload("t.docx", DOCX)})
    assert response.status_code == 201, response.json()


# --- The cluster import: page and API --------------------------------------------------


@pytest.mark.parametrize("fake", sorted(FAKES))
def test_import_page_refuses_a_fake_workbook(client, world, fake):
    client.force_login(world.users["coord_a"])
    url = f"/projects/{world.project_a.pk}/candidates/import/"
    response = client.post(url, {"file": upload("clusters.xlsx", FAKES[fake])})
    assert response.status_code == 200
    assert "not an Excel (.xlsx) workbook" in " ".join(response.context["form"].errors["file"])
    response = client.post(url, {"file": upload("clusters.csv", EXE)})
    assert "not a text CSV file" in " ".join(response.context["form"].errors["file"])
    assert not Cluster.objects.filter(name="Imported wood").exists()


@pytest.mark.parametrize("fake", sorted(FAKES))
def test_import_api_refuses_a_fake_workbook_and_takes_a_real_one(client, world, fake):
    client.force_login(world.users["coord_a"])
    url = f"/api/projects/{world.project_a.pk}/cluster-import/"
    response = client.post(url, {"file": upload("c.xlsx", FAKES[fake]), "confirm": "true"})
    assert response.status_code == 400
    assert "not an Excel (.xlsx) workbook" in " ".join(response.json()["file"])
    assert not Cluster.objects.filter(name="Imported wood").exists()
    real = SimpleUploadedFile("c.xlsx", XLSX, content_type=XLSX_TYPE)
    response = client.post(url, {"file": real, "confirm": "true"})
    assert response.status_code == 201, response.json()
    assert Cluster.objects.filter(name="Imported wood", project=world.project_a).exists()


# --- Downloads -------------------------------------------------------------------------


def _assert_attachment(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_downloads_are_attachments_the_browser_may_not_sniff(login, world, commission):
    coord = world.users["coord_a"]
    meeting = body_services.meeting_create(
        actor=coord, body=commission, held_on=TODAY, minutes_file=upload("m.pdf", PDF)
    )
    appointment = appointment_services.cda_appointment_create(
        actor=coord,
        cluster=world.a1,
        kind="lead",
        user=UserFactory(username="tor_cda"),
        terms_file=upload("tor.pdf", PDF),
    )
    job = ReportJobFactory(project=world.project_a, requested_by=coord, status=ReportStatus.DONE)
    job.file.save("report.pdf", SimpleUploadedFile("report.pdf", PDF))
    client = login(coord)
    _assert_attachment(client.get(f"/meetings/{meeting.pk}/minutes/"))
    _assert_attachment(client.get(f"/appointments/{appointment.pk}/terms/"))
    _assert_attachment(client.get(f"/api/report-jobs/{job.pk}/download/"))
