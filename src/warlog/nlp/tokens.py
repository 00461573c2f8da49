"""Per-document token columns, read out of a parsed ``Doc`` once and shared by the stages.

Reading ``token.text`` or ``doc.text`` builds Python objects token by token (``doc.text``
rebuilds the whole string on every access); several stages need the same few columns, so
they come from one ``Doc.to_array`` call per document instead.

Only what tokenisation fixes is kept here (text, whitespace, offsets, lexical flags): the
tokenizer never changes a ``Doc``'s text, so the table can be kept as long as the ``Doc``
lives. Tags, lemmas and the parse can be edited after the fact and are read from the
``Doc`` itself.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import IDX, IS_STOP, ORTH, SPACY
from spacy.tokens import Doc

__all__ = ["Tokens", "doc_text", "tokens"]


class Tokens:
    """The token columns of one ``Doc``: ``text[i]``, ``ws[i]`` (``token.whitespace_``),
    ``idx[i]`` (``token.idx``), ``stop[i]`` (``token.is_stop``) and ``doc_text``.
    Shared by every stage: read them, never edit them in place."""

    __slots__ = ("__weakref__", "doc_text", "idx", "n", "stop", "text", "ws")

    def __init__(self, doc: Doc):
        self.n = n = len(doc)
        if n:
            orth, spacy, self.idx, stop = doc.to_array([ORTH, SPACY, IDX, IS_STOP]).T.tolist()
        else:
            orth, spacy, self.idx, stop = [], [], [], []
        strings = doc.vocab.strings
        self.text = [strings[o] for o in orth]
        self.ws = [" " if s else "" for s in spacy]
        self.stop = [bool(s) for s in stop]
        self.doc_text = "".join([t + w for t, w in zip(self.text, self.ws)])


_TABLES: WeakKeyDictionary = WeakKeyDictionary()


def tokens(doc: Doc) -> Tokens:
    """The table of ``doc``, built on first use. Weak keys: it goes when the ``Doc`` goes.
    A retokenised ``Doc`` (its length changed) gets a fresh one."""
    table = _TABLES.get(doc)
    if table is None or table.n != len(doc):
        table = _TABLES[doc] = Tokens(doc)
    return table


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it from Token objects each time."""
    return tokens(doc).doc_text
