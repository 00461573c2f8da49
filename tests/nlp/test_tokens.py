"""The shared token table gives exactly what spaCy's Token objects give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.nlp.tokens import doc_text, tokens

TEXTS = [
    "Les FSR ont affirmé, jeudi 6 juin, avoir « repoussé » l'assaut près d'Al-Shajara.",
    "",
    "   \n\nDeux lignes\n\n  et des espaces   ",
    "Kharkiv : 3 morts 🚀 selon le gouverneur Oleh Synehoubov.",
]


def _check(doc):
    table = tokens(doc)
    assert table.n == len(doc)
    assert table.text == [t.text for t in doc]
    assert table.ws == [t.whitespace_ for t in doc]
    assert table.idx == [t.idx for t in doc]
    assert table.stop == [t.is_stop for t in doc]
    assert doc_text(doc) == doc.text


@pytest.mark.parametrize("text", TEXTS)
def test_table_matches_token_objects(nlp, text):
    _check(nlp(text))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_table_matches_token_objects_on_any_text(nlp, text):
    _check(nlp.make_doc(text))


def test_table_is_cached_per_doc_and_rebuilt_after_retokenising(nlp):
    doc = nlp("Les forces syriennes ont attaqué.")
    assert tokens(doc) is tokens(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    assert tokens(doc).text[0] == "Les forces syriennes"
    _check(doc)
