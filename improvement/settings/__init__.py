"""Settings for running the app; `improvement.settings.test` is the test variant."""

from .base import *  # noqa: F403
