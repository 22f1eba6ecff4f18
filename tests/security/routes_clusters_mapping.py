"""Matrix rows for the mapping of candidate clusters: list, create/edit, import, export,
templates and the map, and the clusters API (clusters/mapping/)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.security.matrix import (
    API_SIGNED_IN,
    CLUSTER_A1_READ,
    CLUSTER_A1_WORK,
    PROJECT_A_MANAGE,
    PROJECT_A_READ,
    Case,
    api,
    expect,
    with_status,
)

# Mapping a new candidate: the coordinator, and the CDAs of the project's clusters
# (governance.access.rules.may_map_candidates); not the Steering Committee nor the Commission.
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
    Case("api-cluster-list", lambda w: "/api/clusters/", API_SIGNED_IN),
    Case(
        "api-cluster-list",
        lambda w: "/api/clusters/",
        # CDAs of the project map candidates too; project B's coordinator names a
        # project they cannot see (400 on the field).
        expect(403, admin=201, coord_a=201, cda_a1=201, cda_a2=201, coord_b=400, anon=401),
        method="post",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "name": "New cluster", "sector": "textiles"},
    ),
    Case("api-cluster-detail", lambda w: f"/api/clusters/{w.a1.pk}/", api(CLUSTER_A1_READ)),
    Case(
        "api-cluster-detail",
        lambda w: f"/api/clusters/{w.a1.pk}/",
        api(CLUSTER_A1_WORK),
        method="patch",
        json=True,
        data=lambda w: {"main_products": "Sandals"},
    ),
    Case(
        "api-cluster-detail",
        lambda w: f"/api/clusters/{w.a1.pk}/",
        api(CLUSTER_A1_WORK),
        method="put",
        json=True,
        data=lambda w: {"project": w.project_a.pk, "name": "Cluster A1", "sector": "leather"},
    ),
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
