"""Reading and validating the trigger lexicon (``data/lexicons/fr/triggers.yaml``).

Kept apart from matching so the lexicon can be checked (by tests, by a future ``warlog
lexicon check``) without loading spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from warlog.errors import LexiconError
from warlog.schema import EVENT_TYPES

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "fr" / "triggers.yaml"

STATUSES = ("event", "negated", "hypothetical", "background", "commentary", "diplomacy",
            "reference")
# Statuses a cue list in the ``context:`` section can set, in the order they are tried: the
# first that applies wins, so a denied future attack reads as negated, not hypothetical.
CUE_STATUSES = ("negated", "hypothetical", "commentary", "diplomacy", "background")
SCOPES = ("self", "clause", "governs", "sentence")
ACTOR_HINTS = ("state", "non_state")

_ENTRY_KEYS = {"key", "phrases", "exclude", "event_type", "sub_event_type", "weight", "pos", "needs_actor",
               "otherwise", "refine", "ignore_context", "examples", "note"}
_EXAMPLE_KEYS = {"text", "status", "event_type", "sub_event_type", "match"}
_CUE_KEYS = {"cue", "pattern", "scope", "anchor", "note"}


@dataclass(frozen=True)
class Refinement:
    """Switch to another sub-type when one of ``if_any`` (lemma or lower form) is in the clause."""
    if_any: frozenset[str]
    event_type: str
    sub_event_type: str


@dataclass(frozen=True)
class Example:
    text: str
    match: bool = True
    status: str | None = "event"
    event_type: str | None = None
    sub_event_type: str | None = None


@dataclass(frozen=True)
class TriggerEntry:
    key: str
    phrases: tuple[str, ...]
    event_type: str
    sub_event_type: str
    weight: float = 1.0
    pos: frozenset[str] = frozenset()
    # Phrases in which a match is not this trigger ("véhicule de combat" for "combat").
    exclude: tuple[str, ...] = ()
    needs_actor: str | None = None
    otherwise: str | None = None
    refine: tuple[Refinement, ...] = ()
    ignore_context: frozenset[str] = frozenset()
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Cue:
    status: str
    scope: str
    # Exactly one of: a phrase (tokenised and matched like trigger phrases) or a raw spaCy
    # Matcher token pattern, for cues that need DEP/MORPH/SHAPE.
    phrase: str | None = None
    pattern: tuple[dict, ...] | None = None
    # Which token of the match stands for the cue when judging scope; None = the span's root.
    anchor: int | None = None

    @property
    def label(self) -> str:
        return self.phrase if self.phrase is not None else repr(list(self.pattern or ()))


@dataclass(frozen=True)
class TriggerLexicon:
    path: str
    entries: tuple[TriggerEntry, ...]
    cues: tuple[Cue, ...]
    # Date cues: their presence anywhere in a sentence means a present tense is a historical
    # present, not a generic statement.
    dates: tuple[Cue, ...]
    # Verbs whose present tense reports news ("annonce", "fait état de") rather than states a
    # habit; the present-tense background rule looks through them.
    reporting_verbs: frozenset[str] = frozenset()
    by_key: dict[str, TriggerEntry] = field(default_factory=dict, compare=False, hash=False)


def load_lexicon(path: str | Path | None = None) -> TriggerLexicon:
    """Load and validate a trigger lexicon; cached per path."""
    return _load(str(Path(path) if path is not None else DEFAULT_PATH))


@lru_cache(maxsize=8)
def _load(path: str) -> TriggerLexicon:
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"cannot read trigger lexicon: {exc.strerror}", path) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"not valid YAML: {exc}", path) from exc
    if not isinstance(raw, dict):
        raise LexiconError("top level must be a mapping with 'triggers' and 'context'", path)
    unknown = set(raw) - {"version", "triggers", "context"}
    if unknown:
        raise LexiconError(f"unknown top-level keys {sorted(unknown)}", path)
    triggers = raw.get("triggers")
    if not isinstance(triggers, list) or not triggers:
        raise LexiconError("'triggers' must be a non-empty list", path)
    entries = tuple(_entry(item, i, path) for i, item in enumerate(triggers))
    by_key: dict[str, TriggerEntry] = {}
    for e in entries:
        if e.key in by_key:
            raise LexiconError(f"trigger {e.key!r}: duplicate key", path)
        by_key[e.key] = e
    cues, dates, reporting = _context(raw.get("context"), path)
    return TriggerLexicon(path=path, entries=entries, cues=cues, dates=dates,
                          reporting_verbs=reporting, by_key=by_key)


def _fail(path: str, where: str, msg: str) -> LexiconError:
    return LexiconError(f"{where}: {msg}", path)


def _str_list(value: Any, path: str, where: str, name: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(
            isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, where, f"'{name}' must be a non-empty string or list of strings")
    return [v.strip() for v in value]


def _check_type(event_type: Any, sub: Any, path: str, where: str) -> None:
    if event_type not in EVENT_TYPES:
        raise _fail(path, where, f"unknown event_type {event_type!r}; "
                                 f"expected one of {sorted(EVENT_TYPES)}")
    if sub not in EVENT_TYPES[event_type]:
        raise _fail(path, where, f"sub_event_type {sub!r} is not a sub-type of {event_type!r}")


def _entry(item: Any, i: int, path: str) -> TriggerEntry:
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        raise _fail(path, f"trigger #{i + 1}", "must be a mapping with a string 'key'")
    where = f"trigger {item['key']!r}"
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise _fail(path, where, f"unknown fields {sorted(unknown)}")
    phrases = _str_list(item.get("phrases"), path, where, "phrases")
    et, sub = item.get("event_type"), item.get("sub_event_type")
    _check_type(et, sub, path, where)
    exclude = item.get("exclude", [])
    exclude = _str_list(exclude, path, where, "exclude") if exclude else []
    weight = item.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
        raise _fail(path, where, "'weight' must be a number in (0, 1]")
    pos = item.get("pos", [])
    pos = _str_list(pos, path, where, "pos") if pos else []
    needs = item.get("needs_actor")
    if needs is not None and needs not in ACTOR_HINTS:
        raise _fail(path, where, f"'needs_actor' must be one of {ACTOR_HINTS}")
    otherwise = item.get("otherwise")
    if otherwise is not None:
        _check_type(et, otherwise, path, where + " 'otherwise'")
    refine = []
    for j, r in enumerate(item.get("refine") or []):
        if not isinstance(r, dict) or set(r) - {"if_any", "event_type", "sub_event_type"}:
            raise _fail(path, f"{where} refine #{j + 1}",
                        "must be a mapping of if_any, sub_event_type (and event_type)")
        r_et = r.get("event_type", et)
        _check_type(r_et, r.get("sub_event_type"), path, f"{where} refine #{j + 1}")
        words = _str_list(r.get("if_any"), path, f"{where} refine #{j + 1}", "if_any")
        refine.append(Refinement(frozenset(w.lower() for w in words), r_et, r["sub_event_type"]))
    ignore = item.get("ignore_context", [])
    ignore = _str_list(ignore, path, where, "ignore_context") if ignore else []
    if set(ignore) - set(CUE_STATUSES):
        raise _fail(path, where, f"'ignore_context' values must be in {CUE_STATUSES}")
    examples = item.get("examples")
    if not isinstance(examples, list) or not 1 <= len(examples) <= 3:
        raise _fail(path, where, "'examples' must list 1 to 3 example sentences")
    return TriggerEntry(
        key=item["key"], phrases=tuple(phrases), event_type=et, sub_event_type=sub,
        weight=float(weight), pos=frozenset(pos), exclude=tuple(exclude), needs_actor=needs, otherwise=otherwise,
        refine=tuple(refine), ignore_context=frozenset(ignore),
        examples=tuple(_example(x, j, path, where) for j, x in enumerate(examples)),
    )


def _example(x: Any, j: int, path: str, where: str) -> Example:
    where = f"{where} example #{j + 1}"
    if not isinstance(x, dict) or not isinstance(x.get("text"), str) or not x["text"].strip():
        raise _fail(path, where, "must be a mapping with a non-empty 'text'")
    unknown = set(x) - _EXAMPLE_KEYS
    if unknown:
        raise _fail(path, where, f"unknown fields {sorted(unknown)}")
    match = x.get("match", True)
    if not isinstance(match, bool):
        raise _fail(path, where, "'match' must be true or false")
    status = x.get("status", "event" if match else None)
    if status is not None and status not in STATUSES:
        raise _fail(path, where, f"'status' must be one of {STATUSES}")
    et, sub = x.get("event_type"), x.get("sub_event_type")
    if sub is not None:
        if et is None:
            et = next((t for t, subs in EVENT_TYPES.items() if sub in subs), None)
        _check_type(et, sub, path, where)
    return Example(text=x["text"], match=match, status=status, event_type=et, sub_event_type=sub)


def _context(ctx: Any, path: str) -> tuple[tuple[Cue, ...], tuple[Cue, ...], frozenset[str]]:
    if not isinstance(ctx, dict):
        raise LexiconError("'context' must be a mapping of status → cue list", path)
    unknown = set(ctx) - set(CUE_STATUSES) - {"dates", "reporting_verbs"}
    if unknown:
        raise LexiconError(f"context: unknown sections {sorted(unknown)}", path)
    cues: list[Cue] = []
    for status in CUE_STATUSES:
        section = ctx.get(status)
        if section is None:
            continue
        cues.extend(_cue_section(section, status, path))
    dates = tuple(_cue_section(ctx.get("dates") or {"scope": "sentence", "cues": []},
                               "dates", path))
    reporting = ctx.get("reporting_verbs") or []
    reporting = _str_list(reporting, path, "context.reporting_verbs", "reporting_verbs") \
        if reporting else []
    return tuple(cues), dates, frozenset(reporting)


def _cue_section(section: Any, status: str, path: str) -> list[Cue]:
    where = f"context.{status}"
    if not isinstance(section, dict) or not isinstance(section.get("cues"), list):
        raise _fail(path, where, "must be a mapping with 'scope' and a 'cues' list")
    default_scope = section.get("scope", "clause")
    if default_scope not in SCOPES:
        raise _fail(path, where, f"'scope' must be one of {SCOPES}")
    out = []
    for j, c in enumerate(section["cues"]):
        w = f"{where} cue #{j + 1}"
        if isinstance(c, str):
            c = {"cue": c}
        if not isinstance(c, dict) or set(c) - _CUE_KEYS:
            raise _fail(path, w, f"must be a string or a mapping of {sorted(_CUE_KEYS)}")
        has_phrase, has_pattern = isinstance(c.get("cue"), str), "pattern" in c
        if has_phrase == has_pattern:
            raise _fail(path, w, "give exactly one of 'cue' (a phrase) or 'pattern'")
        pattern = c.get("pattern")
        if has_pattern and (not isinstance(pattern, list) or not pattern
                            or not all(isinstance(t, dict) for t in pattern)):
            raise _fail(path, w, "'pattern' must be a list of spaCy Matcher token dicts")
        scope = c.get("scope", default_scope)
        if scope not in SCOPES:
            raise _fail(path, w, f"'scope' must be one of {SCOPES}")
        anchor = c.get("anchor")
        if anchor is not None and not isinstance(anchor, int):
            raise _fail(path, w, "'anchor' must be a token index")
        out.append(Cue(status=status, scope=scope, phrase=c.get("cue"),
                       pattern=tuple(pattern) if has_pattern else None, anchor=anchor))
    return out
