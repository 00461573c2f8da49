"""Role cues (roles.yaml) and role assignment on French sentences."""

from __future__ import annotations

import pytest

from warlog.extract.roles import (anaphora_at, cue_before, cues, latter_at, mentions_air,
                                  party_of_head)
from warlog.lexicons import load_yaml


def test_roles_yaml_schema():
    data = load_yaml("lexicons/fr/roles.yaml")
    for key in ("defensive_lemmas", "target_cues", "assoc_cues", "agent_cues",
                "coordination_cues", "anaphora", "air_context"):
        assert data[key] and all(isinstance(v, str) and v.strip() for v in data[key]), key
    assert set(data["party_heads"]) == {"non_state", "state", "civilians"}
    c = cues()
    assert "repousser" in c.defensive


@pytest.mark.parametrize("before, expected", [
    ("Les jihadistes ont attaqué les positions de ", "positions de"),
    ("une embuscade tendue contre ", "contre"),
    ("des tirs visant ", "visant"),
    ("ont pris pour cible ", "ont pris pour cible"),
    ("ont frappé un convoi de l'", "convoi de"),
    ("les rebelles ont lancé un assaut ", None),
])
def test_roles_target_cues(before, expected):
    assert cue_before(before, cues().target) == expected


@pytest.mark.parametrize("before, expected", [
    ("Les miliciens, soutenus par ", "soutenus par"),
    ("l'armée, avec l'appui de l'", "avec l'appui de"),
    ("ont combattu aux côtés des ", "aux côtés des"),
    ("ont attaqué la ville ", None),
])
def test_roles_assoc_cues(before, expected):
    assert cue_before(before, cues().assoc) == expected


@pytest.mark.parametrize("text, anaphora, latter", [
    ("Ces derniers ont riposté samedi.", True, True),
    ("Ils ont ouvert le feu sur la foule.", True, False),
    ("Les soldats ont riposté.", False, False),
])
def test_roles_anaphora(text, anaphora, latter):
    span = (0, len(text))
    assert anaphora_at(text, span) is anaphora
    assert latter_at(text, span) is latter


@pytest.mark.parametrize("text, expected", [
    ("des avions de chasse ont survolé la zone", True),
    ("un drone a visé un véhicule", True),
    ("l'artillerie a pilonné le village", False),
])
def test_roles_air_context(text, expected):
    assert mentions_air(text) is expected


@pytest.mark.parametrize("head, expected", [
    ("jihadistes", "non_state"), ("soldats", "state"), ("civils", "civilians"),
    ("Policier", "state"), ("personnes", None),
])
def test_roles_party_of_head(head, expected):
    assert party_of_head(head) == expected
