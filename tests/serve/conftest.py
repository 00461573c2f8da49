"""Serve fixtures: a store filled with fake-extractor reports (with evidence) and the
hand-built three-outlet set of tests/merge (merged into one event), on SQLite and, when a
server answers, PostgreSQL; and a TestClient on it."""

from __future__ import annotations

from datetime import date

import pytest

from testkit import fake, reports
from testkit.stores import fake_extractor, pg_admin, pg_url, store_url  # noqa: F401

TEXTS = {
    "gao": ("Les jihadistes du JNIM ont attaqué une position de l'armée malienne près de Gao, "
            "tuant 7 soldats, a indiqué un porte-parole.\n"
            "Des manifestants se sont rassemblés samedi à Niamey.", date(2021, 5, 3)),
    "goma": ("Des affrontements ont opposé les rebelles du M23 aux Forces armées de la RDC "
             "aux abords de Goma, 12 civils tués selon des sources locales.", date(2023, 2, 10)),
    "idlib": ("Une frappe de drone a visé un convoi de Hayat Tahrir al-Cham au nord d'Idlib, "
              "faisant 4 morts.", date(2019, 6, 8)),
    "menaka": ("Les terroristes de l'EIGS ont enlevé 9 civils près de Ménaka.", None),
}
TOKEN = "s3cret-token"


def raw(key: str, text: str | None = None, **meta):
    from warlog.ingest import RawDocument

    body, published = TEXTS.get(key, (text, None))
    return RawDocument(text=text or body, path=f"{key}.txt", title=meta.get("title", key),
                       url=meta.get("url"), outlet=meta.get("outlet", "Test"),
                       published=meta.get("published", published), language="fr")


def add_raw(store, r):
    from warlog.store import EXTRACTION_VERSION

    processed = fake.process(r, r.published)
    store.add(processed, r.text, EXTRACTION_VERSION)
    return processed


@pytest.fixture
def filled_url(store_url):
    """8 reports: gao (2), goma, idlib, menaka (undated) and three outlets on one clash."""
    from warlog.store import EXTRACTION_VERSION, Store

    with Store.open(store_url) as store:
        for key in TEXTS:
            add_raw(store, raw(key))
        for p in reports.three_outlets():
            store.add(p, p.document.title or "", EXTRACTION_VERSION)
    return store_url


@pytest.fixture
def client_for(monkeypatch):
    """client_for(url, token=None) → a TestClient on a fresh app (lifespan entered, so the
    store is closed afterwards)."""
    from fastapi.testclient import TestClient

    from warlog.serve import create_app

    monkeypatch.delenv("WARLOG_API_TOKEN", raising=False)
    opened = []

    def make(url, token=None):
        client = TestClient(create_app(url, token=token))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(filled_url, client_for):
    return client_for(filled_url)
