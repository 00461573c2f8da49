"""The speaker registry (``data/speakers.yaml``): spokespeople, outlets, monitors.

A speaker is resolved from the phrase a report uses for them: a spelling (also the surname
alone, and transliteration variants), a role the registry knows ("le chef du Centre russe
pour la réconciliation…"), or an institution pattern ("le ministère russe de la Défense").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from warlog.errors import LexiconError
from warlog.resolve._text import key, translit_key, words

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "speakers.yaml"
KINDS = frozenset({"person", "outlet", "monitor", "institution"})
# A role phrase must be nearly the registered one: "le chef" alone designates nobody.
ROLE_CUTOFF = 85.0
NAME_FUZZY_CUTOFF = 88.0


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str
    affiliation: str | None
    spellings: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    active: tuple[int | None, int | None] = (None, None)


def _fail(path: Path, where: str, message: str) -> LexiconError:
    return LexiconError(f"{where}: {message}", path)


def _list(raw: dict, name: str, path: Path, where: str) -> tuple[str, ...]:
    value = raw.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, where, f"`{name}` must be a list of strings")
    return tuple(value)


class SpeakerRegistry:
    def __init__(self, raw: Any, path: Path):
        self.path = path
        if not isinstance(raw, dict) or not isinstance(raw.get("speakers"), list):
            raise LexiconError("expected a mapping with a `speakers` list", path)
        self.speakers: list[Speaker] = []
        names: set[str] = set()
        for i, s in enumerate(raw["speakers"]):
            if not isinstance(s, dict) or not isinstance(s.get("name"), str):
                raise _fail(path, f"speakers[{i}]", "a speaker needs a `name`")
            where = f"speaker {s['name']!r}"
            if s["name"] in names:
                raise _fail(path, where, "duplicate name")
            names.add(s["name"])
            if s.get("kind") not in KINDS:
                raise _fail(path, where, f"`kind` must be one of {sorted(KINDS)}")
            spellings = []
            for j, sp in enumerate(s.get("spellings") or []):
                if not isinstance(sp, dict) or not isinstance(sp.get("text"), str) \
                        or not isinstance(sp.get("seen"), str):
                    raise _fail(path, f"{where} spelling {j}", "needs `text` and `seen`")
                spellings.append(sp["text"])
            if not spellings:
                raise _fail(path, where, "at least one spelling is required")
            roles = s.get("roles") or []
            if not all(isinstance(r, str) for r in roles):
                raise _fail(path, where, "`roles` must be strings")
            active = tuple(s.get("active") or (None, None))
            self.speakers.append(Speaker(s["name"], s["kind"], s.get("affiliation"),
                                         tuple(spellings), tuple(roles), active))  # type: ignore[arg-type]
        where = "speakers.yaml"
        self.titles = {key(t) for t in _list(raw, "titles", path, where)}
        self.role_nouns = {key(t) for t in _list(raw, "role_nouns", path, where)}
        self.document_nouns = {key(t) for t in _list(raw, "document_nouns", path, where)}
        self.anonymous = {key(t) for t in _list(raw, "anonymous", path, where)}
        cues = raw.get("cues")
        hedges = raw.get("hedges")
        if not isinstance(cues, dict) or not isinstance(hedges, dict):
            raise LexiconError("`cues` and `hedges` sections are required", path)
        self.cue_verbs = {key(v) for v in _list(cues, "verbs", path, "cues")}
        # First words of two-word cues ("faire état", "faire savoir").
        self.light_verbs = {v.split()[0] for v in self.cue_verbs if " " in v}
        self.cue_forms: dict[str, str] = {}
        for lemma in self.cue_verbs:
            if lemma.endswith("er") and " " not in lemma:
                for ending in ("e", "ent", "ee", "es"):
                    self.cue_forms[lemma[:-2] + ending] = lemma
        for lemma, forms in (cues.get("forms") or {}).items():
            if key(lemma) not in self.cue_verbs or not isinstance(forms, list):
                raise _fail(path, f"cues.forms.{lemma}", "must list forms of a verb in `cues.verbs`")
            for form in forms:
                self.cue_forms[key(form)] = key(lemma)
        self.publish_verbs = {key(v) for v in _list(cues, "publish", path, "cues")}
        self.media_nouns = {key(v) for v in _list(cues, "media", path, "cues")}
        self.denial_verbs = {key(v) for v in _list(cues, "denial", path, "cues")}
        self.prepositions = [tuple(key(v).split()) for v in _list(cues, "prepositions", path, "cues")]
        self.continuation = {key(v) for v in _list(cues, "continuation", path, "cues")}
        self.hedge_phrases = list(_list(hedges, "phrases", path, "hedges"))
        self.not_conditional = {key(v) for v in _list(hedges, "not_conditional", path, "hedges")}
        self.anaphoric = [tuple(key(v).split()) for v in _list(raw, "anaphoric", path, where)]
        # Optional sections: a registry written before they existed still loads.
        self.not_sources = {key(v) for v in (_list(raw, "not_sources", path, where)
                                             if "not_sources" in raw else ())}
        self.national: dict[str, str] = {}
        for i, nat in enumerate(raw.get("national") or []):
            if not isinstance(nat, dict) or not isinstance(nat.get("text"), str) \
                    or "{country}" not in str(nat.get("name")):
                raise _fail(path, f"national[{i}]", "needs a `text` and a `name` with {country}")
            self.national[key(nat["text"])] = nat["name"]
        self.institutions = []
        for i, inst in enumerate(raw.get("institutions") or []):
            if not isinstance(inst, dict) or "{NAT}" not in str(inst.get("pattern")) \
                    or "{country}" not in str(inst.get("name")):
                raise _fail(path, f"institutions[{i}]", "needs a `pattern` with {NAT} and a `name` with {country}")
            before, _, after = inst["pattern"].partition("{NAT}")
            self.institutions.append((tuple(key(before).split()), tuple(key(after).split()), inst["name"]))
        self._index()

    @classmethod
    def load(cls, path: str | Path | None = None) -> "SpeakerRegistry":
        if path is None:
            return _default()
        return _read(Path(path))

    def _index(self) -> None:
        self._by_key: dict[str, Speaker] = {}
        surnames: dict[str, list[Speaker]] = {}
        for sp in self.speakers:
            for text in sp.spellings:
                self._by_key[key(text)] = sp
                parts = key(text).split()
                if sp.kind == "person" and len(parts) > 1:
                    surnames.setdefault(parts[-1], []).append(sp)
        for surname, owners in surnames.items():
            if len({o.name for o in owners}) == 1 and surname not in self._by_key:
                self._by_key[surname] = owners[0]
        self._vocab = Vocab()
        self._matcher = PhraseMatcher(self._vocab, attr="ORTH")
        for k in self._by_key:
            self._matcher.add(k, [Doc(self._vocab, words=k.split())])
        self._translit = {translit_key(k): sp for k, sp in self._by_key.items()}
        self._roles = [(key(r), sp) for sp in self.speakers for r in sp.roles]

    def _strip(self, ks: list[str]) -> list[str]:
        drop = {"le", "la", "l", "les", "un", "une", "du", "de", "d", "des"} | self.titles
        i = 0
        while i < len(ks) - 1 and ks[i] in drop:
            i += 1
        return ks[i:]

    def lookup(self, text: str, nationality=None, *, country=None, place=None,
               roles: bool = True) -> list[tuple[Speaker, float]]:
        """Speakers that ``text`` (a name, role or outlet phrase as written) designates.

        ``nationality`` maps a folded adjective ("russe") to a country, for institution
        patterns; :class:`~warlog.resolve.actors.ActorRegistry` provides one, and ``place``
        (a country name → the registry country). With ``nationality``, a registered role that
        names a country links only when the text names the same one, or names none and the
        document's ``country`` (a name, or a callable giving it on demand) is that one.
        ``roles=False`` skips role phrases (the text already names someone).
        """
        ks = self._strip([w.key for w in words(text)])
        if not ks:
            return []
        whole = " ".join(ks)
        if whole in self._by_key:
            return [(self._by_key[whole], 100.0)]
        best: list[tuple[Speaker, float]] = []
        as_role = [w.key for w in words(text)]
        while as_role and as_role[0] in {"le", "la", "l", "les", "un", "une"}:
            as_role.pop(0)
        role_text = " ".join(as_role)
        for rk, sp in self._roles if roles else ():
            score = fuzz.ratio(role_text, rk)
            if score >= ROLE_CUTOFF and self._same_country(rk, as_role, nationality, place, country):
                best.append((sp, min(score, 90.0)))
        if best:
            return sorted(best, key=lambda b: -b[1])[:1]
        hits = [(e - s, self._vocab.strings[m]) for m, s, e in self._matcher(Doc(self._vocab, words=ks))]
        if hits:
            return [(self._by_key[max(hits)[1]], 100.0)]
        if nationality is not None:
            inst = self.institution(ks, nationality)
            if inst:
                return [(inst, 100.0)]
        tk = translit_key(whole)
        if tk in self._translit:
            return [(self._translit[tk], 95.0)]
        # Transliteration variants of a known name, word by word ("Kouptchichine").
        # Only the last word is a surname: "Abdirahman Nur" is not a Mr Abdramane.
        out: dict[str, tuple[Speaker, float]] = {}
        for word in tk.split()[-1:]:
            if len(word) < 5:
                continue
            for other, sp in self._translit.items():
                if " " in other:
                    continue
                score = fuzz.ratio(word, other)
                if score >= NAME_FUZZY_CUTOFF and (sp.name not in out or out[sp.name][1] < score):
                    out[sp.name] = (sp, score)
        return sorted(out.values(), key=lambda r: -r[1])

    def _same_country(self, role_key: str, text_keys: list[str], nationality, place,
                      country) -> bool:
        """A role such as "porte-parole du ministère russe de la Défense" is one person in
        one country: "le porte-parole du ministère de la Défense" in a Nigerian report is
        someone else, however close the words."""
        if nationality is None:
            return True
        wanted = _countries(role_key.split(), nationality, place)
        if not wanted:
            return True
        stated = _countries(text_keys, nationality, place)
        if stated:
            return wanted <= stated
        if callable(country):
            country = country()
        return country is not None and wanted == {country}

    def institution(self, ks: list[str], nationality) -> Speaker | None:
        for before, after, template in self.institutions:
            for i in range(len(ks)):
                j = i + len(before)
                if tuple(ks[i:j]) != before:
                    continue
                for n in (2, 1):
                    country = nationality(" ".join(ks[j:j + n]))
                    if country and tuple(ks[j + n:j + n + len(after)]) == after:
                        return Speaker(template.format(country=country), "institution", None)
        return None


def _countries(ks: list[str], nationality, place) -> set[str]:
    """Countries a phrase names by adjective ("russe") or by name ("du Nigeria")."""
    out = set()
    for i in range(len(ks)):
        for n in (1, 2, 3):
            if i + n > len(ks):
                break
            phrase = " ".join(ks[i:i + n])
            found = nationality(phrase) or (place(phrase) if place is not None and len(phrase) > 2
                                            else None)
            if found:
                out.add(found)
    return out


@lru_cache(maxsize=None)
def _read(path: Path) -> SpeakerRegistry:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"cannot read speaker registry: {exc}", path) from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"not valid YAML: {exc}", path) from exc
    return SpeakerRegistry(raw, path)


def _default() -> SpeakerRegistry:
    return _read(DEFAULT_PATH)
