"""What the words around a capitalised name say about it: spatial phrase (and so ACLED
geo-precision), person or organisation context.

Patterns run on a folded copy of the left context (lowercase, accents stripped, one character
per character) so a match's offsets are offsets into the original text too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from warlog.resolve._geo_text import name_key


def _fold_char(c: str) -> str:
    if c in "’‘ʼ`´":
        return "'"
    base = unicodedata.normalize("NFKD", c)[:1] or c
    return base.lower() if len(base.lower()) == 1 else c


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character: folding runs at C
    speed, and the rule lives in ``_fold_char`` alone."""

    def __missing__(self, code: int) -> str:
        self[code] = out = _fold_char(chr(code))
        return out


_FOLD = _FoldTable()


def fold_same_length(text: str) -> str:
    if text.isascii():
        return text.lower().replace("`", "'")
    return text.translate(_FOLD)


_ART = r"(?:(?:la|le|les|l')\s*)?"
# What may stand before a noun phrase and belongs to the phrase: "dans la province de".
_LEAD = (r"(?:(?:(?:^|(?<=[^a-z']))(?:dans|sur|vers|depuis|pour|de|en|a travers|dans tout|"
         r"par|contre)\s+)?(?:(?:la|le|les|l'|un|une|tout le|toute la)\s*)?)")
_DE = r"(?:de|d'|du|des)\s*"
_DIR = (r"(?:nord|sud|est|ouest|centre)(?:[- ](?:est|ouest))?")
# The nouns that head the phrases below, kept apart so a context can be checked for them
# before the (slower) full phrase patterns run.
_ADMIN1_NOUNS = (r"(?:province|provinces|gouvernorat|governorat|muhafaza|mohafazat|oblast|"
                 r"wilaya|etat|zone de desescalade)")
_REGION_NOUNS = r"region"
_DISTRICT_NOUNS = (r"(?:territoire|district|departement|cercle|prefecture|canton|raion|"
                   r"rayon|sous-prefecture)")
_AREA_NOUNS = (r"(?:campagne|zone|secteur|environs|alentours|abords|banlieue|peripherie|"
               r"faubourgs?|lisiere|partie|arriere-pays|pourtour)")
_SETTLE_NOUNS = (r"(?:ville|villes|village|villages|localite|localites|bourg|bourgade|cite|"
                 r"commune|agglomeration|quartier|hameau)")
_SETTLE = (r"(?:(?:(?:^|(?<=[^a-z']))(?:dans|sur|vers|depuis|pour|de|en|contre)\s+)?"
           r"(?:(?:la|les|l'|une|un)\s*)?)?" + _SETTLE_NOUNS +
           r"(?:\s+[a-z-]+){0,2}?\s+(?:de|d')\s*")
_NEAR = (r"(?:pres|aupres|non loin|a proximite|aux abords|aux alentours|aux environs|"
         r"dans les environs|dans les alentours|autour|a la peripherie|en peripherie|"
         r"dans la peripherie|en banlieue|dans la banlieue|a la lisiere|aux portes|"
         r"a l'\s*entree|a la sortie|aux confins|a (?:\d+|quelques|une? \w+|une dizaine)\s+"
         r"(?:km|kilometres?|miles)|a l'\s*(?:est|ouest)(?:[- ](?:nord|sud))?|"
         r"au (?:nord|sud)(?:[- ](?:est|ouest))?)")
# A context that does not end like this ("... de", "... du", "... de la") matches no phrase
# built on ``_DE + _ART + "$"``.
_ENDS_DE = re.compile(_DE + _ART + r"$")


class _Phrase(NamedTuple):
    rx: re.Pattern
    precision: int
    level: str | None          # level hint
    kind: str
    ends_de: bool              # the pattern ends in ``_DE + _ART + "$"``
    noun: re.Pattern | None    # a word the pattern cannot match without

    @classmethod
    def of(cls, pattern: str, precision: int, level: str | None, kind: str,
           noun: str | None = None) -> "_Phrase":
        return cls(re.compile(pattern + r"$"), precision, level, kind,
                   pattern.endswith(_DE + _ART), re.compile(noun) if noun else None)


# First match wins. Every pattern is searched over the whole left context, at every
# position; the cheap checks (``ends_de``, ``noun``) skip the ones that cannot match.
_PHRASES: list[_Phrase] = [
    _Phrase.of(_LEAD + _ADMIN1_NOUNS + r"\s+" + _DE + _ART, 3, "admin1", "admin",
               _ADMIN1_NOUNS),
    _Phrase.of(_LEAD + _REGION_NOUNS + r"\s+" + _DE + _ART, 2, "region", "admin",
               _REGION_NOUNS),
    _Phrase.of(_LEAD + _DISTRICT_NOUNS + r"\s+" + _DE + _ART, 2, None, "near",
               _DISTRICT_NOUNS),
    _Phrase.of(_NEAR + r"\s+" + _DE + r"(?:" + _SETTLE + r")?" + _ART, 2, None, "near"),
    _Phrase.of(_LEAD + _AREA_NOUNS + r"\s+" + _DE + r"(?:" + _DIR + r"\s+" + _DE + r")?"
               + _ART, 2, None, "near", _AREA_NOUNS),
    _Phrase.of(r"(?:^|[^a-z])(?:le|la|l')\s*" + _DIR + r"\s+" + _DE + _ART, 2, None, "near"),
    _Phrase.of(_SETTLE + _ART, 1, None, "town", _SETTLE_NOUNS),
    _Phrase.of(r"(?:^|[^a-z'])(?:a|au centre de|au coeur de|en plein centre de|"
               r"a l'\s*interieur de)\s*", 1, None, "town"),
    _Phrase.of(r"(?:^|[^a-z'])(?:en|au|aux)\s*", 3, "country", "country"),
]
# Prepositions that make a name plausibly a place without saying how precisely.
_WEAK = re.compile(r"(?:^|[^a-z'])(?:dans|vers|depuis|sur|contre|entre|de|d'|du|des|pour|"
                   r"par|jusqu'\s*a|a partir de|en direction de|route de|axe)\s*" + _ART + r"$")
_COORD = re.compile(r"(?:,|\bet|\bou|\bainsi que)\s*(?:de|d'|a|en|au|du|des)?\s*" + _ART + r"$")

_TITLES = re.compile(
    r"(?:^|[^a-z])(?:general|generale|gen\.|colonel|commandant|lieutenant|capitaine|sergent|"
    r"marechal|amiral|president|presidente|premier ministre|ministre|porte-parole|m\.|mme|"
    r"mlle|monsieur|madame|dr|docteur|cheikh|cheick|emir|imam|abbe|pere|frere|soeur|roi|"
    r"reine|prince|princesse|chef|leader|dirigeant|journaliste|analyste|expert|chercheur|"
    r"homologue|ambassadeur|envoye|emissaire|depute|senateur|maire|gouverneur|patriarche|"
    r"mollah|ayatollah|abou|abu|saint|sainte|famille)\s*$")
ORG_WORDS = frozenset({
    "front", "parti", "armee", "brigade", "brigades", "bataillon", "bataillons", "forces",
    "mouvement", "groupe", "groupes", "organisation", "jaish", "jaych", "jeish", "ahrar",
    "hayat", "hay'at", "harakat", "liwa", "katiba", "jabhat", "ansar", "jund", "agence",
    "milice", "milices", "coalition", "alliance", "conseil", "comite", "centre", "union",
    "faction", "division", "regiment", "corps", "garde", "etat", "operation", "tribunal",
    "universite", "hopital", "ecole", "banque", "societe", "compagnie", "ministere",
    "academie", "institut", "fondation", "association", "commission", "assemblee", "radio",
    "journal", "quotidien", "chaine", "television", "aeroport", "aviation", "marine",
})
_ORG_BEFORE = re.compile(r"(?:^|[^a-z])(?:" + "|".join(sorted(ORG_WORDS - {"etat"})) +
                         r")(?:\s+[a-z-]+){0,2}?\s*$")
# Armed groups and other actors whose names are, or contain, words that are also place names.
ACTOR_KEYS = frozenset({
    "nosra", "nusra", "qaida", "qaeda", "turkistani", "turkestani", "daech", "daesh", "isis",
    "isil", "hezbollah", "hizbollah", "hamas", "wagner", "chabab", "shabab", "shebab",
    "shabaab", "boko haram", "jnim", "aqmi", "eigs", "adf", "codeco", "cham", "sham",
    "tahrir cham", "tahrir sham", "taliban", "talibans", "houthis", "houthi", "ansarullah",
    "azov", "fatah", "kataib", "hachd", "hashd", "peshmerga", "ypg", "fds", "sdf", "pkk",
    "asl", "fsa", "islam", "etat islamique", "mujao", "fnl",
})


# Every pattern above ends in one of these (then only spaces, which rstrip removed): a name
# after anything else has no spatial context, and most names need no regex run at all.
_FINALS = ("de", "d'", "du", "des", "la", "le", "les", "l'", "a", "en", "au", "aux", "dans",
           "vers", "depuis", "sur", "contre", "entre", "pour", "par", "axe", "et", "ou", "que",
           ",")


@dataclass(frozen=True)
class Context:
    precision: int | None      # precision the phrase sets, if any
    level: str | None          # "admin1" | "region" | "country" | None
    phrase: str | None         # the phrase as written in the text
    spatial: bool              # some spatial preposition or phrase governs the name
    coordinated: bool          # "X et de Y": Y may share X's phrase


_NO_CONTEXT = Context(None, None, None, False, False)


def left_context(text: str, start: int, sent_start: int,
                 folded: str | None = None) -> Context:
    """``folded``, when given, is ``fold_same_length(text)``: folding keeps offsets, so one
    fold of the document serves every name in it."""
    raw = text[sent_start:start]
    ctx = (folded[sent_start:start] if folded is not None else fold_same_length(raw)).rstrip()
    if not ctx.endswith(_FINALS):
        return _NO_CONTEXT
    ends_de = _ENDS_DE.search(ctx) is not None
    for p in _PHRASES:
        if (p.ends_de and not ends_de) or (p.noun is not None and not p.noun.search(ctx)):
            continue
        m = p.rx.search(ctx)
        if m:
            phrase = raw[m.start():m.end()]
            phrase = " ".join(phrase.lstrip(" ,;:(«»\"-").split()) or None
            return Context(p.precision, p.level, phrase, True, False)
    # "X et de Y": Y is spatial only through X, which the caller checks.
    return Context(None, None, None, bool(_WEAK.search(ctx)), bool(_COORD.search(ctx)))


def _fold_slice(text: str, folded: str | None, a: int, b: int) -> str:
    return folded[a:b] if folded is not None else fold_same_length(text[a:b])


def is_person_context(text: str, start: int, sent_start: int,
                      folded: str | None = None) -> bool:
    return bool(_TITLES.search(
        _fold_slice(text, folded, max(sent_start, start - 40), start).rstrip()))


def is_org_context(text: str, start: int, sent_start: int, surface: str,
                   spatial: bool, folded: str | None = None) -> bool:
    left = _fold_slice(text, folded, max(sent_start, start - 40), start).rstrip()
    if not spatial and _ORG_BEFORE.search(left):
        return True
    key = name_key(surface)
    first = fold_same_length(surface.split()[0]) if surface.split() else ""
    return key in ACTOR_KEYS or first in ORG_WORDS or any(
        w in ACTOR_KEYS for w in key.split())
