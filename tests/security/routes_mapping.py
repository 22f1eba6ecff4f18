"""Matrix rows for the mapping of candidate clusters: list, create/edit, import,
export, templates and the map (clusters/mapping_views.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from .matrix import (
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_READ,
    Case,
    api,
    with_status,
)

# Mapping a new candidate: the coordinator, and the CDAs of the project's clusters
# (clusters.services.may_map_candidates); not the Steering Committee nor the Commission.
PROJECT_A_MAP = {**PROJECT_A_MANAGE, "cda_a1": 200, "cda_a2": 200}

CANDIDATE_FORM = {
    "name": "Matrix candidate",
    "sector": "textiles",
    "main_products": "Garments",
    "region": "Dakar",
    "locality": "Colobane",
    "latitude": "14.69",
    "longitude": "-17.44",
    "enterprises_micro": "10",
    "enterprises_small": "2",
    "employment_women": "30",
    "employment_men": "12",
    "women_owned_share": "40",
    "export_orientation": "low",
    "growth_potential": "3",
    "information_source": "Field survey",
    "information_date": "2025-02-01",
}


def _edit_form(w):
    return {
        **CANDIDATE_FORM,
        "name": w.a1.name,
        "sector": w.a1.sector,
        "updated_at": w.a1.updated_at.isoformat(),
    }


def _upload(w):
    return {
        "file": SimpleUploadedFile(
            "clusters.csv",
            b"name,sector,region,latitude,longitude\nUploaded one,leather,Thies,14.8,-16.9\n",
            content_type="text/csv",
        )
    }


def _api_upload(confirm):
    def data(w):
        return {**_upload(w), "confirm": "true" if confirm else "false"}

    return data


def _project(w):
    return w.project_a.pk


CASES = [
    Case("candidate-list", lambda w: f"/projects/{_project(w)}/candidates/", PROJECT_A_READ),
    Case(
        "candidate-list",
        lambda w: f"/projects/{_project(w)}/candidates/?sector=leather&region=Thi%C3%A8s",
        PROJECT_A_READ,
        label="filtered",
    ),
    Case("candidate-create", lambda w: f"/projects/{_project(w)}/candidates/new/", PROJECT_A_MAP),
    Case(
        "candidate-create",
        lambda w: f"/projects/{_project(w)}/candidates/new/",
        with_status(PROJECT_A_MAP, 200, 302),
        method="post",
        data=lambda w: CANDIDATE_FORM,
    ),
    Case("candidate-edit", lambda w: f"/clusters/{w.a1.pk}/mapping/", CLUSTER_A1_WORK),
    Case(
        "candidate-edit",
        lambda w: f"/clusters/{w.a1.pk}/mapping/",
        with_status(CLUSTER_A1_WORK, 200, 302),
        method="post",
        data=_edit_form,
    ),
    Case(
        "candidate-export",
        lambda w: f"/projects/{_project(w)}/candidates/export.csv",
        PROJECT_A_READ,
        label="csv",
    ),
    Case(
        "candidate-export",
        lambda w: f"/projects/{_project(w)}/candidates/export.xlsx",
        PROJECT_A_READ,
        label="xlsx",
    ),
    Case(
        "candidate-import",
        lambda w: f"/projects/{_project(w)}/candidates/import/",
        PROJECT_A_MANAGE,
    ),
    Case(
        "candidate-import",
        lambda w: f"/projects/{_project(w)}/candidates/import/",
        PROJECT_A_MANAGE,
        method="post",
        data=_upload,
    ),
    Case(
        # Without a pending preview in the session, confirming sends back to the upload page.
        "candidate-import-confirm",
        lambda w: f"/projects/{_project(w)}/candidates/import/confirm/",
        with_status(PROJECT_A_MANAGE, 200, 302),
        method="post",
        data=lambda w: {"token": "none"},
    ),
    Case(
        "candidate-import-template",
        lambda w: f"/projects/{_project(w)}/candidates/import/template.csv",
        PROJECT_A_MANAGE,
        label="csv",
    ),
    Case(
        "candidate-import-template",
        lambda w: f"/projects/{_project(w)}/candidates/import/template.xlsx",
        PROJECT_A_MANAGE,
        label="xlsx",
    ),
    Case("cluster-map", lambda w: f"/projects/{_project(w)}/map/", PROJECT_A_READ),
    Case("cluster-map-data", lambda w: f"/projects/{_project(w)}/map/data/", PROJECT_A_READ),
    # API export: what the candidate-list export gives (each sees the clusters they see).
    Case(
        "api-cluster-export",
        lambda w: f"/api/clusters/export/?project={_project(w)}&format=csv",
        api(PROJECT_A_READ),
        label="csv",
    ),
    Case(
        "api-cluster-export",
        lambda w: f"/api/clusters/export/?project={_project(w)}&format=xlsx",
        api(PROJECT_A_READ),
        label="xlsx",
    ),
    # API import: check only (200), then import (201); coordinators of the project only.
    Case(
        "api-cluster-import-list",
        lambda w: f"/api/projects/{_project(w)}/cluster-import/",
        api(PROJECT_A_MANAGE),
        method="post",
        data=_api_upload(False),
        label="check",
    ),
    Case(
        "api-cluster-import-list",
        lambda w: f"/api/projects/{_project(w)}/cluster-import/",
        api(with_status(PROJECT_A_MANAGE, 200, 201)),
        method="post",
        data=_api_upload(True),
        label="confirm",
    ),
]
