"""Models arrive with the risk register issue."""
