"""English ACLED-style ``notes``, written from the structured fields only.

Notes never quote the article: they are generated from what was extracted, so a wrong field
shows in the notes too and an analyst can spot it.
"""

from __future__ import annotations

from functools import lru_cache

from warlog.errors import LexiconError
from warlog.lexicons import DATA_DIR, load_yaml
from warlog.schema import EVENT_TYPES, Event

LEXICON = "notes_en.yaml"
_QUALIFIER = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
              "at_most": "at most ", "less_than": "fewer than "}
_PARTY = {"actor1": "on the side of {actor1}", "actor2": "on the side of {actor2}",
          "civilians": "civilians", "unknown": "side not stated"}
# English names of the materiel kinds (schema.MaterielKind), for notes and the web UI.
MATERIEL_NAMES = {"tank": "tank", "ifv": "infantry fighting vehicle", "apc": "armoured personnel carrier",
             "armoured_vehicle": "armoured vehicle", "pickup": "pickup", "off_road_vehicle":
             "off-road vehicle", "truck": "truck", "mrl": "multiple rocket launcher",
             "artillery": "artillery piece", "mortar": "mortar", "aircraft": "aircraft",
             "helicopter": "helicopter", "drone": "drone", "air_defence": "air defence system",
             "ship": "ship", "ammunition": "ammunition item", "other": "other item"}


@lru_cache(maxsize=1)
def _phrases() -> dict:
    data = load_yaml(LEXICON)
    subtypes = {s for subs in EVENT_TYPES.values() for s in subs}
    missing = sorted(subtypes - set(data or {}))
    if missing:
        raise LexiconError(f"no phrasing for sub-event types {missing}", DATA_DIR / LEXICON)
    return data


def _day(d) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _when(event: Event) -> str:
    d = event.date
    if d.start is None:
        return "On an unresolved date"
    if d.precision == 1 and d.start == d.end:
        return f"On {_day(d.start)}"
    if d.precision == 1:
        return f"Between {_day(d.start)} and {_day(d.end)}"
    if d.precision == 2:
        return f"In the week of {_day(d.start)} to {_day(d.end)}"
    return f"In {d.start.strftime('%B')} {d.start.year}"


def _where(event: Event) -> str:
    if not event.locations:
        return ""
    names = [loc.name or loc.text for loc in event.locations]
    first = event.locations[0]
    prep = "in" if first.geo_precision == 1 else "near" if first.geo_precision == 2 else "in the area of"
    region = f" ({first.admin1})" if first.admin1 and first.admin1 not in names else ""
    return f" {prep} {' and '.join(names)}{region}"


def _count(value: int, qualifier: str) -> str:
    return f"{_QUALIFIER.get(qualifier, '')}{value}"


def write_notes(event: Event) -> str:
    by_role = {}
    for actor in event.actors:
        by_role.setdefault(actor.role, actor.name)
    phrases = _phrases()[event.sub_event_type]
    if "actor1" in by_role:
        action = phrases["with_target" if "actor2" in by_role else "alone"]
    else:
        # Phrases without an actor open with a common noun: lower-case it after the date.
        action = phrases["nobody"][0].lower() + phrases["nobody"][1:]
    action = action.format(actor1=by_role.get("actor1", ""), actor2=by_role.get("actor2", ""))
    allies = [a.name for a in event.actors if a.role == "assoc_actor1"]
    if allies:
        action = action.replace(by_role["actor1"],
                                f"{by_role['actor1']} (with {', '.join(allies)})", 1)
    parts = [f"{_when(event)}, {action}{_where(event)}."]
    for p in event.participants:
        parts.append(f"{_count(p.value, p.qualifier).capitalize()} {p.kind} took part"
                     f"{_said(p.source)}.")
    for f in event.fatalities:
        party = _PARTY[f.party].format(**{k: by_role.get(k, k) for k in ("actor1", "actor2")})
        parts.append(f"{_count(f.value, f.qualifier).capitalize()} killed ({party}){_said(f.source)}.")
    for f in event.injuries:
        parts.append(f"{_count(f.value, f.qualifier).capitalize()} wounded{_said(f.source)}.")
    lost = [f"{m.count or 'some'} {MATERIEL_NAMES[m.kind]}{'s' if (m.count or 2) > 1 else ''} {m.outcome}"
            for m in event.materiel if m.outcome != "used"]
    if lost:
        parts.append("Materiel: " + ", ".join(lost) + ".")
    if event.certainty == "hedged":
        parts.append("The report hedges this account.")
    elif event.certainty == "denied":
        parts.append("The account is denied in the report.")
    return " ".join(parts)


def _said(source: str | None) -> str:
    return f", according to {source}" if source else ""
