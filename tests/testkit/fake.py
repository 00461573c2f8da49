"""A fast, deterministic stand-in for ``warlog.pipeline.Extractor`` (no spaCy).

One event per sentence that holds a trigger word; places, actors and figures found by plain
lookups. Output follows the event-record schema so the store sees plausible records; the
same text always gives the same events, which the kill/resume test relies on.
"""

from __future__ import annotations

import importlib.util
import random
import re
from datetime import date
from pathlib import Path

from warlog.ingest import document_id
from warlog.schema import Document, Event, ProcessedDocument

TRIGGERS = [
    ("attaqu", "battles", "armed_clash"),
    ("affrontements", "battles", "armed_clash"),
    ("offensive", "battles", "armed_clash"),
    ("frappe", "explosions_remote_violence", "air_drone_strike"),
    ("explosif", "explosions_remote_violence", "remote_explosive_landmine_ied"),
    ("manifestants", "protests", "protest_with_intervention"),
    ("enlevé", "violence_against_civilians", "abduction_forced_disappearance"),
]
PLACES = {
    "Gao": ("ML", "Gao", 16.27, -0.04), "Tombouctou": ("ML", "Tombouctou", 16.77, -3.01),
    "Mopti": ("ML", "Mopti", 14.49, -4.19), "Kidal": ("ML", "Kidal", 18.44, 1.41),
    "Ménaka": ("ML", "Ménaka", 15.92, 2.40), "Goma": ("CD", "Nord-Kivu", -1.68, 29.22),
    "Bunia": ("CD", "Ituri", 1.56, 30.25), "Beni": ("CD", "Nord-Kivu", 0.49, 29.47),
    "Rutshuru": ("CD", "Nord-Kivu", -1.19, 29.45), "Idlib": ("SY", "Idlib", 35.93, 36.63),
    "Alep": ("SY", "Alep", 36.20, 37.16), "Hama": ("SY", "Hama", 35.13, 36.75),
    "Kharkiv": ("UA", "Kharkiv", 49.99, 36.23), "Bakhmout": ("UA", "Donetsk", 48.59, 38.00),
    "Djibo": ("BF", "Sahel", 14.10, -1.63), "Ouahigouya": ("BF", "Nord", 13.58, -2.42),
    "Niamey": ("NE", "Niamey", 13.51, 2.11), "Maradi": ("NE", "Maradi", 13.50, 7.10),
    "Marib": ("YE", "Marib", 15.46, 45.32), "Hodeida": ("YE", "Hodeida", 14.80, 42.95),
}
ACTORS = [
    ("JNIM", "Jama'at Nasr al-Islam wal Muslimin", 2),
    ("État islamique", "Islamic State", 2), ("M23", "M23: March 23 Movement", 2),
    ("CODECO", "CODECO: Cooperative for Development of Congo", 4),
    ("Hayat Tahrir", "Hayat Tahrir al-Sham", 2), ("EIGS", "Islamic State (Greater Sahara)", 2),
    ("ADF", "ADF: Allied Democratic Forces", 2), ("houthies", "Ansar Allah", 2),
    ("armée malienne", "Military Forces of Mali", 1),
    ("Forces armées de la RDC", "Military Forces of the Democratic Republic of Congo", 1),
    ("armée syrienne", "Military Forces of Syria", 1),
    ("forces ukrainiennes", "Military Forces of Ukraine", 1),
    ("armée burkinabè", "Military Forces of Burkina Faso", 1),
    ("armée nigérienne", "Military Forces of Niger", 1),
    ("armée russe", "Military Forces of Russia", 8),
]
NUMBER = re.compile(r"\b(\d+) (?:soldats|civils|morts|assaillants|personnes)")


class FakeExtractor:
    def __init__(self, *args, **kwargs):
        self.calls = 0

    def process(self, raw, published=None):
        return next(self.process_many([raw], published=published))

    def process_many(self, raws, published=None, batch_size=16):
        self.calls += 1
        for raw in list(raws):
            if "BOUM-PIPELINE" in raw.text:
                raise RuntimeError("simulated pipeline crash")
            yield process(raw, published or raw.published)


def process(raw, published) -> ProcessedDocument:
    text = raw.text
    doc_id = document_id(text)
    events = []
    for match in re.finditer(r"[^.!?\n]+[.!?]?", text):
        sentence, start = match.group(0), match.start()
        trig = next((t for t in TRIGGERS if t[0] in sentence.lower()), None)
        if trig is None:
            continue
        index = len(events)
        record = {
            "id": f"{doc_id[:16]}-{index}", "event_type": trig[1], "sub_event_type": trig[2],
            "date": {"start": published.isoformat() if published else None,
                     "end": published.isoformat() if published else None,
                     "precision": 1 if published else None, "evidence": [],
                     "basis": "publication" if published else "unresolved"},
            "locations": [], "actors": [], "fatalities": [], "sources": [],
            "certainty": "asserted", "evidence": [[start, match.end()]],
            "notes": f"{trig[2].replace('_', ' ').capitalize()} reported.",
        }
        for name, (country, admin1, lat, lon) in PLACES.items():
            at = sentence.find(name)
            if at >= 0:
                record["locations"].append({
                    "text": name, "name": name, "lat": lat, "lon": lon, "country": country,
                    "admin1": admin1, "geo_precision": 1,
                    "evidence": [[start + at, start + at + len(name)]]})
        roles = iter(("actor1", "actor2", "assoc_actor1", "assoc_actor2"))
        for key, name, inter in ACTORS:
            at = sentence.find(key)
            if at >= 0:
                role = next(roles, None)
                if role is None:
                    break
                record["actors"].append({"role": role, "name": name, "text": key,
                                         "inter": inter,
                                         "evidence": [[start + at, start + at + len(key)]]})
        for m in NUMBER.finditer(sentence):
            record["fatalities"].append({"value": int(m.group(1)), "qualifier": "exact",
                                         "party": "unknown", "text": m.group(0),
                                         "evidence": [[start + m.start(), start + m.end()]]})
        if "selon" in sentence or "a indiqué" in sentence:
            record["sources"].append({"speaker": "porte-parole", "text": sentence.strip()})
            record["certainty"] = "attributed"
        events.append(Event.model_validate(record))
    document = Document(id=doc_id, title=raw.title, url=raw.url, outlet=raw.outlet,
                        language=raw.language or "fr", published=published,
                        text_length=len(text), file=raw.path)
    return ProcessedDocument(document=document, events=events)


def generated_reports(n: int, seed: int = 11) -> list[tuple[str, date]]:
    """``n`` reports from the benchmark corpus generator (imported by path)."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("warlog_bench_corpus", path)
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    rng = random.Random(seed)
    return [corpus.report(rng) for _ in range(n)]
