"""The NHS 5x5 risk matrix: score = likelihood x impact, and the band a score falls in.

Bands as the seeds colour them: 1-3 Green (low), 4-6 Yellow (moderate), 8-12 Amber
(high), 15-25 Red (extreme). Every product of 1..5 x 1..5 lands in exactly one band
(7, 11, 13 and 14 cannot occur).
"""

from dataclasses import dataclass

SCALE = range(1, 6)


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    level: str
    low: int
    high: int
    colour: str
    text_colour: str

    def contains(self, score: int) -> bool:
        return self.low <= score <= self.high


GREEN = Band("green", "Green", "Low", 1, 3, "#007f3b", "#ffffff")
YELLOW = Band("yellow", "Yellow", "Moderate", 4, 6, "#ffeb3b", "#212b32")
AMBER = Band("amber", "Amber", "High", 8, 12, "#ed8b00", "#212b32")
RED = Band("red", "Red", "Extreme", 15, 25, "#d5281b", "#ffffff")
BANDS = (GREEN, YELLOW, AMBER, RED)
BANDS_BY_KEY = {band.key: band for band in BANDS}


def score(likelihood: int, impact: int) -> int:
    if likelihood not in SCALE or impact not in SCALE:
        raise ValueError(f"Likelihood and impact run from 1 to 5; got {likelihood}x{impact}.")
    return likelihood * impact


def band_for(value: int) -> Band:
    for band in BANDS:
        if band.contains(value):
            return band
    raise ValueError(f"{value} is not a score on the 5x5 matrix.")


def written(likelihood: int, impact: int) -> str:
    """As the registers write it: "4x5"."""
    return f"{likelihood}x{impact}"
