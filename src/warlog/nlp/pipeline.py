"""The spaCy pipeline, loaded once per process.

Every stage works on the same ``spacy.tokens.Doc``; character offsets of tokens
(``token.idx``) are offsets into the document text as read.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from warlog.errors import ModelError

MODELS = {"fr": "fr_core_news_md"}


@Language.component("warlog_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser otherwise runs a sentence on into the next
    paragraph, which mixes two paragraphs' places, dates and speakers into one. An opening
    quote mark never stands as a sentence of its own."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
        elif token.text in ("«", "“"):
            # An opening quote belongs to the sentence it opens, not one of its own.
            doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=None)
def load(language: str = "fr") -> Language:
    name = MODELS.get(language)
    if name is None:
        raise ModelError(f"no spaCy model configured for language {language!r}")
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run `make install` "
            f"(it is a pinned dependency in pyproject.toml)"
        ) from exc
    nlp.add_pipe("warlog_paragraph_breaks", before="parser")
    return nlp
