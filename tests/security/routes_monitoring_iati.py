"""Matrix rows for the IATI activity file of a project (coordinator and admin)."""

from tests.security.matrix import PROJECT_A_MANAGE, Case

CASES = [
    Case("iati-export", lambda w: f"/projects/{w.project_a.pk}/iati.xml", PROJECT_A_MANAGE),
]
