"""Bytes → str for report files.

Reports reach warlog from many places: wire feeds in UTF-8, Windows tools that still write
cp1252, pages saved with a declared charset, copies with a stray broken byte. The order of
the attempts below matters:

1. a byte-order mark is authoritative;
2. well-known binary formats (PNG, PDF, ZIP…) and NUL bytes are rejected early, so a
   detector never gets the chance to "decode" an image as some exotic code page;
3. strict UTF-8, then UTF-8 with a handful of broken sequences replaced;
4. cp1252 / latin-1 when the result reads like French — ``charset-normalizer`` alone often
   mislabels short French cp1252 text (cp1250, or even cp1006 for a single line);
5. ``charset-normalizer`` for anything else, with the same "does this look like text" check.

Decoding never normalises the text: offsets in events point into exactly what is returned.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from warlog.errors import InputError

BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document; convert it to text first"),
    (b"PK\x03\x04", "ZIP archive or office document; convert it to text first"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "old Microsoft Office document; convert it to text first"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Characters a French news text plausibly contains beyond ASCII. Used to tell a real cp1252
# report from random high bytes that cp1252 happens to map to symbols.
_FRENCH_EXTRA = set("«»‹›‘’‚“”„–—…•·€£$°§©®™ \u202f\u2009")

# Above this share of control characters a "text" is really binary data.
MAX_CONTROL_RATIO = 0.01
# UTF-8 with broken sequences is still UTF-8 when valid multi-byte characters clearly dominate.
UTF8_GOOD_PER_BAD = 4


@dataclass
class Decoded:
    text: str
    # None for UTF-8 (with or without BOM): the default needs no mention.
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def _binary(path: Path, why: str) -> InputError:
    return InputError(f"binary or undecodable file ({why})", path)


def sniff_binary_format(data: bytes) -> str | None:
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text
        if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad / len(text)


def _looks_french(text: str) -> bool:
    """True when every non-ASCII character is a Latin letter or common typographic sign."""
    odd = 0
    total = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if ch in _FRENCH_EXTRA:
            continue
        if unicodedata.category(ch).startswith("L") and "LATIN" in unicodedata.name(ch, ""):
            continue
        odd += 1
    # A few odd signs (½, ×, ¹) occur in real reports; random bytes give many.
    return total == 0 or odd <= max(2, total // 20)


def _try_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 with no BOM shows up as NULs in every other byte of ASCII-heavy text."""
    if len(data) % 2 or len(data) < 4:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, enc in ((odd_nuls, even_nuls, "utf-16-le"),
                             (even_nuls, odd_nuls, "utf-16-be")):
        if nuls >= 0.6 * half and other == 0:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    return None


def _declared_html_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", errors="replace")
    m = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.I)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        return None


def _finish(path: Path, decoded: Decoded) -> Decoded:
    if _control_ratio(decoded.text) > MAX_CONTROL_RATIO:
        raise _binary(path, "too many control characters")
    return decoded


def decode_bytes(data: bytes, path: Path, *, html: bool = False) -> Decoded:
    """Decode ``data`` read from ``path``; raise :class:`InputError` when it is not text."""
    for bom, enc, label in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise _binary(path, f"{label} byte-order mark but invalid {label} at byte "
                                    f"{exc.start + len(bom)}") from None
            return _finish(path, Decoded(text, None if label == "UTF-8" else enc))

    kind = sniff_binary_format(data)
    if kind:
        raise _binary(path, kind)

    if b"\x00" in data:
        utf16 = _try_utf16_without_bom(data)
        if utf16 is None:
            raise _binary(path, "contains NUL bytes")
        text, enc = utf16
        return _finish(path, Decoded(text, enc, [f"decoded as {enc} (no byte-order mark)"]))

    try:
        return _finish(path, Decoded(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        first_bad = exc.start

    # Text that is UTF-8 apart from a few broken sequences (a cut download, a bad paste).
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in replaced if ch >= "\x80" and ch != "\ufffd")
    if good >= UTF8_GOOD_PER_BAD * bad:
        return _finish(path, Decoded(replaced, None, [
            f"{bad} invalid UTF-8 sequence(s) replaced with U+FFFD (first at byte {first_bad})"
        ]))

    if html:
        declared = _declared_html_charset(data)
        if declared and declared != "utf-8":
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                pass
            else:
                return _finish(path, Decoded(text, declared,
                                             [f"decoded as {declared} (declared in the HTML)"]))

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_french(text):
        # Without bytes 0x80–0x9F cp1252 and latin-1 decode identically; name the one the
        # file could actually be, so the warning is not misleading.
        enc = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"
        return _finish(path, Decoded(text, enc, [f"decoded as {enc} (not UTF-8)"]))

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _binary(path, "no text encoding fits")
    text = str(best)
    if best.chaos > 0.2 or _control_ratio(text) > MAX_CONTROL_RATIO:
        raise _binary(path, f"best guess {best.encoding} gives garbled text")
    return Decoded(text, best.encoding, [f"decoded as {best.encoding} (detected, not UTF-8)"])
