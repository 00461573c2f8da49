"""Actor registry and actor-mention finding (warlog.resolve.actors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.errors import LexiconError
from warlog.resolve._actor_data import DEFAULT_PATH
from warlog.resolve._text import key
from warlog.resolve.actors import ActorRegistry, interaction

SY, ML, BF, NE, CD, UA, YE, LY, IQ, NG, SO, MZ = (
    "Syria", "Mali", "Burkina Faso", "Niger", "Democratic Republic of Congo", "Ukraine",
    "Yemen", "Libya", "Iraq", "Nigeria", "Somalia", "Mozambique")


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.load()


# ---------------------------------------------------------------------------- registry schema

def test_actors_registry_has_enough_unique_valid_actors(reg):
    names = [a.name for a in reg.actors]
    assert len(names) >= 150
    assert len(names) == len(set(names))
    assert all(a.inter in range(1, 9) for a in reg.actors)
    countries = {c["name"] for c in yaml.safe_load(DEFAULT_PATH.read_text())["countries"]}
    assert all(a.country is None or a.country in countries for a in reg.actors)


def test_actors_every_alias_has_attestation_and_language():
    raw = yaml.safe_load(DEFAULT_PATH.read_text())
    for actor in raw["actors"]:
        assert actor.get("aliases"), actor["name"]
        for alias in actor["aliases"]:
            assert alias["lang"] in {"fr", "en", "ar", "ru", "other"}
            assert alias["seen"].strip(), (actor["name"], alias["text"])


def test_actors_every_alias_resolves_back_to_its_actor(reg):
    for actor in reg.actors:
        for alias in actor.alias_info:
            ranked = reg.lookup(alias.text, actor.country)
            assert ranked, (actor.name, alias.text)
            top = ranked[0][0]
            # A generic "Islamic State" alias in a branch's country resolves to the branch.
            assert top.name == actor.name or top.branch_of == actor.name, (actor.name, alias.text, top.name)


def test_actors_alias_shared_only_when_marked_ambiguous(reg):
    owners: dict[str, list[tuple[str, bool]]] = {}
    for actor in reg.actors:
        for alias in actor.alias_info:
            owners.setdefault(key(alias.text), []).append((actor.name, alias.ambiguous))
    for k, entries in owners.items():
        if len(entries) > 1:
            assert all(amb for _, amb in entries), (k, entries)


def test_actors_families_are_registry_names(reg):
    names = {a.name for a in reg.actors}
    for a in reg.actors:
        assert a.parent is None or a.parent in names
        assert a.branch_of is None or a.branch_of in names


@pytest.mark.parametrize("yaml_change, message", [
    (lambda d: d["actors"][0].pop("inter"), "inter"),
    (lambda d: d["actors"][1].update(name=d["actors"][0]["name"]), "duplicate name"),
    (lambda d: d["actors"][0].update(country="Atlantis"), "Atlantis"),
    (lambda d: d["actors"][0]["aliases"][0].pop("seen"), "seen"),
    (lambda d: d["actors"][1]["aliases"].append(dict(d["actors"][0]["aliases"][0])), "shared by"),
])
def test_actors_broken_registry_raises_lexicon_error_naming_file_and_entry(tmp_path, yaml_change, message):
    data = yaml.safe_load(DEFAULT_PATH.read_text())
    yaml_change(data)
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(LexiconError) as info:
        ActorRegistry.load(path)
    assert str(path) in str(info.value) and message in str(info.value)
    assert info.value.code == "W003"


def test_actors_unreadable_registry_is_a_lexicon_error(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors: [unclosed")
    with pytest.raises(LexiconError, match="YAML"):
        ActorRegistry.load(path)


# ---------------------------------------------------------------------------- inter, interaction

@pytest.mark.parametrize("i1, i2, code", [
    (1, 2, 12), (2, 1, 12), (1, 8, 18), (2, 8, 28), (1, 7, 17), (3, 7, 37), (2, 2, 22),
    (1, None, 10), (None, 2, 20), (None, None, None), (6, 1, 16),
])
def test_actors_interaction_codes(i1, i2, code):
    assert interaction(i1, i2) == code


@pytest.mark.parametrize("name, country, inter", [
    ("Military Forces of Russia", "Syria", 8),
    ("Military Forces of Russia", "Russia", 1),
    ("Military Forces of Russia", "UA", 8),
    ("Military Forces of Syria", "SY", 1),
    ("Military Forces of France", "Mali", 8),
    ("Military Forces of Turkey", "Syrie", 8),
    ("Hayat Tahrir al-Sham", "Syria", 2),
    ("Wagner Group", "Mali", 8),
    ("Civilians (Mali)", "Mali", 7),
    ("Unidentified Armed Group (Syria)", "Syria", 3),
    ("Military Forces of Syria", None, 1),
])
def test_actors_inter_for_event_country(reg, name, country, inter):
    assert reg.inter_for(name, country) == inter


def test_actors_inter_for_unknown_actor_raises(reg):
    with pytest.raises(KeyError):
        reg.inter_for("Nobody At All", "Syria")


# ---------------------------------------------------------------------------- find: sentences

def _find(reg, nlp, sentence, country):
    doc = nlp(sentence)
    return reg.find(doc, country)


# (sentence, event country, [(text as written, canonical name, framing), …]) — every
# mention must be found with that name; framing None means "not checked".
CASES = [
    # Syria
    ("Les combattants de Hayat Tahrir al-Cham ont attaqué un poste près de Saraqeb.", SY,
     [("Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham", ())]),
    ("Des jihadistes de HTS ont été tués lors de frappes sur Ariha.", SY,
     [("HTS", "Hayat Tahrir al-Sham", ("jihadistes",))]),
    ("Le groupe Hayat Tahrir ash-Sham contrôle toujours la ville.", SY,
     [("Hayat Tahrir ash-Sham", "Hayat Tahrir al-Sham", ())]),
    ("L'ex-branche syrienne d'Al-Qaïda, le Front al-Nosra, avait pris le village en 2015.", SY,
     [("Al-Qaïda", "Al Qaeda", ()), ("Front al-Nosra", "Hayat Tahrir al-Sham", ())]),
    ("Les rebelles de l'ASL ont repris la colline.", SY,
     [("ASL", "Free Syrian Army", ("rebelles",))]),
    ("L'armée syrienne a pilonné les faubourgs de Khan Cheikhoun.", SY,
     [("L'armée syrienne", "Military Forces of Syria", ())]),
    ("Les forces de Damas ont avancé vers le sud.", SY,
     [("Les forces de Damas", "Military Forces of Syria", ())]),
    ("Le régime a bombardé un marché à Maaret al-Noomane.", SY,
     [("régime", "Military Forces of Syria", ("le régime",))]),
    ("Les avions du régime syrien ont visé un hôpital.", SY,
     [("régime syrien", "Military Forces of Syria", ("le régime",))]),
    ("L'aviation russe a mené une vingtaine de raids dans la nuit.", SY,
     [("L'aviation russe", "Military Forces of Russia", ())]),
    ("Des soldats turcs ont été blessés par un obus.", SY,
     [("Des soldats turcs", "Military Forces of Turkey", ())]),
    ("Les Forces démocratiques syriennes ont capturé un chef de l'EI.", SY,
     [("Forces démocratiques syriennes", "Syrian Democratic Forces", ()),
      ("EI", "Islamic State (Syria)", ())]),
    ("Les FDS, dominées par les Kurdes, tiennent Raqqa.", SY,
     [("FDS", "Syrian Democratic Forces", ())]),
    ("Une cellule de Daech a tendu une embuscade dans le désert.", SY,
     [("Daech", "Islamic State (Syria)", ())]),
    ("Les combattants ouïghours du Parti islamique du Turkestan ont pris part à l'assaut.", SY,
     [("Parti islamique du Turkestan", "Turkistan Islamic Party", ())]),
    ("Des jihadistes ouïghours ont été aperçus près de Jisr al-Choghour.", SY,
     [("Des jihadistes ouïghours", "Turkistan Islamic Party", ("jihadistes",))]),
    ("Les forces gouvernementales ont repris trois villages.", SY,
     [("Les forces gouvernementales", "Military Forces of Syria", ())]),
    ("Le Hezbollah libanais a envoyé des renforts.", SY,
     [("Hezbollah libanais", "Hezbollah", ())]),
    ("Les Gardiens de la révolution ont perdu deux officiers dans une frappe.", SY,
     [("Gardiens de la révolution", "Military Forces of Iran", ())]),
    ("Des civils ont fui les bombardements.", SY,
     [("Des civils", "Civilians (Syria)", ())]),
    ("Des hommes armés non identifiés ont tué un notable à Deraa.", SY,
     [("Des hommes armés non identifiés", "Unidentified Armed Group (Syria)", ())]),
    ("Les takfiristes d'Ahrar al-Cham ont tiré des roquettes.", SY,
     [("Ahrar al-Cham", "Ahrar al-Sham", ("takfiristes",))]),
    # Sahel
    ("Les jihadistes du JNIM ont attaqué un camp de l'armée malienne.", ML,
     [("JNIM", "JNIM: Group for Support of Islam and Muslims", ("jihadistes",)),
      ("l'armée malienne", "Military Forces of Mali", ())]),
    ("Le Groupe de soutien à l'islam et aux musulmans a revendiqué l'attaque.", ML,
     [("Groupe de soutien à l'islam et aux musulmans", "JNIM: Group for Support of Islam and Muslims", ())]),
    ("Les FAMa et leurs partenaires russes ont ratissé la zone.", ML,
     [("FAMa", "Military Forces of Mali", ())]),
    ("Des mercenaires de Wagner accompagnaient les soldats maliens.", ML,
     [("Wagner", "Wagner Group", ("mercenaires",)), ("les soldats maliens", "Military Forces of Mali", ())]),
    ("L'Africa Corps a pris le relais des paramilitaires russes.", ML,
     [("Africa Corps", "Africa Corps", ())]),
    ("L'EIGS a exécuté plusieurs villageois près de Ménaka.", ML,
     [("EIGS", "Islamic State Sahel Province", ()), ("plusieurs villageois", "Civilians (Mali)", ())]),
    ("Des combattants de l'État islamique au Grand Sahara ont été neutralisés.", NE,
     [("État islamique au Grand Sahara", "Islamic State Sahel Province", ())]),
    ("La force Barkhane a neutralisé un cadre d'AQMI.", ML,
     [("force Barkhane", "Military Forces of France", ()),
      ("AQMI", "Al Qaeda in the Islamic Maghreb", ())]),
    ("Les VDP et l'armée burkinabè ont repoussé l'assaut.", BF,
     [("VDP", "VDP: Volunteers for the Defense of the Homeland", ()),
      ("l'armée burkinabè", "Military Forces of Burkina Faso", ())]),
    ("Des terroristes ont tué douze soldats nigériens près de Tillabéri.", NE,
     [("Des terroristes", None, ("terroristes",)), ("soldats nigériens", "Military Forces of Niger", ())]),
    ("Les FDS ont repoussé une attaque à Djibo.", BF,
     [("FDS", "Military Forces of Burkina Faso", ())]),
    ("Les chasseurs dozos ont affronté des éleveurs armés.", ML,
     [("chasseurs dozos", "Dozo Communal Militia (Mali)", ())]),
    ("La milice Dan Na Ambassagou est accusée de massacres.", ML,
     [("Dan Na Ambassagou", "Dan Na Ambassagou", ())]),
    ("Des individus armés non identifiés ont enlevé le maire.", BF,
     [("Des individus armés non identifiés", "Unidentified Armed Group (Burkina Faso)", ())]),
    ("Les rebelles touareg du CSP-DPA ont abattu un drone.", ML,
     [("CSP-DPA", "CSP-DPA: Permanent Strategic Framework for the Defense of the People of Azawad", ("rebelles",))]),
    # DR Congo
    ("Les rebelles du M23 se sont emparés de Bunagana.", CD,
     [("M23", "M23: March 23 Movement", ("rebelles",))]),
    ("Le Mouvement du 23 mars a proclamé une administration parallèle.", CD,
     [("Mouvement du 23 mars", "M23: March 23 Movement", ())]),
    ("Les FARDC ont lancé une contre-offensive à Rutshuru.", CD,
     [("FARDC", "Military Forces of Democratic Republic of Congo", ())]),
    ("Les ADF ont massacré des villageois à Beni.", CD,
     [("ADF", "ADF: Allied Democratic Forces", ()), ("des villageois", "Civilians (Democratic Republic of Congo)", ())]),
    ("Les rebelles ougandais ont incendié des maisons.", CD,
     [("Les rebelles ougandais", "ADF: Allied Democratic Forces", ("rebelles",))]),
    ("La milice CODECO a attaqué un site de déplacés en Ituri.", CD,
     [("CODECO", "CODECO: Cooperative for the Development of Congo", ())]),
    ("Les Wazalendo combattent aux côtés de l'armée congolaise.", CD,
     [("Wazalendo", "Wazalendo", ()), ("armée congolaise", "Military Forces of Democratic Republic of Congo", ())]),
    ("Des miliciens Maï-Maï ont pillé un village.", CD,
     [("Maï-Maï", "Mai-Mai Militia", ())]),
    ("Les soldats rwandais ont franchi la frontière selon l'ONU.", CD,
     [("Les soldats rwandais", "Military Forces of Rwanda", ())]),
    # Ukraine / Russia
    ("Les forces ukrainiennes ont frappé un dépôt de munitions.", UA,
     [("Les forces ukrainiennes", "Military Forces of Ukraine", ())]),
    ("L'armée russe a tiré des missiles sur Kharkiv.", UA,
     [("L'armée russe", "Military Forces of Russia", ())]),
    ("Les troupes de Moscou progressent vers Pokrovsk.", UA,
     [("Les troupes de Moscou", "Military Forces of Russia", ())]),
    ("Des drones russes ont visé le réseau électrique.", UA,
     [("Des drones russes", "Military Forces of Russia", ())]),
    ("Le groupe Wagner a revendiqué la prise de Bakhmout.", UA,
     [("groupe Wagner", "Wagner Group", ())]),
    ("La brigade Azov a tenu l'usine pendant des semaines.", UA,
     [("brigade Azov", "Military Forces of Ukraine", ())]),
    ("L'armée de Kiev a abattu un avion.", UA,
     [("L'armée de Kiev", "Military Forces of Ukraine", ())]),
    # Yemen
    ("Les rebelles houthis ont tiré un missile sur un navire.", YE,
     [("houthis", "Houthi Movement", ("rebelles",))]),
    ("Ansar Allah a menacé de nouvelles attaques en mer Rouge.", YE,
     [("Ansar Allah", "Houthi Movement", ())]),
    ("La coalition menée par l'Arabie saoudite a frappé Sanaa.", YE,
     [("coalition menée par l'Arabie saoudite", "Military Forces of Saudi Arabia", ())]),
    ("Al-Qaïda dans la péninsule arabique a attaqué un convoi.", YE,
     [("Al-Qaïda dans la péninsule arabique", "Al Qaeda in the Arabian Peninsula", ())]),
    ("Les forces loyalistes ont repris un district.", YE,
     [("Les forces loyalistes", "Military Forces of Yemen", ())]),
    # Libya, Iraq, Nigeria, Somalia, Mozambique, Israel
    ("L'Armée nationale libyenne du maréchal Haftar a bombardé l'aéroport.", LY,
     [("Armée nationale libyenne", "LNA: Libyan National Army", ())]),
    ("Les forces du GNA ont repoussé l'offensive.", LY,
     [("forces du GNA", "Military Forces of Libya", ())]),
    ("Le Hachd al-Chaabi a déployé des renforts à Kirkouk.", IQ,
     [("Hachd al-Chaabi", "PMF: Popular Mobilization Forces", ())]),
    ("Les jihadistes de l'EI ont attaqué des peshmergas.", IQ,
     [("EI", "Islamic State (Iraq)", ("jihadistes",)), ("peshmergas", "Peshmerga", ())]),
    ("Boko Haram a enlevé des lycéennes dans le nord-est.", NG,
     [("Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", ())]),
    ("Les insurgés de l'Iswap ont attaqué une base militaire.", NG,
     [("Iswap", "Islamic State West Africa Province", ("insurgés",))]),
    ("Des bandits armés ont tué vingt personnes dans l'Etat de Zamfara.", NG,
     [("Des bandits armés", None, ("bandits armés",))]),
    ("Les shebab ont fait exploser une voiture piégée à Mogadiscio.", SO,
     [("shebab", "Al Shabaab", ())]),
    ("Les insurgés shebab ont attaqué Mocimboa da Praia.", MZ,
     [("shebab", "Islamic State Mozambique Province", ("insurgés",))]),
    ("Tsahal a frappé des positions du Hamas.", "Palestine",
     [("Tsahal", "Military Forces of Israel", ()), ("Hamas", "Hamas", ())]),
    ("Des manifestants ont été dispersés par la police malienne.", ML,
     [("Des manifestants", "Protesters (Mali)", ()), ("la police malienne", "Police Forces of Mali", ())]),
]


@pytest.mark.parametrize("sentence, country, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_actors_find_sentence(reg, nlp, sentence, country, expected):
    mentions = _find(reg, nlp, sentence, country)
    for text, name, framing in expected:
        hits = [m for m in mentions if text.lower() in m.text.lower()]
        assert hits, (text, [(m.text, m.name) for m in mentions])
        assert hits[0].name == name, (text, hits[0])
        if framing is not None:
            assert hits[0].framing == framing, (text, hits[0])
        assert sentence[hits[0].span[0]:hits[0].span[1]] == hits[0].text


def test_actors_find_mentions_are_sorted_and_disjoint(reg, nlp):
    doc = nlp("Les terroristes du groupe Hayat Tahrir al-Cham et l'armée syrienne se sont affrontés "
              "tandis que l'aviation russe et des drones turcs survolaient la zone où vivent des civils.")
    ms = reg.find(doc, "Syria")
    assert [m.span for m in ms] == sorted(m.span for m in ms)
    assert all(a.span[1] <= b.span[0] for a, b in zip(ms, ms[1:]))
    assert [m.name for m in ms] == ["Hayat Tahrir al-Sham", "Military Forces of Syria",
                                    "Military Forces of Russia", "Military Forces of Turkey",
                                    "Civilians (Syria)"]


def test_actors_label_is_never_a_name(reg, nlp):
    ms = reg.find(nlp("Les terroristes ont attaqué, les rebelles ont fui et les djihadistes ont riposté."), "Syria")
    assert [(m.kind, m.name, m.framing) for m in ms] == [
        ("label", None, ("terroristes",)), ("label", None, ("rebelles",)), ("label", None, ("djihadistes",))]


def test_actors_qualified_label_is_the_unidentified_group(reg, nlp):
    ms = reg.find(nlp("Des terroristes non identifiés ont incendié une école."), "Burkina Faso")
    assert ms[0].name == "Unidentified Armed Group (Burkina Faso)" and ms[0].framing == ("terroristes",)


def test_actors_label_framing_attaches_to_following_name(reg, nlp):
    ms = reg.find(nlp("Les terroristes chinois du Parti al-Turkistani tiennent la colline."), "Syria")
    assert len(ms) == 1
    assert (ms[0].name, ms[0].text, ms[0].framing) == (
        "Turkistan Islamic Party", "Parti al-Turkistani", ("terroristes",))


def test_actors_adjective_label_on_a_thing_is_no_mention(reg, nlp):
    ms = reg.find(nlp("Une attaque terroriste a visé la gare."), "Mali")
    assert ms == []


def test_actors_description_needs_country_for_generic_groups(reg, nlp):
    ms = reg.find(nlp("Des civils ont été tués par les forces gouvernementales."))
    assert [(m.kind, m.name) for m in ms] == [("description", None), ("description", None)]


def test_actors_ambiguous_abbreviation_without_country_has_no_name(reg, nlp):
    ms = reg.find(nlp("Les FDS ont annoncé une opération."))
    assert ms[0].name is None and ms[0].alias == "FDS" and ms[0].score < 100


def test_actors_abbreviation_does_not_match_lower_case_word(reg):
    assert not [m for m in reg.find("une fat somme", "Togo") if m.kind == "name"]
    assert [m.name for m in reg.find("les FAT", "Togo")] == ["Military Forces of Togo"]


@pytest.mark.parametrize("variant, name", [
    ("Hayat Tahrir al-Chams", "Hayat Tahrir al-Sham"),
    ("Jabhat al-Nousra", "Hayat Tahrir al-Sham"),
    ("Ahrar el-Chame", "Ahrar al-Sham"),
    ("Hachd al-Chaabii", "PMF: Popular Mobilization Forces"),
])
def test_actors_fuzzy_spelling_variants_in_text(reg, nlp, variant, name):
    ms = reg.find(nlp(f"Des combattants de {variant} ont été tués."), None)
    names = [m for m in ms if m.kind == "name"]
    assert names and names[0].name == name and names[0].score < 100


def test_actors_fuzzy_does_not_turn_a_city_into_a_group(reg, nlp):
    ms = reg.find(nlp("Les combats se poursuivent à Hama et à Hamamiyat."), "Syria")
    assert ms == []


@pytest.mark.parametrize("query, country, name", [
    ("Front al-Nosra", None, "Hayat Tahrir al-Sham"),
    ("du groupe Hayat Tahrir al-Cham", None, "Hayat Tahrir al-Sham"),
    ("l'organisation État islamique", "Iraq", "Islamic State (Iraq)"),
    ("État islamique", None, "Islamic State"),
    ("État islamique", "Nigeria", "Islamic State West Africa Province"),
    ("FNL", "Burundi", "FNL: National Forces of Liberation"),
    ("FNL", "Syria", "National Front for Liberation"),
    ("armée syrienne", "Syria", "Military Forces of Syria"),
    ("forces gouvernementales", "Mali", "Military Forces of Mali"),
    ("des hommes armés", "Niger", "Unidentified Armed Group (Niger)"),
    ("conseillers militaires russes", None, "Military Forces of Russia"),
    ("Kouptchichine's", None, None),
    ("terroristes", "Syria", None),
])
def test_actors_lookup(reg, query, country, name):
    ranked = reg.lookup(query, country)
    if name is None:
        assert ranked == [] or ranked[0][2] < 100
    else:
        assert ranked and ranked[0][0].name == name, ranked[:2]


def test_actors_lookup_fuzzy_ranks_by_score(reg):
    ranked = reg.lookup("Hayet Tahrir el-Cham")
    assert ranked[0][0].name == "Hayat Tahrir al-Sham" and 88 <= ranked[0][2] < 100


def test_actors_unknown_country_is_an_error(reg):
    with pytest.raises(ValueError, match="Atlantis"):
        reg.find("les forces gouvernementales", "Atlantis")


def test_actors_unidentified_group_by_country(reg):
    assert reg.unidentified_group("ML") == "Unidentified Armed Group (Mali)"
    assert reg.unidentified_group("Syrie") == "Unidentified Armed Group (Syria)"
    assert reg.unidentified_group(None) is None


def test_actors_template_actors_exist_for_every_country(reg):
    assert reg.get("Civilians (Chad)").inter == 7
    assert reg.get("Rioters (Kenya)").inter == 5
    assert reg.get("Unidentified Armed Group (Atlantis)") is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("abcdeéïHTSFAMa-' ,.«»") + [
    " armée ", " syrienne ", " terroristes ", " du ", " M23 ", " civils ", " non identifiés ",
    " Hayat Tahrir al-Cham ", "l'", " hommes armés "]), max_size=40).map("".join))
def test_actors_find_on_any_text_gives_valid_disjoint_spans(reg, text):
    ms = reg.find(text, "Syria")
    for m in ms:
        assert text[m.span[0]:m.span[1]] == m.text and m.text.strip()
        assert m.kind in ("name", "description", "label")
    assert all(a.span[1] <= b.span[0] for a, b in zip(ms, ms[1:]))


# ---------------------------------------------------------------------------- gold sample

def test_actors_gold_sample_actor_texts_resolve(reg, nlp, shared_dir: Path):
    gold = json.loads((shared_dir / "samples" / "hama-2019-06.gold.json").read_text())
    text = (shared_dir / "samples" / "hama-2019-06.txt").read_text()
    country = gold["events"][0]["locations"][0]["country"]
    mentions = reg.find(nlp(text), country)
    for entity in gold["entities"]["actors"]:
        for written in entity["text"]:
            ranked = reg.lookup(written, country)
            assert ranked and ranked[0][0].name == entity["name"], (written, ranked[:2])
            assert reg.inter_for(entity["name"], country) == entity["inter"]
            # At least one occurrence in the report is found by find() with that name.
            starts = [i for i in range(len(text)) if text.startswith(written, i)]
            assert starts, written
            assert any(m.name == entity["name"] and m.span[0] <= s + len(written) and s <= m.span[1]
                       for s in starts for m in mentions), written
