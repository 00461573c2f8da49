"""Who does what: actor1, actor2 and their allies for one event.

French reports mark roles with a handful of constructions: the subject acts ("X ont attaqué"),
the passive agent acts ("repoussée par X"), a complement is the target ("contre X", "les
positions de X"), allies are introduced by "avec l'appui de", "soutenus par" or coordination.
Defensive verbs ("repousser") swap subject and target. The cues live in ``roles.yaml``; this
module reads the words just before each actor mention, which survives the parser's frequent
errors on long wire sentences better than walking the dependency tree alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warlog.lexicons import load_yaml, require_str_list

LEXICON = "lexicons/fr/roles.yaml"
MAIN_ROLES = ("actor1", "actor2")


@dataclass(frozen=True)
class RoleCues:
    defensive: frozenset[str]
    target: tuple[str, ...]
    assoc: tuple[str, ...]
    agent: tuple[str, ...]
    coordination: tuple[str, ...]
    anaphora: tuple[str, ...]
    air_context: frozenset[str]
    party_heads: dict[str, frozenset[str]]
    patient_verbs: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> RoleCues:
    data = load_yaml(LEXICON)

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted((_norm(c) for c in require_str_list(data, key, LEXICON)),
                            key=len, reverse=True))

    heads = data.get("party_heads") or {}
    return RoleCues(
        defensive=frozenset(require_str_list(data, "defensive_lemmas", LEXICON)),
        target=longest_first("target_cues"),
        assoc=longest_first("assoc_cues"),
        agent=longest_first("agent_cues"),
        coordination=longest_first("coordination_cues"),
        anaphora=longest_first("anaphora"),
        air_context=frozenset(_norm(w) for w in require_str_list(data, "air_context", LEXICON)),
        party_heads={k: frozenset(_norm(w) for w in require_str_list(heads, k, LEXICON))
                     for k in ("non_state", "state", "civilians")},
        patient_verbs=longest_first("patient_verbs"),
    )


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'").lower()).strip()


_TRAILING_DET = re.compile(r"(?:^|\s)(?:l'|le|la|les|un|une|des|du|de|d'|ses|leurs|leur|son|sa)$")


# Common nouns that often stand between a cue and the name ("attribuée aux rebelles ADF").
_TRAILING_NOUNS = re.compile(
    r"(?:\s+(?:rebelles|jihadistes|djihadistes|combattants|miliciens|terroristes|islamistes"
    r"|insurgés|hommes|éléments|membres|groupe|milice|mouvement|forces|troupes))+$")


@lru_cache(maxsize=64)
def _ending_with(options: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation per cue list, longest cue first, anchored at the end: this runs for
    # every actor mention of every event, so it must not loop over the cues in Python.
    alternation = "|".join(re.escape(cue) for cue in options)
    return re.compile(r"(?:^|[\s'])(" + alternation + r")$")


def cue_before(before: str, options: tuple[str, ...]) -> str | None:
    """The cue that ``before`` ends with, allowing one determiner after it ("positions de l'")
    and a common noun before the name ("attribuée aux rebelles ADF")."""
    return _cue_in(_endings(before), options)


def _endings(before: str) -> list[str]:
    """``before`` normalised, then with a trailing determiner, common noun and determiner
    stripped in turn: the texts :func:`cue_before` looks for a cue at the end of. Made once
    per mention, which is tried against several cue lists."""
    candidates = [_norm(before)]
    for strip in (_TRAILING_DET, _TRAILING_NOUNS, _TRAILING_DET):
        stripped = strip.sub("", candidates[-1]).rstrip()
        if stripped != candidates[-1]:
            candidates.append(stripped)
    return candidates


def _cue_in(endings: list[str], options: tuple[str, ...]) -> str | None:
    pattern = _ending_with(options)
    for candidate in endings:
        found = pattern.search(candidate)
        if found:
            return found.group(1)
    return None


@dataclass(frozen=True)
class TriggerRef:
    """The part of a trigger this module needs: where it is, its lemma, whether it is a noun."""
    span: tuple[int, int]
    lemma: str
    is_noun: bool


@dataclass
class RoleAssignment:
    mention: object  # an ActorMention (resolve.actors) with .name resolved
    role: str
    cue: str | None


def assign_roles(text: str, sentence: tuple[int, int], mentions: list, triggers: list[TriggerRef],
                 victims: tuple[tuple[int, int], ...] = ()) -> list[RoleAssignment]:
    """Give each actor mention of one event's sentence a role.

    ``mentions`` must have canonical names already (labels resolved by context); they are
    read in text order so coordination can copy the role of the mention just before.
    ``victims`` are spans of the people counted as killed, wounded or abducted: whoever they
    are is the side attacked, unless a defensive verb says the attackers were the ones hit.
    """
    c = cues()
    defended = any(t.lemma in c.defensive for t in triggers)
    result: list[RoleAssignment] = []
    for mention in sorted(mentions, key=lambda m: m.span):
        start = mention.span[0]
        before = text[max(sentence[0], start - 60):start]
        before_trigger = _last(t for t in triggers if t.span[1] <= start)
        after_trigger = next((t for t in triggers if t.span[0] >= mention.span[1]), None)
        previous = result[-1] if result else None
        if any(v[0] < mention.span[1] and mention.span[0] < v[1]
               or 0 <= start - v[1] <= 8 and _OF.fullmatch(text[v[1]:start])
               for v in victims):
            result.append(RoleAssignment(mention, "actor1" if defended else "actor2", "victim"))
            continue
        if after_trigger is not None and (cue := _patient_verb(
                text[mention.span[1]:after_trigger.span[0]], c.patient_verbs)):
            result.append(RoleAssignment(mention, "actor2", cue))
            continue
        endings = _endings(before)  # once for the three cue lists below
        if (cue := _cue_in(endings, c.assoc)) is not None:
            anchor = _nearest_main(result)
            result.append(RoleAssignment(mention, "assoc_" + anchor, cue))
            continue
        if (previous is not None and start - previous.mention.span[1] <= 12
                and (cue := cue_before(text[previous.mention.span[1]:start], c.coordination))):
            base = previous.role.removeprefix("assoc_")
            result.append(RoleAssignment(mention, "assoc_" + base, cue))
            continue
        if (cue := _cue_in(endings, c.agent)) is not None and before_trigger is not None:
            role = "actor2" if before_trigger.lemma in c.defensive else "actor1"
            result.append(RoleAssignment(mention, role, cue))
            continue
        if (cue := _cue_in(endings, c.target)) is not None:
            result.append(RoleAssignment(mention, "actor2", cue))
            continue
        if before_trigger is not None and before_trigger.is_noun and _genitive_of(
                text[before_trigger.span[1]:start], mention.text):
            # "l'offensive des jihadistes", "une contre-offensive les 6 et 7 juin des X"
            result.append(RoleAssignment(mention, "actor1", "de"))
            continue
        if after_trigger is not None and (before_trigger is None or
                                          _clause_gap(text[before_trigger.span[1]:start])):
            role = "actor2" if after_trigger.lemma in c.defensive else "actor1"
            result.append(RoleAssignment(mention, role, None))
            continue
        if before_trigger is not None:
            role = "actor1" if before_trigger.lemma in c.defensive else "actor2"
            result.append(RoleAssignment(mention, role, None))
            continue
        result.append(RoleAssignment(mention, "actor1", None))
    return result


# "deux membres de la CJTF": the group the counted people belong to.
_OF = re.compile(r"\s*(?:de|du|des|d')\s*(?:la\s|l')?\s*", re.IGNORECASE)


def _patient_verb(between: str, verbs: tuple[str, ...]) -> str | None:
    """A verb between a subject and the trigger that makes the subject the one attacked."""
    if len(between) > 80:
        return None
    norm = _norm(between)
    return next((v for v in verbs if v in norm), None)


def _last(items):
    last = None
    for item in items:
        last = item
    return last


def _nearest_main(assigned: list[RoleAssignment]) -> str:
    for item in reversed(assigned):
        if item.role in MAIN_ROLES:
            return item.role
    return "actor1"


def _genitive_of(between: str, mention_text: str) -> bool:
    """Is the mention the "de" complement of the trigger noun just before it?

    A short date or adverb may sit between them ("une contre-offensive les 6 et 7 juin des X").
    """
    tail = _norm(between)
    if len(tail) > 40 or re.search(r"[.;:»«]", tail):
        return False
    if re.search(r"(?:^|\s)(?:de|des|du|d'|de la|de l')$", tail):
        return True
    return bool(re.match(r"(?:de|des|du|d')(?:\s|')", _norm(mention_text))) and bool(
        _DATE_WORDS.fullmatch(tail))


# What may stand between an event noun and its "de" complement: a date, nothing else.
_DATE_WORDS = re.compile(
    r"(?:[\s,]|\d+|le|les|la|du|au|et|er|dernier|dernière|soir|matin|nuit|janvier|février|mars"
    r"|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche)*")


def _clause_gap(between: str) -> bool:
    """True when a sentence boundary-like break separates the mention from an earlier trigger,
    so the mention is more likely the subject of the next trigger than the object of the last."""
    return bool(re.search(r"[.;:»«]|\b(?:et|mais|tandis que|alors que)\b", between))


def anaphora_at(text: str, sentence: tuple[int, int]) -> bool:
    """Does the sentence open with a pronoun that points back to earlier actors?"""
    head = _norm(text[sentence[0]:sentence[0] + 20])
    return any(head == a or head.startswith(a + " ") for a in cues().anaphora)


def latter_at(text: str, sentence: tuple[int, int]) -> bool:
    """Does the sentence open with "ces derniers" (the last-named actors), not "ils"?"""
    head = _norm(text[sentence[0]:sentence[0] + 20])
    return head.startswith(("ces derniers", "ces dernières", "ces derniers-ci"))


def mentions_air(text: str) -> bool:
    words = set(re.findall(r"[\w'-]+", _norm(text)))
    return bool(words & cues().air_context)


def party_of_head(head: str) -> str | None:
    """'non_state', 'state' or 'civilians' for a counted noun ("terroristes", "soldats")."""
    key = _norm(head)
    for party, words in cues().party_heads.items():
        if key in words:
            return party
    return None
