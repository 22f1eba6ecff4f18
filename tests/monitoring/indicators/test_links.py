"""The M&E page's links and the cluster page's panel, each only for who can use it."""

import pytest

from monitoring.indicators import services
from monitoring.results import services as result_services

pytestmark = pytest.mark.django_db


def _labels(client, world):
    page = client.get(f"/projects/{world.project_a.pk}/monitoring/").content.decode()
    return page


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        (
            "coord_a",
            ["Result chain", "Indicator pool", "Indicators: Cluster A1", "M&amp;E settings"],
            [],
        ),
        (
            "steer_a",
            ["Result chain", "Indicator pool", "Indicators: Cluster A2"],
            ["M&amp;E settings"],
        ),
        (
            "cda_a1",
            ["Indicators: Cluster A1"],
            ["Indicator pool", "Indicators: Cluster A2", "M&amp;E settings"],
        ),
    ],
)
def test_the_me_page_offers_what_the_user_can_use(client, world, persona, present, absent):
    client.force_login(world.users[persona])
    page = _labels(client, world)
    for label in present:
        assert label in page, label
    for label in absent:
        assert label not in page, label


def test_the_cluster_panel_summarises_the_chain_and_indicators(client, world):
    from monitoring.indicators.panels import cluster_results_panel

    coord = world.users["coord_a"]
    result_services.result_chain_start(actor=coord, project=world.project_a, cluster=world.a1)
    services.pool_adopt_starter(actor=coord, project=world.project_a)

    class Request:
        user = world.users["cda_a1"]

    panel = cluster_results_panel(Request(), world.a1)
    assert panel["chain"] == {"impact": 1, "outcome": 3, "output": 6}
    assert panel["indicators"] == {"indicators": 0, "with_baseline": 0, "with_target": 0}
    assert panel["can_manage"] is False
