"""What a value must hold: clear field errors by measure and by sex, nothing saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import IndicatorValue, IndicatorValueBreakdown
from monitoring.periods import period_containing
from monitoring.values import services

from .helpers import ended

pytestmark = pytest.mark.django_db


def _errors(indicator, actor, **data):
    with pytest.raises(ValidationError) as error:
        services.value_save(
            actor=actor, indicator=indicator, period_start=ended(indicator).start, **data
        )
    assert not IndicatorValue.objects.exists()
    return error.value.message_dict


def test_a_number_needs_a_value_and_refuses_negatives(ind):
    cda = ind.user("cda_a1")
    assert _errors(ind.number, cda) == {"value": ["Enter the value."]}
    assert _errors(ind.number, cda, value=-3) == {"value": ["A figure cannot be negative."]}
    assert _errors(ind.number, cda, value="abc") == {"value": ["Enter a number."]}


def test_a_percentage_is_numerator_over_denominator(ind):
    cda = ind.user("cda_a1")
    assert set(_errors(ind.percentage, cda)) == {"numerator", "denominator"}
    assert _errors(ind.percentage, cda, numerator=1, denominator=0) == {
        "denominator": ["The denominator must be more than 0."]
    }
    assert "numerator" in _errors(ind.percentage, cda, numerator=5, denominator=4)
    value = services.value_save(
        actor=cda,
        indicator=ind.percentage,
        period_start=ended(ind.percentage).start,
        numerator=3,
        denominator=8,
    )
    assert value.value == pytest.approx(37.5)


def test_by_sex_women_and_men_add_up_to_the_total(ind):
    cda = ind.user("cda_a1")
    message = _errors(ind.by_sex, cda, value=10, women=4, men=5)["value"][0]
    assert message == "Women (4) and men (5) add up to 9, not 10."
    assert set(_errors(ind.by_sex, cda, value=10)) == {"women", "men"}
    value = services.value_save(
        actor=cda, indicator=ind.by_sex, period_start=ended(ind.by_sex).start, women=4, men=6
    )
    assert value.value == 10  # the total follows from its parts
    parts = dict(IndicatorValueBreakdown.objects.values_list("category", "value"))
    assert parts == {"women": 4, "men": 6}


def test_by_sex_the_total_alone_says_the_split_is_unknown(ind):
    cda = ind.user("cda_a1")
    errors = _errors(ind.by_sex, cda, value=10, women=4, split_unknown=True)
    assert "split_unknown" in errors
    value = services.value_save(
        actor=cda,
        indicator=ind.by_sex,
        period_start=ended(ind.by_sex).start,
        value=10,
        split_unknown=True,
    )
    assert value.split_unknown and not value.breakdown.exists()


def test_a_yes_no_needs_an_answer(ind):
    coord = ind.user("coord_a")
    assert _errors(ind.project_wide, coord) == {"yes_no": ["Answer yes or no."]}


def test_the_period_must_be_one_of_the_indicators_and_not_in_the_future(ind):
    cda = ind.user("cda_a1")
    with pytest.raises(ValidationError, match="expects no value"):
        services.value_save(
            actor=cda, indicator=ind.number, period_start=datetime.date(2025, 2, 1), value=1
        )
    current = period_containing(datetime.date.today(), "quarter")
    nxt = current.end + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="not started yet"):
        services.value_save(actor=cda, indicator=ind.number, period_start=nxt, value=1)
    # the current period is accepted (a stock may be known before the quarter ends)
    value = services.value_save(
        actor=cda, indicator=ind.number, period_start=current.start, value=1
    )
    assert value.period_end == current.end


@pytest.mark.parametrize(
    ("number", "english", "typed"),
    [
        ("1200000000.0000", "1,200,000,000", "1200000000"),
        ("820.0000", "820", "820"),
        ("12.5000", "12.50", "12.5"),
        ("0.0800", "0.08", "0.08"),
        ("0.0000", "0", "0"),
    ],
)
def test_a_figure_is_printed_grouped_and_without_the_stored_decimals(number, english, typed):
    from decimal import Decimal

    from django.utils import translation

    from monitoring.values.figures import figure_text, input_text

    with translation.override("en"):
        assert figure_text(Decimal(number)) == english
    # A form field takes the figure back as typed: no grouping, no trailing zeros.
    assert input_text(Decimal(number)) == typed


def test_a_figure_is_printed_in_the_readers_language():
    from decimal import Decimal

    from django.utils import formats, translation

    from monitoring.values.figures import figure_text

    with translation.override("fr"):
        sep = formats.get_format("THOUSAND_SEPARATOR")
        assert figure_text(Decimal("1234567.5")) == f"1{sep}234{sep}567,50"
    assert figure_text(None) == "—" and figure_text(None, empty="") == ""
