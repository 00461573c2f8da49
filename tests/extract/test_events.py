"""Event assembly on short multi-sentence reports written for these tests.

Each report is in the register of a different outlet; the assertions are about the unit of
an event (ACLED: one happening, one day, one place, one actor pair) and what it carries.
"""

from __future__ import annotations

from datetime import date

import pytest

from warlog.pipeline import extract_text


def _events(text: str, published: date | None = date(2022, 3, 10)):
    return extract_text(text, published=published).events


def _actor(event, role):
    return next((a.name for a in event.actors if a.role == role), None)


def test_events_announce_then_detail_is_one_event():
    text = ("Des combattants du JNIM ont lancé une attaque lundi soir. Ils ont pris d'assaut "
            "le camp de l'armée malienne à Boni, a indiqué une source sécuritaire.")
    events = _events(text)
    assert len(events) == 1
    e = events[0]
    assert e.event_type == "battles"
    assert (e.date.start, e.date.end, e.date.precision) == (date(2022, 3, 7), date(2022, 3, 7), 1)
    # Boni is a village the zero-setup gazetteer lacks; "Boni" is also an alternate name of
    # Bonn, which a Malian report must never resolve to.
    assert all(loc.country == "ML" for loc in e.locations)
    assert len(e.evidence) == 2
    assert _actor(e, "actor1") == "JNIM: Group for Support of Islam and Muslims"


def test_events_two_places_two_happenings():
    text = ("Mardi, des jihadistes ont attaqué un poste de gendarmerie à Djibo. Le même jour, "
            "l'aviation burkinabè a mené des frappes aériennes près de Dori.")
    events = _events(text)
    assert [(e.event_type, e.locations[0].name) for e in events] == [
        ("battles", "Djibo"), ("explosions_remote_violence", "Dori")]
    assert events[1].sub_event_type == "air_drone_strike"


def test_events_later_toll_joins_the_clash_it_refers_to():
    text = ("Des affrontements ont opposé lundi les FARDC aux rebelles du M23 près de Rutshuru. "
            "Selon la société civile locale, ces affrontements ont fait 12 morts.")
    events = _events(text)
    assert len(events) == 1
    e = events[0]
    assert [(f.value, f.qualifier) for f in e.fatalities] == [(12, "exact")]
    assert _actor(e, "actor1") == "Military Forces of Democratic Republic of Congo"
    assert _actor(e, "actor2") == "M23: March 23 Movement"
    assert e.locations[0].geo_precision == 2


def test_events_plural_strikes_on_two_towns_split_per_town():
    text = "Des frappes aériennes ont visé jeudi des positions jihadistes à Gao et à Tombouctou."
    events = _events(text)
    assert sorted(e.locations[0].name for e in events) == ["Gao", "Timbuktu"]
    assert all(e.date.start == date(2022, 3, 10) for e in events)


@pytest.mark.parametrize("text", [
    "Les groupes armés se battent dans la région depuis 2012.",
    "Les rebelles du M23 menacent d'attaquer Goma dans les prochains jours.",
    "Une nouvelle offensive pourrait être lancée contre Kidal, estiment des analystes.",
    "Les deux présidents ont évoqué la coopération militaire lors d'un sommet à Dakar.",
])
def test_events_background_and_hypothetical_give_nothing(text):
    assert _events(text) == []


def test_events_government_regains_vs_rebels_take():
    army = _events("L'armée malienne a repris le contrôle de la ville de Kidal mardi.")
    rebels = _events("Les rebelles du M23 ont pris le contrôle de la localité de Rubaya mardi.")
    assert army[0].sub_event_type == "government_regains_territory"
    assert rebels[0].sub_event_type == "non_state_actor_overtakes_territory"


def test_events_civilians_killed_by_unidentified_gunmen():
    text = "Des hommes armés non identifiés ont tué trois civils dimanche près de Beni."
    e = _events(text)[0]
    assert e.event_type == "violence_against_civilians"
    assert _actor(e, "actor1") == "Unidentified Armed Group (Democratic Republic of Congo)"
    assert [(f.value, f.party) for f in e.fatalities] == [(3, "civilians")]
    assert e.date.start == date(2022, 3, 6)


def test_events_without_publication_date_stay_unresolved():
    e = _events("Des jihadistes ont attaqué mardi un poste militaire près de Gao.",
                published=None)[0]
    assert e.date.start is None and e.date.precision is None
    assert e.date.basis == "unresolved"


def test_events_wounded_never_counted_as_killed():
    text = ("Dans la nuit de samedi à dimanche, une embuscade tendue par des jihadistes près de "
            "Fada N'Gourma a fait quatre morts et neuf blessés parmi les soldats.")
    e = _events(text)[0]
    assert [f.value for f in e.fatalities] == [4]
    assert [f.value for f in e.injuries] == [9]
    assert (e.date.start, e.date.end) == (date(2022, 3, 5), date(2022, 3, 6))


def test_events_notes_are_english_and_name_the_figures():
    text = ("Kiev, 9 mars (AFP) - Des frappes russes ont touché mercredi Kharkiv, faisant au "
            "moins cinq morts, selon le gouverneur régional.")
    e = _events(text)[0]
    assert e.notes.startswith("On 9 March 2022")
    assert "at least 5 killed" in e.notes.lower()


def test_notes_yaml_covers_every_sub_event_type():
    from warlog.extract.notes import _phrases
    from warlog.schema import EVENT_TYPES

    phrases = _phrases()
    for subs in EVENT_TYPES.values():
        for sub in subs:
            assert {"with_target", "alone", "nobody"} <= set(phrases[sub]), sub
            assert "{actor1}" in phrases[sub]["alone"] or sub == "remote_explosive_landmine_ied"


def test_forces_yaml_schema():
    from warlog.lexicons import load_yaml

    data = load_yaml("lexicons/fr/forces.yaml")
    assert set(data) == {"military", "police"}
    assert all(isinstance(p, str) and p == p.lower() for ps in data.values() for p in ps)


def test_events_unqualified_army_is_the_country_s_forces():
    text = ("Mardi, un véhicule de l'armée a sauté sur un engin explosif improvisé près de "
            "Gao, selon une source sécuritaire malienne.")
    e = _events(text)[0]
    assert e.sub_event_type == "remote_explosive_landmine_ied"
    assert _actor(e, "actor1") == "Unidentified Armed Group (Mali)"
    assert _actor(e, "actor2") == "Military Forces of Mali"


def test_events_headline_never_lends_its_toll_to_another_type():
    text = ("Mali : dix morts dans un attentat à la bombe\n\n"
            "Des jihadistes ont attaqué mardi un poste de l'armée près de Tombouctou.")
    events = _events(text)
    assert [e.event_type for e in events] == ["battles"]
    assert events[0].fatalities == []


def test_events_headline_confirms_a_body_event_of_its_type():
    text = ("Niger : une embuscade contre l'armée près de Tillabéri\n\n"
            "Des hommes armés ont attaqué lundi une patrouille de l'armée près de Tillabéri, "
            "tuant quatre soldats.")
    events = _events(text)
    assert len(events) == 1
    assert [(f.value, f.qualifier) for f in events[0].fatalities] == [(4, "exact")]


def test_events_participial_toll_belongs_to_the_main_clause():
    text = ("Un obus de mortier est tombé mardi sur un marché de Gao, tuant douze personnes, "
            "dont cinq enfants, et en blessant sept autres.")
    events = _events(text)
    assert len(events) == 1
    e = events[0]
    assert e.sub_event_type == "shelling_artillery_missile_attack"
    # The five children are among the twelve; the seven others are wounded, not killed.
    assert [(f.value, f.qualifier) for f in e.fatalities] == [(12, "exact")]
    assert [(f.value, f.qualifier) for f in e.injuries] == [(7, "exact")]


def test_events_participial_clause_with_its_own_place_does_not_split():
    text = ("Des frappes aériennes ont visé mardi la ville de Saada, tuant quatre civils "
            "dans un quartier du centre.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["air_drone_strike"]
    assert [f.value for f in events[0].fatalities] == [4]


def test_events_car_bomb_driven_by_a_suicide_bomber_is_a_suicide_bomb():
    text = ("Une voiture piégée conduite par un kamikaze a explosé mardi devant un hôtel de "
            "Mogadiscio, tuant dix personnes.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["suicide_bomb"]


def test_events_arrests_during_a_demonstration_are_part_of_it():
    text = ("Des milliers de personnes ont manifesté samedi à Dakar contre le report de "
            "l'élection. La police a arrêté samedi une vingtaine de manifestants.")
    events = _events(text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("protests", "protest_with_intervention")]


def test_events_interceptions_during_a_strike_are_part_of_it():
    text = ("La Russie a lancé dans la nuit de lundi une attaque de drones contre Odessa, "
            "tuant deux personnes. La plupart des drones ont été interceptés par la défense "
            "antiaérienne, selon l'armée ukrainienne.")
    events = _events(text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("explosions_remote_violence", "air_drone_strike")]
    assert [f.value for f in events[0].fatalities] == [2]


def test_events_interceptions_elsewhere_stay_apart():
    text = ("La Russie a lancé lundi une attaque de drones contre Odessa. Mardi, l'armée "
            "ukrainienne a intercepté dix drones au-dessus de Kiev.")
    events = _events(text)
    assert [e.sub_event_type for e in events] == ["air_drone_strike", "disrupted_weapons_use"]


@pytest.mark.parametrize("text", [
    "Des centaines de personnes ont manifesté lundi à Conakry contre la vie chère. Des jeunes "
    "ont érigé des barricades et brûlé des pneus.",
    "Des centaines de personnes ont manifesté lundi à Conakry, lançant des pierres sur les "
    "policiers.",
])
def test_events_demonstration_with_barricades_or_stones_is_a_riot(text):
    events = _events(text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("riots", "violent_demonstration")]


def test_events_la_veille_counts_from_the_event_just_told():
    text = ("Un attentat à la voiture piégée a frappé jeudi 3 mars un marché de Mogadiscio. "
            "La veille de l'attentat, des hommes armés avaient attaqué un poste de police à Baidoa.")
    events = _events(text)
    assert [(e.event_type, e.date.start) for e in events] == [
        ("explosions_remote_violence", date(2022, 3, 3)), ("battles", date(2022, 3, 2))]


def test_events_le_lendemain_counts_from_the_event_just_told():
    text = ("Des hommes armés ont attaqué samedi un poste de police à Baidoa. Le lendemain, des "
            "affrontements ont éclaté à Kismayo entre l'armée et les shebab.")
    events = _events(text)
    assert [e.date.start for e in events] == [date(2022, 3, 5), date(2022, 3, 6)]


@pytest.mark.parametrize("text, day", [
    # The announcement's day does not date the fighting it reports.
    ("Des combats ont opposé le 2 mars l'armée aux rebelles près de Goma. L'armée a annoncé "
     "mardi avoir repoussé les assaillants.", date(2022, 3, 2)),
    ("Les shebab ont attaqué samedi une base militaire à Baidoa. Le groupe a revendiqué lundi "
     "l'attaque dans un communiqué.", date(2022, 3, 5)),
    ("L'armée a annoncé jeudi avoir repoussé lundi une attaque des rebelles contre Beni.",
     date(2022, 3, 7)),
])
def test_events_reporting_verb_date_does_not_date_the_event(text, day):
    events = _events(text)
    assert [e.date.start for e in events] == [day]


def test_events_dateline_city_does_not_beat_the_place_told():
    text = ("MOGADISCIO, 12 mars (AFP) - Des shebab ont attaqué mardi une base militaire près "
            "de Baidoa, selon les Nations unies.")
    events = _events(text, published=date(2022, 3, 12))
    assert [[loc.name for loc in e.locations] for e in events] == [["Baidoa"]]


def test_events_place_in_a_quote_is_not_the_event_place():
    text = ("Des combats ont opposé mardi l'armée aux rebelles près de Goma, « jusqu'aux portes "
            "de Rutshuru », a déclaré le porte-parole de l'armée.")
    events = _events(text)
    assert [[loc.name for loc in e.locations] for e in events] == [["Goma"]]


def test_events_other_side_account_of_the_same_fighting_is_one_battle():
    text = ("L'armée a attaqué mardi des positions rebelles à Kidal, selon l'état-major. Les "
            "rebelles ont affirmé de leur côté avoir repoussé mardi une offensive de l'armée et "
            "tué douze soldats.")
    events = _events(text)
    assert [e.event_type for e in events] == ["battles"]
    assert [f.value for f in events[0].fatalities] == [12]
    assert len(events[0].sources) == 2


def test_events_named_missiles_are_shelling_not_a_place_or_an_air_strike():
    # The air defence named before does not make the strike an air strike, and "Iskander" is
    # the missile, not a town.
    text = ("La défense aérienne ukrainienne a intercepté deux drones dans la nuit. Des frappes "
            "d'Iskander ont touché jeudi la gare de Kramatorsk, tuant cinq civils.")
    events = _events(text)
    strike = [e for e in events if e.event_type == "explosions_remote_violence"]
    assert [e.sub_event_type for e in strike] == ["shelling_artillery_missile_attack"]
    assert [loc.name for loc in strike[0].locations] == ["Kramatorsk"]
