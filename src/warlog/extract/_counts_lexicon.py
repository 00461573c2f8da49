"""Loading, checking and matching ``data/lexicons/fr/counts.yaml``.

The lexicon is the analyst's side of ``warlog.extract.quantities``: every word list lives
there, so that adding "drone kamikaze" or a new killing verb needs no Python. This module
checks the file's shape (a typo becomes a coded ``LexiconError`` naming the file, not a
silent miss) and turns noun phrases into regexes that tolerate plural and feminine forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

import yaml

from warlog.errors import LexiconError
from warlog.schema import MaterielKind, MaterielOutcome, Qualifier

LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "lexicons" / "fr" / "counts.yaml"

CATEGORIES = ("killed", "wounded", "abducted", "arrested", "displaced", "participants")
QUALIFIERS = tuple(q for q in get_args(Qualifier) if q != "exact")
MATERIEL_KINDS = get_args(MaterielKind)
OUTCOMES = tuple(o for o in get_args(MaterielOutcome) if o != "used")
ROLES = ("patient", "subject", "oblique")

# Function words inside a phrase never inflect ("véhicules de combat", not "des combats").
_FUNCTION_WORDS = {"de", "d'", "du", "des", "la", "le", "l'", "les", "à", "au", "aux", "en",
                   "et", "sur", "sans", "anti", "sol", "air"}
_APOS = "['’]"


@dataclass(frozen=True)
class NounEntry:
    """One counted-noun phrase and what it stands for."""
    phrase: str
    cls: str                  # "materiel" | "casualty" | "people"
    kind: str | None          # materiel kind, or people kind
    category: str | None = None   # casualty nouns: the category they imply
    participant: bool = False     # people: a bare count is a count of participants


@dataclass(frozen=True)
class VerbPhrase:
    verb: str
    word: str
    role: str
    category: str


@dataclass
class Lexicon:
    qualifiers: dict[str, str]                 # phrase -> qualifier
    approximations: dict[str, tuple[int, int]]  # noun -> (value, vague value)
    vague_determiners: list[str]
    scales: dict[str, int]
    not_quantities: dict[str, list[str]]
    nouns: list[NounEntry]
    verbs: dict[str, dict[str, set[str]]]     # category -> role -> verb lemmas
    phrases: list[VerbPhrase]
    nominal: dict[str, set[str]]              # category -> trigger nouns
    kinds_by_verb: dict[str, str]
    outcome_verbs: dict[str, set[str]]        # outcome -> verbs
    outcome_phrases: list[VerbPhrase]         # category field holds the outcome
    outcome_nominal: dict[str, set[str]]
    examples: list[tuple[str, list[str], str]] = field(default_factory=list)
    _index: dict[str, list[tuple[re.Pattern, NounEntry]]] = field(default_factory=dict)

    def match_noun(self, text: str, pos: int) -> tuple[NounEntry, int, int] | None:
        """Longest noun phrase starting at ``pos``: (entry, end, end of the head word)."""
        best = None
        for pattern, entry in self._index.get(_key(text[pos:pos + 4]), ()):
            m = pattern.match(text, pos)
            if m and (best is None or m.end() > best[1]):
                best = (entry, m.end(), m.end("head"))
        return best


def _key(s: str) -> str:
    return s[:2].lower().replace("’", "'")


def _inflect(word: str) -> str:
    """Regex for a word and its plural / feminine forms."""
    if word.lower() in _FUNCTION_WORDS:
        return re.escape(word).replace("'", _APOS)
    if word.isupper() or any(c.isdigit() for c in word):
        return re.escape(word) + "s?"
    # "camions-citernes", "lance-roquettes": each part of a compound may take the plural.
    parts = [re.escape(p) + "(?:e|s|x|es)?" for p in re.split(r"-", word)]
    alts = [r"[-‐\s]?".join(parts)]
    if word.endswith("al"):
        alts.append(re.escape(word[:-2]) + "aux")
    return "(?:" + "|".join(alts) + ")"


def _phrase_regex(phrase: str) -> re.Pattern:
    words = re.findall(r"[^\s'’]+['’]?", phrase)
    out = []
    for i, w in enumerate(words):
        apos = w.endswith(("'", "’"))
        core = _inflect(w[:-1] + "'") if apos else _inflect(w)
        if i == 0:
            core = f"(?P<head>{core})"
        out.append(core + (r"\s*" if apos else ""))
        if not apos and i < len(words) - 1:
            out.append(r"\s+")
    return re.compile("".join(out) + r"(?![\w-])", re.IGNORECASE)


def _fail(msg: str, path: Path) -> LexiconError:
    return LexiconError(f"counts lexicon: {msg}", path)


def _strs(value: Any, where: str, path: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(f"{where} must be a list of non-empty strings", path)
    return value


def _split_verb(entry: str) -> tuple[str, str | None]:
    """"mettre hors de combat" is verb "mettre" with the fixed word "combat"."""
    words = entry.split()
    return (words[0], words[-1].split("'")[-1]) if len(words) > 1 else (entry, None)


def _examples(node: dict, where: str, path: Path, out: list) -> None:
    for ex in node.get("examples") or []:
        if (not isinstance(ex, list) or len(ex) < 2
                or not all(isinstance(x, str) for x in ex)):
            raise _fail(f"{where}.examples: each example is [sentence, expectation, ...]", path)
        for exp in ex[1:]:
            if len(exp.split()) not in (4, 5):
                raise _fail(f"{where}.examples: {exp!r} is not 'category value qualifier kind "
                            f"[outcome]'", path)
        out.append((ex[0], ex[1:], where))


def parse_lexicon(data: Any, path: Path = LEXICON_PATH) -> Lexicon:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise _fail("expected a mapping with version: 1", path)
    required = ("qualifiers", "approximations", "vague_determiners", "scales",
                "not_quantities", "people", "categories", "materiel", "outcomes")
    for key in required:
        if key not in data:
            raise _fail(f"missing section {key!r}", path)
    examples: list = []

    qualifiers = {}
    for q, phrases in data["qualifiers"].items():
        if q not in QUALIFIERS:
            raise _fail(f"qualifiers: unknown qualifier {q!r} (one of {QUALIFIERS})", path)
        for p in _strs(phrases, f"qualifiers.{q}", path):
            qualifiers[p.lower()] = q

    approximations = {}
    for noun, spec in data["approximations"].items():
        if not (isinstance(spec, dict) and isinstance(spec.get("value"), int)
                and isinstance(spec.get("vague"), int)):
            raise _fail(f"approximations.{noun}: needs integer value and vague", path)
        approximations[noun.lower()] = (spec["value"], spec["vague"])

    scales = data["scales"]
    if not isinstance(scales, dict) or not all(isinstance(v, int) for v in scales.values()):
        raise _fail("scales: word -> integer", path)

    not_q = {}
    for key in ("months", "weekdays", "year_cues", "designators", "units", "percent",
                "currencies"):
        not_q[key] = [s.lower() for s in _strs(data["not_quantities"].get(key),
                                                f"not_quantities.{key}", path)]

    nouns: list[NounEntry] = []
    for i, group in enumerate(data["people"]):
        if not isinstance(group, dict) or "nouns" not in group:
            raise _fail(f"people[{i}]: needs nouns", path)
        for n in _strs(group["nouns"], f"people[{i}].nouns", path):
            nouns.append(NounEntry(n, "people", group.get("kind"),
                                   participant=bool(group.get("participant"))))
        _examples(group, f"people[{i}]", path, examples)

    verbs: dict[str, dict[str, set[str]]] = {}
    phrases: list[VerbPhrase] = []
    nominal: dict[str, set[str]] = {}
    for cat, spec in data["categories"].items():
        if cat not in CATEGORIES:
            raise _fail(f"categories: unknown category {cat!r} (one of {CATEGORIES})", path)
        if not isinstance(spec, dict):
            raise _fail(f"categories.{cat}: expected a mapping", path)
        for n in _strs(spec.get("nouns"), f"categories.{cat}.nouns", path):
            nouns.append(NounEntry(n, "casualty", None, category=cat))
        verbs[cat] = {}
        for role in ("patient", "subject"):
            verbs[cat][role] = set()
            for v in _strs(spec.get(role), f"categories.{cat}.{role}", path):
                verb, word = _split_verb(v.lower())
                if word:
                    phrases.append(VerbPhrase(verb, word, role, cat))
                else:
                    verbs[cat][role].add(verb)
        for j, ph in enumerate(spec.get("phrases") or []):
            if not (isinstance(ph, dict) and {"verb", "word", "role"} <= ph.keys()
                    and ph["role"] in ROLES):
                raise _fail(f"categories.{cat}.phrases[{j}]: needs verb, word and a role in "
                            f"{ROLES}", path)
            phrases.append(VerbPhrase(ph["verb"].lower(), ph["word"].lower(), ph["role"], cat))
        nominal[cat] = {n.lower() for n in _strs(spec.get("nominal"),
                                                 f"categories.{cat}.nominal", path)}
        _examples(spec, f"categories.{cat}", path, examples)
    kinds_by_verb = dict((data["categories"].get("participants") or {}).get("kinds") or {})

    for i, group in enumerate(data["materiel"]):
        if not isinstance(group, dict) or group.get("kind") not in MATERIEL_KINDS:
            raise _fail(f"materiel[{i}]: kind must be one of {MATERIEL_KINDS}", path)
        for n in _strs(group.get("nouns"), f"materiel[{i}].nouns", path):
            nouns.append(NounEntry(n, "materiel", group["kind"]))
        _examples(group, f"materiel[{i}]", path, examples)

    outcome_verbs: dict[str, set[str]] = {}
    outcome_phrases: list[VerbPhrase] = []
    outcome_nominal: dict[str, set[str]] = {}
    for outcome, spec in data["outcomes"].items():
        if outcome not in OUTCOMES or not isinstance(spec, dict):
            raise _fail(f"outcomes: unknown outcome {outcome!r} (one of {OUTCOMES})", path)
        outcome_verbs[outcome] = set()
        for v in _strs(spec.get("verbs"), f"outcomes.{outcome}.verbs", path):
            verb, word = _split_verb(v.lower())
            if word:
                outcome_phrases.append(VerbPhrase(verb, word, "patient", outcome))
            else:
                outcome_verbs[outcome].add(verb)
        outcome_nominal[outcome] = {n.lower() for n in _strs(
            spec.get("nominal"), f"outcomes.{outcome}.nominal", path)}
        _examples(spec, f"outcomes.{outcome}", path, examples)

    lex = Lexicon(qualifiers, approximations, [d.lower() for d in data["vague_determiners"]],
                  {k.lower(): v for k, v in scales.items()}, not_q, nouns, verbs, phrases,
                  nominal, kinds_by_verb, outcome_verbs, outcome_phrases, outcome_nominal,
                  examples)
    for entry in nouns:
        try:
            pattern = _phrase_regex(entry.phrase)
        except re.error as exc:
            raise _fail(f"noun {entry.phrase!r} cannot be matched: {exc}", path) from exc
        lex._index.setdefault(_key(entry.phrase), []).append((pattern, entry))
    return lex


@lru_cache(maxsize=None)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(f"cannot read: {exc}", path) from exc
    return parse_lexicon(data, path)
