"""Numbers in French text: digits, words, approximation nouns, qualifiers, and what to skip.

Works on plain text so it can run before (and without) the parse; ``find_counts`` in
``warlog.extract.quantities`` decides what each number counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from warlog.extract._counts_lexicon import Lexicon


@dataclass(frozen=True)
class Quantity:
    value: int
    qualifier: str            # exact | about | at_least | more_than | at_most | less_than
    span: tuple[int, int]     # [start, end) offsets into the doc text, incl. qualifier words
    text: str


_WORDS = ("une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
          "quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|"
          "nonante|cents?|mille|millions?|milliards?")
_W = rf"(?:{_WORDS})(?![\w])"
_WORD_SEQ = rf"{_W}(?:(?:\s+|-)(?:et(?:\s+|-))?{_W})*(?!-\w)"
# Thousands separators: space, no-break space, narrow no-break space, or a dot.
_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+"
_APOS = "['’]"
# Compiled once: re's own cache holds 512 patterns and the lexicon patterns crowd it.
_NUMBER_PARTS = re.compile(r"[^\s-]+")
_DIGITS_ONLY = re.compile(r"[\d \u00a0\u202f.]+")
_NON_DIGIT = re.compile(r"\D")
_CLOCK_BEFORE = re.compile(r"\dh?\s*h\s*$")
_YEAR = re.compile(r"(19|20)\d\d")
_NEXT_WORD = re.compile(r"\s+([a-zà-ÿ])")
_NEXT_LINK = re.compile(r"\s+(?:à|et|au|ou|puis)(?![\w])")
_ORDINAL_AFTER = re.compile(r"(?:\s+|-)(?:et[\s-]+)?\w*ième", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Where a quantity can begin: any digit, or a word start (the word alternatives of ``core``
# all sit behind (?<![\w-])).
_STARTS = re.compile(r"(?P<digit>\d)|(?<![\w-])\w")


_REFUSED = object()


@lru_cache(maxsize=4096)
def _text2num_fr(words: str):
    """text2num, memoised: the same few number words recur in every report, and each
    call parses from scratch. ``_REFUSED`` where text2num raises ValueError."""
    try:
        return text2num(words, "fr")
    except ValueError:
        return _REFUSED


def _alts(words: list[str]) -> str:
    out = []
    for w in sorted(words, key=len, reverse=True):
        out.append(re.sub("['’]", _APOS, r"\s+".join(re.escape(p) for p in w.split())))
    return "|".join(out)


class NumberParser:
    """Compiled from the lexicon once; ``parse`` is ``parse_quantities``."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        approx = _alts(list(lex.approximations))
        dets = _alts(lex.vague_determiners + ["une", "un"])
        scale = _alts(list(lex.scales))
        self.core = re.compile(
            rf"(?<![\w-])(?:(?P<adet>{dets}|{_WORD_SEQ}|{_DIGITS})\s+)?"
            rf"(?P<approx>(?:{approx})s?)(?![\w])"
            rf"|(?<![\w-])(?P<vscale>{_alts(lex.vague_determiners)})\s+"
            rf"(?P<vsn>(?:{scale})s)(?![\w])"
            rf"|(?P<digits>{_DIGITS})(?:,(?P<dec>\d+))?(?:\s+(?P<scale>(?:{scale})s?)(?![\w]))?"
            rf"|(?<![\w-])(?P<words>{_WORD_SEQ})",
            re.IGNORECASE)
        self.mult = re.compile(rf"\s+d(?:e\s+|{_APOS}\s*)(?P<m>(?:{scale}|millier)s)(?![\w])",
                               re.IGNORECASE)
        self.qual = re.compile(rf"(?<![\w'’-])(?P<q>{_alts(list(lex.qualifiers))})\s*$",
                               re.IGNORECASE)
        nq = lex.not_quantities
        self.after_unit = re.compile(
            rf"\s*(?:d(?:e\s+|{_APOS}))?(?:{_alts(nq['units'] + nq['percent'] + nq['currencies'])})"
            r"(?![\w])", re.IGNORECASE)
        self.after_date = re.compile(
            rf"(?:\s*(?:er|,|et|au|à|-|–)\s*\d{{1,2}}(?:er)?)*\s*(?:{_alts(nq['months'])})(?![\w])",
            re.IGNORECASE)
        self.after_time = re.compile(r"\s*h(?:\s*\d{2})?(?![\w])|\s*heures?\s+\d", re.IGNORECASE)
        self.before_currency = re.compile(r"(?:\$|€|£|US\$)\s*$")
        self.prev_word = re.compile(r"([\w°²'’$€£.-]+)\W*$")
        self.time_cue = re.compile(r"(?:à|vers|dès|jusqu'à|avant|après)\s*$", re.IGNORECASE)
        self.range_mid = re.compile(r"\s+(?:à|et|ou)\s+$", re.IGNORECASE)
        self.range_start = re.compile(r"(?<![\w])(?:entre|de)\s+$", re.IGNORECASE)
        self._openers = self._opening_pairs()

    def _opening_pairs(self) -> set[str] | None:
        """The first two letters, lower-cased, of every word a non-digit quantity can open
        with; ``None`` when some word is too short or not plain ASCII letters to filter on.

        ``core`` tries dozens of case-insensitive alternatives at every word start, which
        makes it most of ``parse``; a word whose first two letters open none of them can
        be passed over unseen."""
        lex = self.lex
        number_words = [w.replace("s?", "") for w in _WORDS.split("|")]
        pairs = set()
        for w in (*lex.vague_determiners, "une", "un", *number_words, *lex.approximations):
            first = w.split()[0] if w.split() else ""
            if len(first) < 2 or not (first[:2].isascii() and first[:2].isalpha()):
                return None
            pairs.add(first[:2].lower())
        return pairs

    def _core_matches(self, text: str):
        """``self.core.finditer(text)``, trying ``core`` only where a match can start.

        ASCII letters fold case one to one, so an ASCII pair outside ``_openers`` cannot
        begin a word alternative; anything else (digits, accents) is tried as before."""
        core, openers = self.core, self._openers
        if openers is None:
            yield from core.finditer(text)
            return
        pos = 0
        for c in _STARTS.finditer(text):
            s = c.start()
            if s < pos:
                continue
            if c.lastgroup is None:
                two = text[s:s + 2]
                if two.isascii() and two.lower() not in openers:
                    continue
            m = core.match(text, s)
            if m:
                yield m
                pos = m.end()

    # -- values ---------------------------------------------------------------------------

    def _words_value(self, s: str) -> list[tuple[int, int, int]]:
        """[(value, start, end)] for a word sequence, split where text2num refuses it."""
        toks = [(m.group(), m.start(), m.end()) for m in _NUMBER_PARTS.finditer(s)]
        out, i = [], 0
        while i < len(toks):
            if toks[i][0].lower() == "et":
                i += 1
                continue
            for j in range(len(toks), i, -1):
                if toks[j - 1][0].lower() == "et":
                    continue
                v = _text2num_fr(s[toks[i][1]:toks[j - 1][2]].lower())
                if v is _REFUSED:
                    continue
                out.append((v, toks[i][1], toks[j - 1][2]))
                i = j
                break
            else:
                i += 1
        return out

    def _number(self, s: str) -> int | None:
        s = s.strip()
        if _DIGITS_ONLY.fullmatch(s):
            return int(_NON_DIGIT.sub("", s))
        vals = self._words_value(s)
        return vals[0][0] if len(vals) == 1 else None

    # -- exclusions -----------------------------------------------------------------------

    def _excluded(self, text: str, start: int, end: int, is_digits: bool) -> bool:
        nq = self.lex.not_quantities
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if is_digits:
            prev = text[start - 1] if start else " "
            nxt = text[end] if end < len(text) else " "
            # Model numbers and calibres are glued to letters: "Su-22M4", "HY-12", "T-72".
            if prev.isalnum() or nxt.isalpha() or nxt in "°%":
                return True
            if prev in "-‐/:" and start > 1 and text[start - 2].isalnum():
                return True
            if nxt in "-‐/:.," and end + 1 < len(text) and text[end + 1].isalnum():
                return True
            if self.after_time.match(after) or (after.lstrip().lower().startswith("heure")
                                                and self.time_cue.search(before)):
                return True
            if self.before_currency.search(before) or _CLOCK_BEFORE.search(before):
                return True
        if self.after_unit.match(after) or self.after_date.match(after):
            return True
        m = self.prev_word.search(before)
        prev_word = m.group(1).lower().strip(".") if m else ""
        if prev_word.split("'")[-1].split("’")[-1] in nq["months"] + nq["weekdays"]:
            return True
        if prev_word in nq["designators"]:
            return True
        digits = text[start:end]
        if is_digits and _YEAR.fullmatch(digits):
            nxt_word = _NEXT_WORD.match(after)
            nxt_fn = _NEXT_LINK.match(after)
            if prev_word in nq["year_cues"] or not nxt_word or nxt_fn:
                return True
        if not is_digits and digits.lower() == "cent" and prev_word == "pour":
            return True
        # Ordinals spelled out: "vingt et unième" leaves "vingt" behind.
        if not is_digits and _ORDINAL_AFTER.match(after):
            return True
        return False

    # -- main -----------------------------------------------------------------------------

    def parse(self, text: str, offset: int = 0) -> list[Quantity]:
        found: list[tuple[int, int, int, str]] = []   # (start, end, value, qualifier)
        for m in self._core_matches(text):
            start, end = m.span()
            qualifier = "exact"
            if m.group("approx"):
                noun = m.group("approx").lower().rstrip("s")
                value, vague = self.lex.approximations[noun]
                det = (m.group("adet") or "").lower()
                if not det:
                    continue                       # "mise en quarantaine"
                if det in self.lex.vague_determiners:
                    value = vague
                elif det not in ("un", "une"):
                    n = self._number(det)
                    if n is None:
                        continue
                    value = n * value
                qualifier = "about"
                mm = self.mult.match(text, end)
                if mm:
                    value *= self.lex.scales.get(mm.group("m").lower().rstrip("s"), 1000)
                    end = mm.end()
            elif m.group("vscale"):
                value = self.lex.scales[m.group("vsn").lower().rstrip("s")]
                qualifier = "about"
            elif m.group("digits"):
                if self._excluded(text, m.start("digits"), m.end("digits")
                                  if not m.group("dec") else m.end("dec"), True):
                    continue
                whole = int(_NON_DIGIT.sub("", m.group("digits")))
                scale = m.group("scale")
                if m.group("dec") and not scale:
                    continue                       # 2,5 km or a ratio: not a count
                if scale:
                    factor = self.lex.scales[scale.lower().rstrip("s")]
                    frac = float(f"{whole}.{m.group('dec')}") if m.group("dec") else whole
                    value = int(round(frac * factor))
                else:
                    value = whole
                if self._excluded(text, start, end, False):
                    continue
            else:
                parts = self._words_value(m.group("words"))
                for value, s, e in parts:
                    s, e = start + s, start + e
                    if text[s:e].lower() in ("un", "une"):
                        continue                   # an article until the parse says otherwise
                    if not self._excluded(text, s, e, False):
                        found.append((s, e, value, "exact"))
                continue
            found.append((start, end, value, qualifier))

        out: list[tuple[int, int, int, str]] = []
        for start, end, value, qualifier in found:
            # "entre 20 et 30", "trois ou quatre": ACLED keeps the low end.
            if out and self.range_mid.fullmatch(text[out[-1][1]:start]) and value > out[-1][2]:
                ps, _, pv, pq = out.pop()
                rs = self.range_start.search(text, max(0, ps - 10), ps)
                out.append((rs.start() if rs else ps, end, pv,
                            "at_least" if pq in ("exact", "about") else pq))
                continue
            qm = self.qual.search(text, max(0, start - 40), start)
            if qm:
                qualifier = self.lex.qualifiers[_SPACES.sub(" ", qm.group("q").lower())
                                                .replace("’", "'")]
                start = qm.start()
            out.append((start, end, value, qualifier))
        return [Quantity(v, q, (s + offset, e + offset), text[s:e]) for s, e, v, q in out]
