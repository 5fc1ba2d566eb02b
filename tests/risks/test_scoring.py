import pytest
from hypothesis import given
from hypothesis import strategies as st

from risks import scoring

ONE_TO_FIVE = st.integers(min_value=1, max_value=5)


# The 5x5 matrix written out (seed 000/003's key): 1-3 Green, 4-6 Yellow, 8-12 Amber,
# 15-25 Red, for every likelihood (rows) and impact (columns).
MATRIX = {
    1: ["Green", "Green", "Green", "Yellow", "Yellow"],
    2: ["Green", "Yellow", "Yellow", "Amber", "Amber"],
    3: ["Green", "Yellow", "Amber", "Amber", "Red"],
    4: ["Yellow", "Amber", "Amber", "Red", "Red"],
    5: ["Yellow", "Amber", "Red", "Red", "Red"],
}
SCORES = {
    1: [1, 2, 3, 4, 5],
    2: [2, 4, 6, 8, 10],
    3: [3, 6, 9, 12, 15],
    4: [4, 8, 12, 16, 20],
    5: [5, 10, 15, 20, 25],
}


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("impact", range(1, 6))
def test_every_cell_of_the_matrix_has_its_written_score_and_band(likelihood, impact):
    value = scoring.score(likelihood, impact)
    assert value == SCORES[likelihood][impact - 1]
    assert scoring.band_for(value).label == MATRIX[likelihood][impact - 1]


@given(ONE_TO_FIVE, ONE_TO_FIVE)
def test_every_pair_lands_in_exactly_one_band(likelihood, impact):
    value = scoring.score(likelihood, impact)
    assert sum(band.contains(value) for band in scoring.BANDS) == 1


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
