"""Roll-up cells carry no database foreign keys (a rebuild writes millions of them):
they still go with the cluster or definition they belong to."""

import datetime

import pytest
from django.utils import timezone

from monitoring.models import IndicatorRollup, PeriodKind
from tests.factories import ClusterFactory, ProjectFactory
from tests.monitoring.factories import DefinitionFactory

pytestmark = pytest.mark.django_db


def _cell(project, definition, cluster=None):
    return IndicatorRollup.objects.create(
        project=project,
        cluster=cluster,
        definition=definition,
        period_kind=PeriodKind.YEAR,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        value=10,
        periods=1,
        rolled_at=timezone.now(),
    )


def test_a_deleted_cluster_takes_its_cells_and_leaves_the_others():
    project = ProjectFactory()
    gone, kept = ClusterFactory(project=project), ClusterFactory(project=project)
    definition = DefinitionFactory(project=project)
    _cell(project, definition, gone)
    kept_cell = _cell(project, definition, kept)
    project_cell = _cell(project, definition)

    gone.delete()

    assert set(IndicatorRollup.objects.values_list("pk", flat=True)) == {
        kept_cell.pk,
        project_cell.pk,
    }


def test_a_deleted_definition_takes_its_cells_and_leaves_the_others():
    project = ProjectFactory()
    cluster = ClusterFactory(project=project)
    gone, kept = DefinitionFactory(project=project), DefinitionFactory(project=project)
    _cell(project, gone)
    _cell(project, gone, cluster)
    kept_cells = {_cell(project, kept).pk, _cell(project, kept, cluster).pk}

    gone.delete()

    assert set(IndicatorRollup.objects.values_list("pk", flat=True)) == kept_cells
