"""Helpers shared by several test folders: a fake extractor, hand-built event reports, store
fixtures on SQLite and PostgreSQL, and a CLI runner for subprocess tests. ``tests/`` is on
``sys.path`` (pytest's ``pythonpath`` setting), so tests import ``testkit.…`` directly."""
