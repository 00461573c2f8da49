"""Reading and validating ``data/actors.yaml`` into typed tables.

Kept apart from the matcher so the schema rules (and their error messages) can be read in
one place; docs/actors.md describes the file for analysts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from warlog.errors import LexiconError
from warlog.resolve._text import key

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "actors.yaml"
INTER_CODES = frozenset(range(1, 9))
LANGS = frozenset({"fr", "en", "ar", "ru", "other"})
TEMPLATE_KINDS = ("military", "police", "unidentified", "civilians", "protesters", "rioters")


@dataclass(frozen=True)
class Alias:
    text: str
    lang: str
    seen: str
    ambiguous: bool = False
    former: bool = False

    @property
    def acronym(self) -> bool:
        # "HTS", "M23", "FAMa": an abbreviation must not fire on an ordinary lower-case word.
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and " " not in self.text.strip() and (
            sum(c.isupper() for c in letters) >= 2 or any(c.isdigit() for c in self.text)
        )


@dataclass(frozen=True)
class Actor:
    name: str
    inter: int
    country: str | None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    active: tuple[int | None, int | None] = (None, None)
    former_names: tuple[str, ...] = ()
    branch_of: str | None = None
    note: str = ""
    alias_info: tuple[Alias, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class Country:
    name: str
    iso: str
    fr: tuple[str, ...]
    adj: tuple[str, ...]
    capitals: tuple[str, ...]
    leaders: tuple[str, ...]


@dataclass(frozen=True)
class Label:
    label: str
    forms: tuple[str, ...]
    names_state: bool = False


@dataclass(frozen=True)
class ContextRule:
    actor: str
    country: str
    adjectives: tuple[str, ...]
    nouns: tuple[str, ...]


@dataclass
class RegistryData:
    path: Path
    actors: list[Actor]
    countries: list[Country]
    templates: dict[str, tuple[str, int]]
    descriptions: dict[str, Any]
    labels: list[Label]
    contextual: list[ContextRule]


def _fail(path: Path, where: str, message: str) -> LexiconError:
    return LexiconError(f"{where}: {message}", path)


def _strings(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, "expected a list of non-empty strings")
    return tuple(value)


def _years(value: Any, path: Path, where: str) -> tuple[int | None, int | None]:
    if value is None:
        return (None, None)
    if (not isinstance(value, list) or len(value) != 2
            or not all(v is None or isinstance(v, int) for v in value)):
        raise _fail(path, where, "`active` must be [first year, last year or null]")
    return (value[0], value[1])


def load_data(path: str | Path | None = None) -> RegistryData:
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"cannot read actor registry: {exc}", path) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"not valid YAML: {exc}", path) from exc
    if not isinstance(raw, dict):
        raise LexiconError("expected a mapping with `countries`, `templates`, `actors`…", path)
    for section in ("countries", "templates", "descriptions", "labels", "actors"):
        if section not in raw:
            raise LexiconError(f"missing section `{section}`", path)

    countries = []
    for i, c in enumerate(raw["countries"] or []):
        where = f"countries[{i}]"
        if not isinstance(c, dict) or not isinstance(c.get("name"), str):
            raise _fail(path, where, "a country needs a `name`")
        where = f"country {c['name']!r}"
        iso = c.get("iso")
        if not (isinstance(iso, str) and len(iso) == 2 and iso.isupper()):
            raise _fail(path, where, "`iso` must be a two-letter upper-case code")
        countries.append(Country(c["name"], iso, _strings(c.get("fr"), path, where),
                                 _strings(c.get("adj"), path, where),
                                 _strings(c.get("capitals"), path, where),
                                 _strings(c.get("leaders"), path, where)))
    country_names = {c.name for c in countries}

    templates = {}
    for kind in TEMPLATE_KINDS:
        t = (raw["templates"] or {}).get(kind)
        if not isinstance(t, dict) or "{country}" not in str(t.get("name", "")):
            raise _fail(path, f"templates.{kind}", "needs a `name` with a {country} slot")
        if t.get("inter") not in INTER_CODES:
            raise _fail(path, f"templates.{kind}", "`inter` must be 1-8")
        templates[kind] = (t["name"], t["inter"])

    labels = []
    for i, lb in enumerate(raw["labels"] or []):
        where = f"labels[{i}]"
        if not isinstance(lb, dict) or not isinstance(lb.get("label"), str):
            raise _fail(path, where, "a label needs `label` and `forms`")
        labels.append(Label(lb["label"], _strings(lb.get("forms"), path, where),
                            bool(lb.get("names_state", False))))

    actors: list[Actor] = []
    seen_names: dict[str, int] = {}
    for i, a in enumerate(raw["actors"] or []):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str) or not a["name"].strip():
            raise _fail(path, f"actors[{i}]", "an actor needs a `name`")
        name = a["name"]
        where = f"actor {name!r}"
        if name in seen_names:
            raise _fail(path, where, f"duplicate name (also actors[{seen_names[name]}])")
        seen_names[name] = i
        unknown = set(a) - {"name", "inter", "country", "active", "parent", "branch_of",
                            "former_names", "aliases", "note"}
        if unknown:
            raise _fail(path, where, f"unknown field(s) {sorted(unknown)}")
        if a.get("inter") not in INTER_CODES:
            raise _fail(path, where, f"`inter` must be an ACLED inter code 1-8, not {a.get('inter')!r}")
        if a.get("country") is not None and a["country"] not in country_names:
            raise _fail(path, where, f"country {a['country']!r} is not in `countries`")
        aliases = []
        for j, al in enumerate(a.get("aliases") or []):
            w = f"{where} alias {j}"
            if not isinstance(al, dict) or not isinstance(al.get("text"), str) or not key(al["text"]):
                raise _fail(path, w, "an alias needs a `text` with letters or digits")
            if al.get("lang") not in LANGS:
                raise _fail(path, w, f"`lang` must be one of {sorted(LANGS)}")
            if not isinstance(al.get("seen"), str) or not al["seen"].strip():
                raise _fail(path, w, "`seen` (where the form is attested) is required")
            extra = set(al) - {"text", "lang", "seen", "ambiguous", "former"}
            if extra:
                raise _fail(path, w, f"unknown field(s) {sorted(extra)}")
            aliases.append(Alias(al["text"], al["lang"], al["seen"],
                                 bool(al.get("ambiguous", False)), bool(al.get("former", False))))
        keys = [key(al.text) for al in aliases]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            raise _fail(path, where, f"alias listed twice: {sorted(dup)}")
        actors.append(Actor(
            name=name, inter=a["inter"], country=a.get("country"),
            aliases=tuple(al.text for al in aliases), parent=a.get("parent"),
            active=_years(a.get("active"), path, where),
            former_names=_strings(a.get("former_names"), path, where),
            branch_of=a.get("branch_of"), note=str(a.get("note") or ""),
            alias_info=tuple(aliases)))

    for a in actors:
        for rel in ("parent", "branch_of"):
            target = getattr(a, rel)
            if target is not None and target not in seen_names:
                raise _fail(path, f"actor {a.name!r}", f"`{rel}` {target!r} is not a registry name")

    contextual = []
    for i, r in enumerate(raw.get("contextual") or []):
        where = f"contextual[{i}]"
        if not isinstance(r, dict) or r.get("actor") not in seen_names:
            raise _fail(path, where, "`actor` must be a registry name")
        if r.get("country") not in country_names:
            raise _fail(path, where, "`country` must be in `countries`")
        contextual.append(ContextRule(r["actor"], r["country"],
                                      _strings(r.get("adjectives"), path, where),
                                      _strings(r.get("nouns"), path, where)))

    desc = raw["descriptions"]
    if not isinstance(desc, dict):
        raise _fail(path, "descriptions", "expected a mapping")
    for section in ("determiners", "force_nouns", "force_modifiers", "government",
                    "unidentified", "civilians", "protesters", "rioters", "group_heads"):
        if section not in desc:
            raise _fail(path, "descriptions", f"missing `{section}`")

    return RegistryData(path, actors, countries, templates, desc, labels, contextual)
