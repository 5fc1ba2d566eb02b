"""The Governing Body pack: the monthly PDF built from the data (context.py gathers it,
render.py turns it into HTML and PDF, services.py issues and archives it)."""
