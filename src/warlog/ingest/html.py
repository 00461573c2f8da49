"""HTML → main text with trafilatura.

Saved news pages are mostly navigation, ads and scripts; trafilatura keeps the article body.
The text it returns *is* the document text: event offsets point into it, not into the HTML.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warlog.errors import InputError

_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
                        re.I)
_LOOKS_HTML = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)",
                         re.I | re.S)


@dataclass
class HtmlText:
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    language: str | None


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.match(text[:4096]))


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def html_to_text(html: str, path: Path) -> HtmlText:
    import trafilatura

    # trafilatura logs every page it finds thin at WARNING level; the caller reports problems.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # reader comments are not the outlet's report
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise assorted types on broken markup
        raise InputError(f"cannot parse HTML ({type(exc).__name__}: {_one_line(exc)})",
                         path) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("HTML has no main text (no body or article found)", path)
    lang = _HTML_LANG.search(html[:8192])
    return HtmlText(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        url=_clean(getattr(doc, "url", None)),
        outlet=_clean(getattr(doc, "sitename", None)),
        published=_parse_date(getattr(doc, "date", None)),
        language=lang.group(1) if lang else None,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
