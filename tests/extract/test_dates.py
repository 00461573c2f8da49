"""French date expressions: forms, resolution against publication, non-dates, the lexicon."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.errors import LexiconError
from warlog.extract._dates_lexicon import DEFAULT_PATH, fold, load_lexicon
from warlog.extract.dates import KINDS, DateMention, find_dates, publication_window

SAT = date(2019, 6, 8)     # Syria, a Saturday
TUE = date(2022, 3, 15)    # Ukraine, a Tuesday
SUN = date(2020, 1, 5)     # a Sunday just after New Year
WED = date(2023, 8, 2)     # Sahel, a Wednesday
THU = date(2024, 2, 29)    # DR Congo, a Thursday in a leap year
MON = date(2021, 11, 22)   # Mali, a Monday

# (published, sentence, expected text, start, end, precision, kind)
CASES = [
    # -- absolute dates ----------------------------------------------------------------
    (SAT, "Le 6 juin, l'armée a annoncé avoir repris le contrôle de la localité.",
     "Le 6 juin", "2019-06-06", "2019-06-06", 1, "absolute"),
    (SAT, "Les combats ont repris le 1er juin au nord de la ville, selon l'OSDH.",
     "le 1er juin", "2019-06-01", "2019-06-01", 1, "absolute"),
    (TUE, "Le ministère russe de la Défense a indiqué que la frappe avait eu lieu le 14 mars 2022.",
     "le 14 mars 2022", "2022-03-14", "2022-03-14", 1, "absolute"),
    (SAT, "Des chasseurs ont frappé vendredi 7 juin dans la matinée les abords de Khan Cheikhoun.",
     "vendredi 7 juin dans la matinée", "2019-06-07", "2019-06-07", 1, "absolute"),
    (TUE, "L'attaque a eu lieu le 12/03/2022 près de Kharkiv, selon l'état-major ukrainien.",
     "le 12/03/2022", "2022-03-12", "2022-03-12", 1, "absolute"),
    (SAT, "En juin, plus de 200 familles ont fui vers la frontière turque.",
     "En juin", "2019-06-01", "2019-06-08", 3, "absolute"),
    (SAT, "Les affrontements de juin 2018 avaient déjà fait 40 morts.",
     "juin 2018", "2018-06-01", "2018-06-30", 3, "absolute"),
    (SAT, "L'offensive lancée en avril 2019 piétine, estime un analyste.",
     "en avril 2019", "2019-04-01", "2019-04-30", 3, "absolute"),
    (SAT, "Le premier juin, des unités de l'armée arabe syrienne ont détruit un dépôt d'armes.",
     "Le premier juin", "2019-06-01", "2019-06-01", 1, "absolute"),
    (SAT, "Le deux mai, un convoi humanitaire a été bloqué à Morek.",
     "Le deux mai", "2019-05-02", "2019-05-02", 1, "absolute"),
    (WED, "Le mardi 1er août, des hommes armés non identifiés ont attaqué le village de Boni.",
     "Le mardi 1er août", "2023-08-01", "2023-08-01", 1, "absolute"),
    (TUE, "Mercredi 10 mars, les forces russes ont bombardé une maternité à Marioupol.",
     "Mercredi 10 mars", "2022-03-10", "2022-03-10", 1, "absolute"),
    (TUE, "L'explosion s'est produite le 10 mars vers 5 heures du matin, heure locale.",
     "le 10 mars vers 5 heures du matin", "2022-03-10", "2022-03-10", 1, "absolute"),
    (THU, "Le convoi a été visé le 27 février à 14h30 (heure locale) à la sortie de Beni.",
     "le 27 février à 14h30 (heure locale)", "2024-02-27", "2024-02-27", 1, "absolute"),
    (TUE, "Kiev, 3 mars 2022 (AFP) - Les bombardements se poursuivent sur la capitale.",
     "3 mars 2022", "2022-03-03", "2022-03-03", 1, "absolute"),
    (TUE, "Publié le 25 févr. 2022, le communiqué évoque des pertes lourdes.",
     "le 25 févr. 2022", "2022-02-25", "2022-02-25", 1, "absolute"),
    (WED, "Le 15 aout, des jihadistes ont incendié le marché de Djibo.",
     "Le 15 aout", "2022-08-15", "2022-08-15", 1, "absolute"),
    (THU, "Date de l'incident : 2024-02-20, territoire de Rutshuru.",
     "2024-02-20", "2024-02-20", "2024-02-20", 1, "absolute"),
    (THU, "Samedi 24, vers 18 heures, des coups de feu ont retenti à Goma.",
     "Samedi 24, vers 18 heures", "2024-02-24", "2024-02-24", 1, "absolute"),
    (THU, "Au matin du 26 février, les rebelles du M23 ont pris la colline de Kanyamahoro.",
     "Au matin du 26 février", "2024-02-26", "2024-02-26", 1, "absolute"),
    (MON, "Le 1ᵉʳ novembre, l’armée malienne a neutralisé une dizaine de terroristes.",
     "Le 1ᵉʳ novembre", "2021-11-01", "2021-11-01", 1, "absolute"),
    # -- ranges ----------------------------------------------------------------------------
    (SAT, "Les unités de l'armée ont repoussé les 6 et 7 juin plusieurs assauts terroristes.",
     "les 6 et 7 juin", "2019-06-06", "2019-06-07", 1, "range"),
    (SAT, "Du 3 au 5 mai, les frappes aériennes ont visé Kafr Nabouda.",
     "Du 3 au 5 mai", "2019-05-03", "2019-05-05", 1, "range"),
    (SAT, "Les raids se sont succédé entre le 3 et le 5 mai dans le sud d'Idleb.",
     "entre le 3 et le 5 mai", "2019-05-03", "2019-05-05", 1, "range"),
    (TUE, "Du 28 février au 2 mars, la colonne blindée est restée immobilisée au nord de Kiev.",
     "Du 28 février au 2 mars", "2022-02-28", "2022-03-02", 1, "range"),
    (TUE, "Dans la nuit de samedi à dimanche, des drones ont frappé le port d'Odessa.",
     "Dans la nuit de samedi à dimanche", "2022-03-12", "2022-03-13", 1, "range"),
    (SAT, "Dans la nuit du 6 au 7 juin, des tirs de mortier ont touché Mhardeh.",
     "Dans la nuit du 6 au 7 juin", "2019-06-06", "2019-06-07", 1, "range"),
    (SAT, "Les bombardements des 5, 6 et 7 juin ont détruit deux hôpitaux.",
     "des 5, 6 et 7 juin", "2019-06-05", "2019-06-07", 1, "range"),
    (SUN, "Du 28 décembre au 2 janvier, les attaques se sont multipliées dans le Soum.",
     "Du 28 décembre au 2 janvier", "2019-12-28", "2020-01-02", 1, "range"),
    (WED, "Les patrouilles ont été prises pour cible entre lundi et mercredi près de Ménaka.",
     "entre lundi et mercredi", "2023-07-31", "2023-08-02", 1, "range"),
    (WED, "Dans la nuit du 31 juillet au 1er août, le camp de Tessit a été attaqué.",
     "Dans la nuit du 31 juillet au 1er août", "2023-07-31", "2023-08-01", 1, "range"),
    (THU, "Du vendredi 23 au dimanche 25 février, les FARDC ont pilonné les positions rebelles.",
     "Du vendredi 23 au dimanche 25 février", "2024-02-23", "2024-02-25", 1, "range"),
    # -- relative to publication -------------------------------------------------------------
    (SAT, "Les insurgés ont pris d'assaut jeudi soir deux checkpoints à l'est de Morek.",
     "jeudi soir", "2019-06-06", "2019-06-06", 1, "relative"),
    (TUE, "Lundi après-midi, une frappe a touché un immeuble résidentiel à Kharkiv.",
     "Lundi après-midi", "2022-03-14", "2022-03-14", 1, "relative"),
    (SAT, "Samedi, l'aviation a visé les positions d'Al-Nosra, rapporte SANA.",
     "Samedi", "2019-06-08", "2019-06-08", 1, "relative"),
    (TUE, "Mardi, la défense antiaérienne a abattu deux missiles au-dessus de Kiev.",
     "Mardi", "2022-03-15", "2022-03-15", 1, "relative"),
    (TUE, "Mardi dernier, un drone a été abattu au-dessus de Lviv.",
     "Mardi dernier", "2022-03-08", "2022-03-08", 1, "relative"),
    (MON, "Hier, deux soldats ont été tués par un engin explosif près de Tessalit.",
     "Hier", "2021-11-21", "2021-11-21", 1, "relative"),
    (MON, "Avant-hier, le poste de Dioura a essuyé des tirs nourris.",
     "Avant-hier", "2021-11-20", "2021-11-20", 1, "relative"),
    (MON, "Hier soir, des hommes armés ont enlevé le chef du village.",
     "Hier soir", "2021-11-21", "2021-11-21", 1, "relative"),
    (MON, "Aujourd’hui encore, des coups de feu ont été entendus à Niono.",
     "Aujourd’hui", "2021-11-22", "2021-11-22", 1, "relative"),
    (MON, "Ce matin, un bus a sauté sur une mine entre Boni et Hombori.",
     "Ce matin", "2021-11-22", "2021-11-22", 1, "relative"),
    (MON, "Cette nuit, le camp a été la cible de tirs d'obus.",
     "Cette nuit", "2021-11-21", "2021-11-22", 1, "relative"),
    (MON, "Selon un élu local, la nuit dernière a été marquée par des pillages.",
     "la nuit dernière", "2021-11-21", "2021-11-22", 1, "relative"),
    (THU, "Il y a deux jours, les rebelles ont incendié des maisons à Sake.",
     "Il y a deux jours", "2024-02-27", "2024-02-27", 1, "relative"),
    (THU, "L'attaque d'il y a une semaine avait fait 12 morts.",
     "il y a une semaine", "2024-02-22", "2024-02-22", 2, "relative"),
    (THU, "La semaine dernière, des affrontements ont éclaté à Masisi.",
     "La semaine dernière", "2024-02-19", "2024-02-25", 2, "relative"),
    (THU, "Cette semaine, les déplacés ont afflué vers Goma.",
     "Cette semaine", "2024-02-26", "2024-02-29", 2, "relative"),
    (MON, "Le week-end dernier, une embuscade a coûté la vie à sept militaires.",
     "Le week-end dernier", "2021-11-20", "2021-11-21", 2, "relative"),
    (MON, "Ce week-end, des combats ont opposé l'armée à des jihadistes près de Mopti.",
     "Ce week-end", "2021-11-20", "2021-11-21", 2, "relative"),
    (THU, "Le mois dernier, l'ONU a recensé 300 000 nouveaux déplacés.",
     "Le mois dernier", "2024-01-01", "2024-01-31", 3, "relative"),
    (SUN, "Dimanche dernier, des assaillants ont attaqué une église à Dablo.",
     "Dimanche dernier", "2019-12-29", "2019-12-29", 1, "relative"),
    (TUE, "Dans la nuit de jeudi, la ville a subi un bombardement massif.",
     "Dans la nuit de jeudi", "2022-03-10", "2022-03-10", 1, "relative"),
    (THU, "Il y a une dizaine de jours, le M23 a coupé la route de Sake.",
     "Il y a une dizaine de jours", "2024-02-19", "2024-02-19", 2, "relative"),
    (MON, "Ces derniers jours, les attaques se sont multipliées dans le cercle de Bankass.",
     "Ces derniers jours", "2021-11-16", "2021-11-22", 2, "vague"),
    # -- parts of a month ----------------------------------------------------------------------
    (SAT, "Mi-mai, les forces gouvernementales ont repris Kafr Nabouda.",
     "Mi-mai", "2019-05-11", "2019-05-20", 2, "absolute"),
    (SAT, "Début juin, la Turquie a envoyé des renforts à ses postes d'observation.",
     "Début juin", "2019-06-01", "2019-06-08", 2, "absolute"),
    (SAT, "Fin avril, la Russie a intensifié ses frappes sur le sud d'Idleb.",
     "Fin avril", "2019-04-21", "2019-04-30", 2, "absolute"),
    (THU, "À la mi-février, les combats se sont rapprochés de Sake.",
     "À la mi-février", "2024-02-11", "2024-02-20", 2, "absolute"),
    # -- year rollover and the never-after-publication rule ---------------------------------
    (SUN, "Le 28 décembre, un attentat a frappé le marché de Mogadiscio.",
     "Le 28 décembre", "2019-12-28", "2019-12-28", 1, "absolute"),
    (SUN, "Le 3 janvier, une frappe américaine a tué le général Soleimani.",
     "Le 3 janvier", "2020-01-03", "2020-01-03", 1, "absolute"),
    (SUN, "En décembre, les violences ont fait plus de 200 morts au Burkina Faso.",
     "En décembre", "2019-12-01", "2019-12-31", 3, "absolute"),
    (SUN, "Fin décembre, l'armée a lancé une opération dans la province du Loroum.",
     "Fin décembre", "2019-12-21", "2019-12-31", 2, "absolute"),
    (SUN, "La semaine dernière, les insurgés ont attaqué Arbinda.",
     "La semaine dernière", "2019-12-23", "2019-12-29", 2, "relative"),
    (SUN, "Le mois dernier a été le plus meurtrier de l'année.",
     "Le mois dernier", "2019-12-01", "2019-12-31", 3, "relative"),
    (SAT, "Le 10 juin, les rebelles avaient pris Kafr Nabouda.",
     "Le 10 juin", "2018-06-10", "2018-06-10", 1, "absolute"),
    (SAT, "Du 6 au 10 juin, les frappes ont visé la région.",
     "Du 6 au 10 juin", "2019-06-06", "2019-06-08", 1, "range"),
    (THU, "Le 29 février, des obus sont tombés sur Mugunga.",
     "Le 29 février", "2024-02-29", "2024-02-29", 1, "absolute"),
    # -- background: recognised, never an event date ---------------------------------------
    (SAT, "Le régime et l'opposition armée s'affrontent dans la province depuis 2011.",
     "depuis 2011", "2011-01-01", "2019-06-08", None, "background"),
    (SAT, "La guerre a éclaté en 2011 après la répression des manifestations.",
     "en 2011", "2011-01-01", "2011-12-31", None, "background"),
    (TUE, "Plus de deux millions de personnes ont fui depuis le début de la guerre.",
     "depuis le début de la guerre", None, None, None, "background"),
    (MON, "La région est en proie à l'insécurité depuis des années.",
     "depuis des années", None, None, None, "background"),
    (TUE, "Les bombardements n'ont pas cessé depuis le 24 février.",
     "depuis le 24 février", "2022-02-24", "2022-03-15", None, "background"),
    (WED, "L'an dernier, le pays avait connu deux coups d'État.",
     "L'an dernier", "2022-01-01", "2022-12-31", None, "background"),
    (WED, "Une réunion de la CEDEAO est prévue samedi prochain à Abuja.",
     "samedi prochain", None, None, None, "background"),
    (WED, "Les pourparlers reprendront demain à Niamey.",
     "demain", None, None, None, "background"),
    (TUE, "Entre 2014 et 2015, les combats du Donbass avaient fait des milliers de morts.",
     "Entre 2014 et 2015", "2014-01-01", "2015-12-31", None, "background"),
    (SAT, "Un sommet est prévu le 13 juin 2019 à Bichkek.",
     "le 13 juin 2019", "2019-06-13", "2019-06-13", None, "background"),
]


def _found(sentence: str, published: date | None, text: str) -> DateMention:
    mentions = find_dates(sentence, published)
    hits = [m for m in mentions if m.text == text]
    assert len(hits) == 1, f"{text!r} not found alone in {mentions}"
    return hits[0]


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@pytest.mark.parametrize("published,sentence,text,start,end,precision,kind", CASES,
                         ids=[c[2] for c in CASES])
def test_dates_resolves_sentence(published, sentence, text, start, end, precision, kind):
    mention = _found(sentence, published, text)
    assert (mention.start, mention.end) == (_d(start), _d(end))
    assert mention.precision == precision
    assert mention.kind == kind
    s, e = mention.span
    assert sentence[s:e] == mention.text


NO_PUBLICATION = [
    ("Des rebelles ont tendu une embuscade jeudi soir près de Beni.", "jeudi soir",
     None, None, None, "relative"),
    ("Hier, deux soldats ont été tués.", "Hier", None, None, None, "relative"),
    ("La semaine dernière, l'armée a avancé.", "La semaine dernière",
     None, None, None, "relative"),
    ("Il y a trois jours, un drone a frappé.", "Il y a trois jours", None, None, None, "relative"),
    ("Le 6 juin, la milice a revendiqué l'attaque.", "Le 6 juin", None, None, None, "absolute"),
    ("Des raids menés les 6 et 7 juin ont visé Ariha.", "les 6 et 7 juin",
     None, None, None, "range"),
    ("Mi-mai, les forces ont repris la ville.", "Mi-mai", None, None, None, "absolute"),
    ("Le 6 juin 2019, la milice a revendiqué l'attaque.", "Le 6 juin 2019",
     "2019-06-06", "2019-06-06", 1, "absolute"),
    ("L'attaque a eu lieu le 12/03/2022.", "le 12/03/2022",
     "2022-03-12", "2022-03-12", 1, "absolute"),
    ("En juin 2019, la situation s'est aggravée.", "En juin 2019",
     "2019-06-01", "2019-06-30", 3, "absolute"),
    ("Du 28 décembre au 2 janvier 2020, les attaques ont continué.",
     "Du 28 décembre au 2 janvier 2020", "2019-12-28", "2020-01-02", 1, "range"),
    ("Les deux camps s'affrontent depuis 2011.", "depuis 2011",
     "2011-01-01", "2011-12-31", None, "background"),
]


@pytest.mark.parametrize("sentence,text,start,end,precision,kind", NO_PUBLICATION,
                         ids=[c[1] for c in NO_PUBLICATION])
def test_dates_without_publication_never_guess(sentence, text, start, end, precision, kind):
    mention = _found(sentence, None, text)
    assert (mention.start, mention.end, mention.precision, mention.kind) == (
        _d(start), _d(end), precision, kind)


NON_DATES = [
    "Le bilan s'élève à 2019 morts selon l'Observatoire.",
    "Les 500 combattants ont pris position le 6 au matin près du pont.",
    "Le maintien de l'ordre est assuré par la MINUSMA.",
    "La Jamaïque et le Mali ont voté la résolution.",
    "Le robot de la NASA a photographié Mars et sa lune Phobos.",
    "Le 1er régiment de chasseurs parachutistes a été déployé à Gao.",
    "Selon le bilan, 12 morts et 30 blessés ont été transportés à Bunia.",
    "Rendez-vous à 14h au siège du gouvernorat.",
    "Cette nuit-là, les rebelles ont fui vers la brousse.",
    "Le 31 février n'existe dans aucun calendrier.",
    "Appelez le 01.02.03.04.05 pour signaler un incident.",
    "Le chef de la milice, surnommé le Premier, commande 300 hommes.",
]


@pytest.mark.parametrize("sentence", NON_DATES)
def test_dates_ignores_non_dates(sentence):
    assert find_dates(sentence, SAT) == []


def test_dates_spans_carry_offset():
    sentence = "Jeudi soir, puis les 6 et 7 juin, et enfin depuis 2011."
    mentions = find_dates(sentence, SAT, offset=1000)
    assert [m.text for m in mentions] == ["Jeudi soir", "les 6 et 7 juin", "depuis 2011"]
    for m in mentions:
        assert sentence[m.span[0] - 1000:m.span[1] - 1000] == m.text


def test_dates_sorted_non_overlapping_longest_wins():
    text = ("L'aviation a bombardé Ariha vendredi 7 juin dans la matinée. Dans la nuit de samedi à "
            "dimanche, puis hier soir, l'armée a riposté. Samedi 1er, vers 5 heures du matin.")
    mentions = find_dates(text, SAT)
    assert [m.text for m in mentions] == [
        "vendredi 7 juin dans la matinée", "Dans la nuit de samedi à dimanche", "hier soir",
        "Samedi 1er, vers 5 heures du matin"]
    ends = [m.span[1] for m in mentions]
    assert all(e <= s for e, s in zip(ends, [m.span[0] for m in mentions][1:]))


def test_dates_time_alone_is_not_a_date():
    assert find_dates("vers 5 heures du matin, à 14h30 (heure locale)", SAT) == []


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_dates_rejects_absurd_publication_date(published):
    with pytest.raises(ValueError, match="out of range"):
        find_dates("hier", published)


def test_dates_extreme_publication_dates_stay_in_calendar():
    text = ("hier, la semaine dernière, il y a 3 mois, il y a 2 ans, le 6 juin, ce week-end, "
            "l'an dernier, dans la nuit de samedi à dimanche, du 28 décembre au 2 janvier")
    for published in (date(1000, 1, 1), date(9000, 12, 31)):
        _check_invariants(text, published, 0)


def test_publication_window():
    window = publication_window(SAT)
    assert window == DateMention(date(2019, 6, 2), SAT, 2, "", (0, 0), "vague")
    assert publication_window(None) is None


# -- the lexicon ------------------------------------------------------------------------------

def test_dates_lexicon_schema():
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert sorted(set(data["months"].values())) == list(range(1, 13))
    assert sorted(data["weekdays"].values()) == list(range(7))
    assert all(1 <= v <= 31 for v in data["day_words"].values())
    for name in ("parts_of_day", "past_markers", "future_markers", "future", "since_words"):
        assert data[name] and all(isinstance(x, str) and x for x in data[name])
    for spec in data["periods"].values():
        assert spec["unit"] in {"week", "weekend", "month", "year"} and spec["shift"] in (0, -1)
    for spec in data["vague"].values():
        assert spec["precision"] in (1, 2, 3) and spec["window"][0] <= spec["window"][1] <= 0
    lex = load_lexicon()
    assert lex.months["aout"] == 8 and lex.weekdays["dimanche"] == 6


@pytest.mark.parametrize("name", yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))["months"])
def test_dates_lexicon_every_month_matches(name):
    lex = load_lexicon()
    mention = _found(f"Le 3 {name} 2019, un drone a frappé.", None, f"Le 3 {name} 2019")
    assert mention.start == date(2019, lex.months[fold(name)], 3)


def test_dates_lexicon_every_part_of_day_follows_a_date():
    for part in load_lexicon().entries["parts_of_day"]:
        mention = _found(f"Le 6 juin {part}, des tirs.", SAT, f"Le 6 juin {part}")
        assert mention.start == date(2019, 6, 6)


def test_dates_lexicon_every_relative_phrase_resolves():
    lex = load_lexicon()
    for section in ("relative_days", "periods", "vague"):
        for phrase in lex.entries[section]:
            mention = _found(f"Selon la police, {phrase}, des tirs.", SAT, phrase)
            assert mention.start is not None and mention.end <= SAT, phrase


@pytest.mark.parametrize("edit,problem", [
    (lambda d: d.pop("version"), "version"),
    (lambda d: d["months"].update({"brumaire": 13}), "months.brumaire"),
    (lambda d: d["weekdays"].pop("dimanche"), "weekdays"),
    (lambda d: d["periods"].update({"ce trimestre": {"unit": "quarter", "shift": 0}}),
     "periods.ce trimestre"),
    (lambda d: d["months"].update({"Aout": 8}), "duplicate entry"),
    (lambda d: d.update({"parts_of_day": []}), "parts_of_day"),
])
def test_dates_lexicon_errors_name_file_and_entry(tmp_path: Path, edit, problem):
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "dates.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert str(path) in str(err.value) and problem in str(err.value)
    assert err.value.code == "W003"


# -- properties ---------------------------------------------------------------------------------

FRAGMENTS = [
    "le 6 juin", "jeudi soir", "les 6 et 7 juin", "du 28 décembre au 2 janvier", "hier",
    "vendredi 7 juin dans la matinée", "il y a deux jours", "la semaine dernière", "mi-mai",
    "fin février", "le 29 février", "depuis 2011", "dans la nuit de samedi à dimanche",
    "samedi 31,", "le 12/03/2022", "en juin", "ce week-end", "le mois dernier", "2019 morts",
    "les 500 combattants", "à 14h", "selon l'agence", "mardi dernier", "en 2011", "début janvier",
    "entre le 30 et le 1er mars", "dans la nuit du 31 décembre au 1er janvier", "cette nuit",
]


def _check_invariants(text: str, published: date | None, offset: int) -> None:
    mentions = find_dates(text, published, offset)
    previous_end = offset
    for m in mentions:
        s, e = m.span
        assert offset <= s < e <= offset + len(text)
        assert s >= previous_end
        previous_end = e
        assert text[s - offset:e - offset] == m.text
        assert m.kind in KINDS
        assert (m.start is None) == (m.end is None)
        if m.start is not None:
            assert m.start <= m.end
        if m.kind == "background":
            assert m.precision is None
        elif m.start is not None:
            assert m.precision in (1, 2, 3)
            if published is not None:
                assert m.end <= published
        if published is None and m.kind == "relative":
            assert m.start is None and m.precision is None


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
       glue=st.sampled_from([" ", ", ", ". ", " et ", " puis ", "\u00a0"]),
       published=st.one_of(st.none(), st.dates(date(1995, 1, 1), date(2035, 12, 31))),
       offset=st.integers(0, 10_000))
def test_dates_property_resolved_within_publication(parts, glue, published, offset):
    _check_invariants(glue.join(parts), published, offset)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=80),
       published=st.one_of(st.none(), st.dates(date(1000, 1, 1), date(9000, 12, 31))))
def test_dates_property_arbitrary_text(text, published):
    _check_invariants(text, published, 0)


def test_dates_property_weekday_never_after_publication():
    for days in range(14):
        published = SAT + timedelta(days=days)
        for name in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"):
            m = _found(f"{name} soir", published, f"{name} soir")
            assert 0 <= (published - m.start).days <= 6
            last = _found(f"{name} dernier", published, f"{name} dernier")
            assert 1 <= (published - last.start).days <= 7
