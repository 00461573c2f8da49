"""RSS and Atom feeds, and web pages, as report documents.

A feed (a file or an http(s) URL) is parsed with feedparser; each entry becomes one document:
the entry's page fetched with a timeout and a size limit and reduced to its main text (as
for saved HTML files), or, with fetching off, the entry's summary. Every failure is an
:class:`~warlog.errors.InputError` naming the feed or the page, yielded in place of the
document so the caller reports it in one line and goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from warlog import __version__
from warlog.errors import InputError, WarlogError
from warlog.ingest.files import RawDocument, normalise_language
from warlog.ingest.html import html_to_text, looks_like_html
from warlog.ingest.text import decode_bytes

FETCH_TIMEOUT = 15.0
MAX_PAGE_BYTES = 5_000_000
MAX_FEED_BYTES = 20_000_000
USER_AGENT = f"warlog/{__version__} (+https://github.com/warlog)"
_FEED_START = re.compile(rb"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
                         rb"<(?:rss|feed|rdf:RDF)\b", re.S)
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".feed"})


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:4096]))


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def http_client():
    import httpx

    return httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=True,
                        headers={"User-Agent": USER_AGENT})


def fetch(url: str, client, max_bytes: int = MAX_PAGE_BYTES) -> tuple[bytes, str]:
    """GET ``url`` → (body, content type); stops reading past ``max_bytes``."""
    import httpx

    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}", url)
            length = response.headers.get("content-length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"page too large ({int(length)} bytes > {max_bytes} limit)", url)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"page too large (more than {max_bytes} bytes)", url)
            return bytes(body), response.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise InputError(f"no answer within {client.timeout.read or FETCH_TIMEOUT:g} s", url) \
            from None
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch: {_one_line(exc) or type(exc).__name__}", url) from None


def page_document(page_url: str, data: bytes, **meta) -> RawDocument:
    """A fetched page → its main text; ``meta`` (from the feed entry) wins over the page's."""
    try:
        decoded = decode_bytes(data, Path("page.html"), html=True)
        page = html_to_text(decoded.text, Path("page.html"))
    except InputError as exc:
        # The readers name a local path; here the URL is what the user can act on.
        raise InputError(exc.message, page_url) from None
    return RawDocument(
        text=page.text, path=page_url, url=meta.get("url") or page.url or page_url,
        title=meta.get("title") or page.title, outlet=meta.get("outlet") or page.outlet,
        published=meta.get("published") or page.published,
        language=normalise_language(meta.get("language") or page.language),
        encoding=decoded.encoding, warnings=tuple(decoded.warnings))


def read_url(url: str, client, *, fetch_pages: bool = True) -> Iterator[RawDocument | WarlogError]:
    """A URL is a feed (its entries) or a web page (one document), judged by its content."""
    try:
        data, content_type = fetch(url, client, MAX_FEED_BYTES)
    except InputError as exc:
        yield exc
        return
    if looks_like_feed(data) or any(k in content_type for k in ("rss", "atom")):
        yield from read_feed(data, url, client=client, fetch_pages=fetch_pages)
        return
    try:
        yield page_document(url, data)
    except InputError as exc:
        yield exc


def read_feed(data: bytes, where: str, *, client=None,
              fetch_pages: bool = True) -> Iterator[RawDocument | WarlogError]:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        # Encoding notices are harmless; a syntax error means entries may be cut or invented.
        if not isinstance(exc, (feedparser.CharacterEncodingOverride,
                                feedparser.NonXMLContentType)):
            yield InputError(f"malformed feed XML ({_one_line(exc)}); feed skipped", where)
            return
    if not parsed.get("version") and not parsed.entries:
        yield InputError("not an RSS or Atom feed", where)
        return
    feed = parsed.get("feed", {})
    outlet = _clean(feed.get("title"))
    language = feed.get("language")
    for i, entry in enumerate(parsed.entries):
        link = entry.get("link")
        label = link or f"{where}#entry{i + 1}"
        meta = {"title": _clean(entry.get("title")), "url": link, "outlet": outlet,
                "published": _entry_date(entry), "language": language}
        if fetch_pages and link and is_url(link) and client is not None:
            try:
                body, _ = fetch(link, client)
                yield page_document(link, body, **meta)
            except InputError as exc:
                yield exc
            continue
        text = _entry_text(entry)
        if not text:
            yield InputError("feed entry has no summary or content text", label)
            continue
        yield RawDocument(text=text, path=label, url=link, title=meta["title"], outlet=outlet,
                          published=meta["published"], language=normalise_language(language))


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=len, default="")
    return html_fragment_text(best) if "<" in best else best.strip()


class _TextParser(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    """Feed summaries are small HTML fragments; trafilatura finds no "article" in them."""
    if looks_like_html(fragment):
        try:
            return html_to_text(fragment, Path("summary.html")).text
        except InputError:
            pass
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:200]
