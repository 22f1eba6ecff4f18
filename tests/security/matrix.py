"""The permission matrix: every URL name × every persona × method → expected status.

Each app keeps its rows in ``tests/security/routes_<app>.py`` (one module per app, or
``routes_<app>_<sub-package>.py`` per sub-package of a larger app) as a list named
``CASES``; ``test_permission_matrix.py`` collects them all and fails when a URL
pattern of the project has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import PERSONAS

# Personas of project B besides its coordinator. Every row is about project A (or about
# nothing project-bound), so unless a row says otherwise they answer like coord_b: an
# object of project A is out of their scope (404, or 400 for a related id in a POST).
PROJECT_B_PERSONAS = ("steer_b", "cda_b1", "comm_b1")


# Project A's Programme Officer (a country role: VIEW and REPORT on every project of
# A's country) answers like the steering member of A unless a row says otherwise: the
# rows where they differ are what the Steering Committee may write (comment, record a
# selection decision), and name po_a.
COUNTRY_PERSONAS = {"po_a": "steer_a"}


def _project_b_like_coord_b(expectations: dict[str, int], given: set[str]) -> dict[str, int]:
    if "coord_b" in expectations:
        for persona in PROJECT_B_PERSONAS:
            if persona not in given:
                expectations[persona] = expectations["coord_b"]
    for persona, like in COUNTRY_PERSONAS.items():
        if persona not in given and like in expectations:
            expectations[persona] = expectations[like]
    return expectations


@dataclass
class Case:
    name: str  # the URL name, with its namespace ("admin:index")
    url: Callable[[Any], str]  # world -> path
    expect: dict[str, int]  # persona -> status code
    method: str = "get"
    data: Callable[[Any], dict] | None = None  # world -> payload
    json: bool = False  # send data as JSON (API)
    setup: Callable[[Any], None] | None = None  # world -> None, before the request
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.expect = _project_b_like_coord_b(dict(self.expect), set(self.expect))
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name} {self.method}: no expectation for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.name}:{self.method}{':' + self.label if self.label else ''}"


def expect(default: int | None = None, **by_persona: int) -> dict[str, int]:
    """expect(200, coord_b=404, anon=302): one status for everyone, with exceptions.

    Project B's other personas (steering, CDA and Commission of B1) follow coord_b, and
    the Programme Officer of A's country follows steer_a, unless named."""
    result = {p: default for p in PERSONAS if default is not None}
    result.update(by_persona)
    return _project_b_like_coord_b(result, set(by_persona))


# Common shapes -------------------------------------------------------------------
# A page of project A that everyone in project A may read (CDAs read its summary).
PROJECT_A_READ = expect(200, coord_b=404, anon=302)
# A page about cluster A1 (read).
CLUSTER_A1_READ = expect(200, cda_a2=404, coord_b=404, anon=302)
# A1's phase work written by its CDA or the coordinator.
CLUSTER_A1_WORK = expect(
    admin=200, coord_a=200, steer_a=403, cda_a1=200, cda_a2=404, comm_a1=403, coord_b=404, anon=302
)
# A coordinator-only action on cluster A1 (another cluster's CDA does not see A1).
CLUSTER_A1_MANAGE = expect(403, admin=200, coord_a=200, cda_a2=404, coord_b=404, anon=302)
# A coordinator-only page of project A.
PROJECT_A_MANAGE = expect(403, admin=200, coord_a=200, coord_b=404, anon=302)
# A page of project A for people who report on it (coordinator, steering).
PROJECT_A_REPORT = expect(403, admin=200, coord_a=200, steer_a=200, coord_b=404, anon=302)
# A project-wide object (a report job) of project A: out of scope for cluster roles.
PROJECT_A_OBJECT_REPORT = expect(404, admin=200, coord_a=200, steer_a=200, anon=302)
# Any signed-in user of the API.
API_SIGNED_IN = expect(200, anon=401)


def with_status(shape: dict[str, int], old: int, new: int) -> dict[str, int]:
    """The same shape with one status replaced (200 -> 302 for a successful POST)."""
    return {p: (new if s == old else s) for p, s in shape.items()}


def api(shape: dict[str, int]) -> dict[str, int]:
    """The API answers 401 to anonymous users where pages redirect to login."""
    return {p: (401 if p == "anon" else s) for p, s in shape.items()}
