"""The demo's result chains and indicators: real figures, and a second load adds nothing."""

import pytest

from config.demo import load_cast
from monitoring import demo_indicators
from monitoring.models import Indicator, IndicatorDefinition, IndicatorTarget, ResultStatement

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        m.objects.count()
        for m in (IndicatorDefinition, ResultStatement, Indicator, IndicatorTarget)
    )


def test_the_demo_has_chains_and_a_dozen_indicators_per_selected_cluster():
    project, clusters, users = load_cast()
    demo_indicators.extend_demo(project=project, clusters=clusters, users=users)
    first = _counts()
    demo_indicators.extend_demo(project=project, clusters=clusters, users=users)
    assert _counts() == first
    for name in demo_indicators.PLANS:
        indicators = Indicator.objects.filter(cluster=clusters[name]).select_related("definition")
        assert indicators.count() == 12
        kinds = {i.definition.measure for i in indicators} | {
            i.definition.disaggregation for i in indicators
        }
        assert {"percentage", "sex"} <= kinds
        assert any(i.definition.cumulative for i in indicators)
        assert all(i.baseline_value is not None and i.targets.exists() for i in indicators)
        assert all(i.result_id for i in indicators)
    assert ResultStatement.objects.filter(cluster__isnull=True, project=project).exists()
    sex_split = Indicator.objects.filter(definition__code="TRAINED").first()
    target = sex_split.targets.first()
    assert target.women + target.men == target.value
