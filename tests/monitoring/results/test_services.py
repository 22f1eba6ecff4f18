"""The result chain's writes: one impact per chain, a tree of the right levels within
one chain, the coordinator's alone, stale edits refused, the generic chain started once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from governance.concurrency import StaleEditError
from monitoring.models import ResultLevel, ResultStatement
from monitoring.results import services
from monitoring.results.generic import GENERIC_CHAIN

pytestmark = pytest.mark.django_db


def _impact(world, cluster=None, text="Growth"):
    return services.result_statement_create(
        actor=world.users["coord_a"],
        project=world.project_a,
        cluster=cluster,
        level=ResultLevel.IMPACT,
        statement=text,
    )


def test_a_chain_is_a_tree_of_impact_outcomes_and_outputs(world):
    coord = world.users["coord_a"]
    impact = _impact(world, world.a1)
    outcome = services.result_statement_create(
        actor=coord,
        project=world.project_a,
        cluster=world.a1,
        level=ResultLevel.OUTCOME,
        parent=impact,
        statement="More joint actions",
        risks="Distrust",
    )
    second = services.result_statement_create(
        actor=coord,
        project=world.project_a,
        cluster=world.a1,
        level=ResultLevel.OUTCOME,
        parent=impact,
        statement="Better governance",
    )
    assert (outcome.position, second.position) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.result_statement_create(
            actor=coord,
            project=world.project_a,
            cluster=world.a1,
            level=ResultLevel.OUTPUT,
            parent=impact,  # an output contributes to an outcome
            statement="Firms trained",
        )
    assert "parent" in error.value.message_dict


def test_one_impact_per_chain_and_parents_stay_in_their_chain(world):
    impact = _impact(world, world.a1)
    with pytest.raises(ValidationError) as error:
        _impact(world, world.a1, "Another impact")
    assert "level" in error.value.message_dict
    _impact(world, world.a2)  # another cluster's chain has its own impact
    _impact(world)  # and so has the project's
    with pytest.raises(ValidationError) as error:
        services.result_statement_create(
            actor=world.users["coord_a"],
            project=world.project_a,
            cluster=world.a2,
            level=ResultLevel.OUTCOME,
            parent=impact,  # A1's impact
            statement="Cooperation",
        )
    assert "parent" in error.value.message_dict


@pytest.mark.parametrize(
    ("persona", "refusal"),
    [("cda_a1", PermissionDenied), ("steer_a", PermissionDenied), ("cda_a2", Http404)],
)
def test_only_the_coordinator_writes_a_cluster_chain(world, persona, refusal):
    with pytest.raises(refusal):
        services.result_statement_create(
            actor=world.users[persona],
            project=world.project_a,
            cluster=world.a1,
            level=ResultLevel.IMPACT,
            statement="Growth",
        )
    with pytest.raises(refusal):
        services.result_chain_start(
            actor=world.users[persona], project=world.project_a, cluster=world.a1
        )
    assert not ResultStatement.objects.exists()


def test_a_stale_edit_is_refused(world):
    impact = _impact(world)
    seen = impact.updated_at.isoformat()
    services.result_statement_update(
        actor=world.users["coord_a"], result=impact, seen_updated_at=seen, risks="Drought"
    )
    with pytest.raises(StaleEditError):
        services.result_statement_update(
            actor=world.users["coord_a"], result=impact, seen_updated_at=seen, risks="Floods"
        )
    impact.refresh_from_db()
    assert impact.risks == "Drought"


def test_a_statement_others_contribute_to_is_not_removed(world):
    coord = world.users["coord_a"]
    services.result_chain_start(actor=coord, project=world.project_a, cluster=world.a1)
    impact = ResultStatement.objects.get(cluster=world.a1, level=ResultLevel.IMPACT)
    with pytest.raises(ValidationError):
        services.result_statement_delete(actor=coord, result=impact)
    output = ResultStatement.objects.filter(cluster=world.a1, level=ResultLevel.OUTPUT).first()
    services.result_statement_delete(actor=coord, result=output)
    assert not ResultStatement.objects.filter(pk=output.pk).exists()


def test_the_generic_chain_is_started_once(world):
    coord = world.users["coord_a"]
    created = services.result_chain_start(actor=coord, project=world.project_a, cluster=world.a1)
    outcomes = len(GENERIC_CHAIN.children)
    outputs = sum(len(o.children) for o in GENERIC_CHAIN.children)
    assert len(created) == 1 + outcomes + outputs
    levels = [s.level for s in ResultStatement.objects.filter(cluster=world.a1)]
    assert levels.count(ResultLevel.IMPACT) == 1
    assert levels.count(ResultLevel.OUTCOME) == outcomes
    impact = ResultStatement.objects.get(cluster=world.a1, level=ResultLevel.IMPACT)
    assert impact.statement == "Inclusive and sustainable growth of the cluster's firms and workers"
    for item in ResultStatement.objects.filter(cluster=world.a1):
        item.full_clean()  # every statement is a valid link of the tree
    assert services.result_chain_start(actor=coord, project=world.project_a, cluster=world.a1) == []
    assert ResultStatement.objects.filter(cluster=world.a1).count() == len(created)
    # The project's own chain is a separate one.
    assert services.result_chain_start(actor=coord, project=world.project_a)
