"""Models arrive with the QIPP and financial recovery plan issue."""
