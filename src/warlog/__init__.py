"""warlog: conflict news → structured, sourced, geocoded event records."""

__version__ = "0.1.0"
