import pytest
from hypothesis import given
from hypothesis import strategies as st

from risks import scoring

ONE_TO_FIVE = st.integers(min_value=1, max_value=5)


@given(ONE_TO_FIVE, ONE_TO_FIVE)
def test_every_pair_lands_in_exactly_one_band(likelihood, impact):
    value = scoring.score(likelihood, impact)
    assert sum(band.contains(value) for band in scoring.BANDS) == 1
    assert scoring.band_for(value).contains(value)


@given(ONE_TO_FIVE, ONE_TO_FIVE)
def test_score_is_likelihood_times_impact(likelihood, impact):
    assert scoring.score(likelihood, impact) == likelihood * impact


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [(4, 5, 20, "Red"), (3, 4, 12, "Amber"), (1, 4, 4, "Yellow"), (1, 3, 3, "Green")],
)
def test_the_seeds_examples(likelihood, impact, score, band):
    assert scoring.score(likelihood, impact) == score
    assert scoring.band_for(score).label == band
    assert scoring.written(likelihood, impact) == f"{likelihood}x{impact}"


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, -1), (2, 9)])
def test_scores_off_the_matrix_are_refused(likelihood, impact):
    with pytest.raises(ValueError, match="1 to 5"):
        scoring.score(likelihood, impact)


@pytest.mark.parametrize("value", [0, 7, 13, 14, 26])
def test_values_between_bands_have_no_band(value):
    with pytest.raises(ValueError):
        scoring.band_for(value)
