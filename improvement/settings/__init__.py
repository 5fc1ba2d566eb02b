"""Settings modules: `base` for running the app, `test` for the test suite."""
