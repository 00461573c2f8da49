"""Weapons and model codes (weapons.yaml)."""

from __future__ import annotations

import pytest

from warlog.extract.weapons import find_weapons
from warlog.lexicons import load_yaml


def test_weapons_yaml_schema():
    data = load_yaml("lexicons/fr/weapons.yaml")
    assert data["kinds"] and all(isinstance(v, list) and v for v in data["kinds"].values())
    words = [w.lower() for ws in data["kinds"].values() for w in ws]
    assert len(words) == len(set(words)), "a word listed under two kinds"


@pytest.mark.parametrize("text, kind, model", [
    ("Les rebelles ont tiré des obus de mortier de type M-57 sur le camp.", "mortar", "M-57"),
    ("Un drone Bayraktar TB2 a visé le convoi.", "drone", "Bayraktar TB2"),
    ("Des lance-roquettes multiples BM-21 ont été déployés.", "mrl", "BM-21"),
    ("Un engin explosif improvisé a explosé au passage de la patrouille.", "ied", None),
    ("Les assaillants étaient armés de kalachnikovs.", "small_arms", None),
    ("Des missiles de croisière ont frappé le port.", "missile", None),
])
def test_weapons_found_with_model(text, kind, model):
    found = find_weapons(text)
    assert found, text
    assert (found[0].kind, found[0].model) == (kind, model)
    s, e = found[0].span
    assert text[s:e] == found[0].text


def test_weapons_none_in_plain_text():
    assert find_weapons("Le gouverneur a inauguré une école mardi à Kayes.") == []
