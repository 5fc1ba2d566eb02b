"""The PMO's overall rating (35% milestones, 35% financial benefits, 30% risks/issues) and
the risk-adjusted values, at every boundary."""

import itertools
from decimal import Decimal

import pytest

from finance import rating
from finance.rating import OverallRag

G, A, R = "G", "A", "R"


def test_the_weights_are_35_35_30():
    assert rating.WEIGHTS == {"milestones": 35, "benefits": 35, "risk": 30}


@pytest.mark.parametrize(
    ("ratings", "score"),
    [
        ((G, G, G), "100"),
        ((G, G, A), "85"),
        ((A, G, G), "82.5"),
        ((G, A, G), "82.5"),
        ((A, A, A), "50"),
        ((R, R, A), "15"),
        ((A, R, R), "17.5"),
        ((R, R, R), "0"),
    ],
)
def test_the_weighted_score(ratings, score):
    assert rating.weighted_score(*ratings) == Decimal(score)


@pytest.mark.parametrize(
    ("score", "rag"),
    [
        ("100", G),
        ("85", G),
        ("84.99", A),
        ("50", A),
        ("15", A),
        ("14.99", R),
        ("0", R),
    ],
)
def test_the_bands_at_their_boundaries(score, rag):
    assert rating.band(Decimal(score)) == rag


def test_green_needs_green_milestones_and_benefits_and_at_worst_amber_risk():
    assert rating.overall(G, G, A, completed=False) == OverallRag.GREEN


def test_amber_milestones_with_everything_else_green_is_amber():
    assert rating.overall(A, G, G, completed=False) == OverallRag.AMBER


def test_red_on_two_dimensions_with_amber_risk_is_amber_as_the_seed_rates_it():
    assert rating.overall(R, R, A, completed=False) == OverallRag.AMBER


def test_red_on_every_dimension_is_red():
    assert rating.overall(R, R, R, completed=False) == OverallRag.RED


# Written out from the seed's ratings (finance/rating.py): Green only when on track on
# milestones and benefits and at worst Amber on risk; Red only when Red on all three.
GREEN_COMBINATIONS = {(G, G, G), (G, G, A)}
RED_COMBINATIONS = {(R, R, R)}


@pytest.mark.parametrize("ratings", list(itertools.product((G, A, R), repeat=3)))
def test_every_combination_is_rated_as_the_seed_rates_it(ratings):
    if ratings in GREEN_COMBINATIONS:
        expected = OverallRag.GREEN
    elif ratings in RED_COMBINATIONS:
        expected = OverallRag.RED
    else:
        expected = OverallRag.AMBER
    assert rating.overall(*ratings, completed=False) == expected


def test_a_completed_scheme_is_blue_whatever_its_ratings():
    assert rating.overall(R, R, R, completed=True) == OverallRag.BLUE


def test_a_scheme_missing_a_rating_is_not_rated():
    assert rating.overall(G, "", G, completed=False) == OverallRag.NOT_RATED


@pytest.mark.parametrize(
    ("rag", "in_pipeline", "value", "adjusted"),
    [
        (OverallRag.GREEN, False, "29272", "29272.00"),
        (OverallRag.BLUE, False, "100", "100.00"),
        (OverallRag.AMBER, False, "2310", "1617.00"),
        (OverallRag.RED, False, "2909", "1745.40"),
        (OverallRag.NOT_RATED, False, "100", "60.00"),
        (OverallRag.RED, True, "600", "300.00"),
        (OverallRag.GREEN, True, "600", "300.00"),
    ],
)
def test_risk_adjusted_values_match_seed_000(rag, in_pipeline, value, adjusted):
    assert rating.risk_adjusted(Decimal(value), rag, in_pipeline=in_pipeline) == Decimal(adjusted)


def test_seed_000s_risk_adjusted_total_is_reproduced():
    rows = [
        (OverallRag.RED, False, "2909"),
        (OverallRag.AMBER, False, "2310"),
        (OverallRag.GREEN, False, "29272"),
        (OverallRag.RED, True, "600"),
    ]
    total = sum(
        (rating.risk_adjusted(Decimal(v), rag, in_pipeline=p) for rag, p, v in rows), Decimal(0)
    )
    assert total.quantize(Decimal(1)) == Decimal("32934")


def test_a_risk_adjusted_value_rounds_half_away_from_zero_to_the_penny_of_a_thousand():
    assert rating.risk_adjusted(Decimal("0.05"), OverallRag.AMBER, in_pipeline=False) == Decimal(
        "0.04"
    )
    assert rating.risk_adjusted(Decimal("0.15"), OverallRag.AMBER, in_pipeline=False) == Decimal(
        "0.11"
    )


def test_every_descriptor_is_the_seeds_own_text():
    assert rating.descriptor("risk", R) == (
        "Planned activity(ies) is (are) at high risk of not delivering on time but no "
        "mitigation actions have been put in place"
    )
