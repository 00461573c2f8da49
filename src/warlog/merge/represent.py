"""One (Document, Event) pair standing for a merged event, so every export writer works on
merged events unchanged: the representative report's record, with the reconciled
conservative toll as its only figure and notes that name every source and disputed figure."""

from __future__ import annotations

from warlog.merge.cluster import Reconciled, disputed_text
from warlog.schema import Document, Event, Figure


def representative_pair(merged_id: str, reports: list[tuple[Document, Event]],
                        representative_id: str | None, rec: Reconciled) -> tuple[Document, Event]:
    doc, event = next(((d, e) for d, e in reports if e.id == representative_id), reports[0])
    outlets = list(dict.fromkeys(d.outlet for d, _ in reports if d.outlet))
    sources, seen = [], set()
    for _, e in reports:
        for s in e.sources:
            if s.speaker not in seen:
                seen.add(s.speaker)
                sources.append(s)
    figures = [] if rec.best is None else [Figure(
        value=rec.best, qualifier="exact", party="unknown",
        text=f"{rec.best} (lowest credible figure of {len(reports)} reports)")]
    told = (f"Reported by {len(reports)} sources ({'; '.join(outlets)})."
            if len(reports) > 1 and outlets else
            f"Reported by {len(reports)} reports." if len(reports) > 1 else "")
    notes = " ".join(p for p in (event.notes.strip(), told, disputed_text(rec)) if p)
    published = min((d.published for d, _ in reports if d.published), default=doc.published)
    merged_doc = doc.model_copy(update={"outlet": "; ".join(outlets) or doc.outlet,
                                        "published": published})
    merged_event = event.model_copy(update={"id": merged_id, "fatalities": figures,
                                            "sources": sources, "notes": notes})
    return merged_doc, merged_event
