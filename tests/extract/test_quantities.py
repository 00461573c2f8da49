"""Quantities and counts in French conflict reporting.

Sentences are written for these tests in the styles of wire services, state agencies and
local papers covering Syria, the Sahel, DR Congo, Ukraine and Yemen.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.errors import LexiconError
from warlog.extract._counts_lexicon import LEXICON_PATH, load_lexicon, parse_lexicon
from warlog.extract.quantities import CountMention, Quantity, find_counts, parse_quantities

# -- parse_quantities ------------------------------------------------------------------------

NUMBER_CASES = [
    # digits and words
    ("Les rebelles affirment contrôler 5 villages du Nord-Kivu.", [(5, "exact", "5")]),
    ("Cinq obus sont tombés sur le marché de Donetsk.", [(5, "exact", "Cinq")]),
    ("Trente mille réfugiés ont franchi la frontière tchadienne.",
     [(30000, "exact", "Trente mille")]),
    ("Ils étaient 30 000 à défiler dans les rues de Bamako.", [(30000, "exact", "30 000")]),
    ("Au moins 12\u202f500 soldats ont été engagés.",
     [(12500, "at_least", "Au moins 12\u202f500")]),
    ("Un convoi de 1\u00a0200 camions attendait au poste frontière.",
     [(1200, "exact", "1\u00a0200")]),
    ("L'agence évoque 1.200 combattants étrangers.", [(1200, "exact", "1.200")]),
    ("Le HCR recense 2,5 millions de déplacés.", [(2500000, "exact", "2,5 millions")]),
    ("Près de 1,5 million de personnes ont besoin d'aide.",
     [(1500000, "about", "Près de 1,5 million")]),
    ("Vingt-deux soldats manquent à l'appel.", [(22, "exact", "Vingt-deux")]),
    ("Deux cent cinquante familles ont quitté Kidal.", [(250, "exact", "Deux cent cinquante")]),
    ("On dénombre soixante-et-onze victimes.", [(71, "exact", "soixante-et-onze")]),
    ("Un million de personnes sont menacées par la famine.",
     [(1000000, "exact", "Un million")]),
    ("Trente 4x4 ont été vus près de Gao.", [(30, "exact", "Trente")]),
    # approximation nouns
    ("Une centaine de rebelles ont été aperçus.", [(100, "about", "Une centaine")]),
    ("Une soixantaine de blindés ont franchi le fleuve.", [(60, "about", "Une soixantaine")]),
    ("Une dizaine de maisons ont brûlé.", [(10, "about", "Une dizaine")]),
    ("Une vingtaine de véhicules formaient la colonne.", [(20, "about", "Une vingtaine")]),
    ("Des dizaines de familles ont été évacuées.", [(12, "about", "Des dizaines")]),
    ("Des centaines de villageois ont fui.", [(100, "about", "Des centaines")]),
    ("Des milliers de manifestants ont convergé vers la place.",
     [(1000, "about", "Des milliers")]),
    ("Plusieurs dizaines de combattants ont été signalés.",
     [(12, "about", "Plusieurs dizaines")]),
    ("Plus d'une centaine de civils ont été tués.", [(100, "more_than", "Plus d'une centaine")]),
    ("Des dizaines de milliers de personnes ont fui.",
     [(12000, "about", "Des dizaines de milliers")]),
    ("Deux centaines de combattants ont rejoint le front.",
     [(200, "about", "Deux centaines")]),
    # qualifiers
    ("Environ 80 combattants ont attaqué.", [(80, "about", "Environ 80")]),
    ("Près de 200 soldats ont été déployés.", [(200, "about", "Près de 200")]),
    ("Quelque 400 policiers ont été mobilisés.", [(400, "about", "Quelque 400")]),
    ("Au minimum 15 personnes ont été tuées.", [(15, "at_least", "Au minimum 15")]),
    ("Pas moins de 300 assaillants étaient à moto.", [(300, "at_least", "Pas moins de 300")]),
    ("Plus de 120 terroristes ont été liquidés.", [(120, "more_than", "Plus de 120")]),
    ("Au-delà de 1 000 combattants ont été mobilisés.",
     [(1000, "more_than", "Au-delà de 1 000")]),
    ("Au plus 200 hommes tenaient la ville.", [(200, "at_most", "Au plus 200")]),
    ("Au maximum 50 soldats étaient présents.", [(50, "at_most", "Au maximum 50")]),
    ("Jusqu'à 3 000 hommes pourraient être engagés.", [(3000, "at_most", "Jusqu'à 3 000")]),
    ("Moins de 50 militaires gardaient la base.", [(50, "less_than", "Moins de 50")]),
    ("Moins d'une dizaine de blessés ont été évacués.",
     [(10, "less_than", "Moins d'une dizaine")]),
    ("Entre 20 et 30 assaillants ont pris part au raid.",
     [(20, "at_least", "Entre 20 et 30")]),
    ("Trois ou quatre drones ont survolé la base.", [(3, "at_least", "Trois ou quatre")]),
    # not quantities
    ("Les combats font rage depuis 2011 et ont repris en 2019.", []),
    ("Le 6 juin, puis les 7 et 8 juillet, l'armée a avancé.", []),
    ("L'attaque a eu lieu vers 14h, puis à 16 h 30 et à 18:45.", []),
    ("C'est la 3e attaque du mois et le 1er raid depuis la deuxième trêve.", []),
    ("Des Su-22M4 et des mortiers HY-12, copie du MO-120-RT, ont été vus.", []),
    ("Les obus de 120 mm et de 155 mm ont frappé à 10 km de la ville.", []),
    ("Le chômage touche 15 % des jeunes, soit vingt pour cent de plus.", []),
    ("Le pays a reçu 2 millions de dollars et 500 000 francs CFA d'aide.", []),
    ("La résolution 2254 et la brigade 93 sont citées ; le M23 et les T-72 aussi.", []),
    ("Un responsable a déclaré qu'une enquête était ouverte.", []),
]


@pytest.mark.parametrize("text,expected", NUMBER_CASES, ids=[c[0][:40] for c in NUMBER_CASES])
def test_parse_quantities(text, expected):
    found = parse_quantities(text)
    assert [(q.value, q.qualifier, q.text) for q in found] == expected
    for q in found:
        assert text[q.span[0]:q.span[1]] == q.text


def test_parse_quantities_offset():
    (q,) = parse_quantities("environ 80 combattants", offset=100)
    assert q == Quantity(80, "about", (100, 110), "environ 80")


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999),
       sep=st.sampled_from([" ", "\u00a0", "\u202f", "."]),
       qual=st.sampled_from([("", "exact"), ("au moins ", "at_least"), ("plus de ", "more_than"),
                             ("environ ", "about"), ("moins de ", "less_than")]))
def test_digits_with_thousands_separators_round_trip(n, sep, qual):
    digits = f"{n:,}".replace(",", sep)
    text = f"Selon l'ONU, {qual[0]}{digits} civils ont fui la région."
    (q,) = parse_quantities(text)
    assert (q.value, q.qualifier) == (n, qual[1])
    assert q.text == f"{qual[0]}{digits}"


# -- find_counts -----------------------------------------------------------------------------

# (sentence, [(category, value, qualifier, kind, outcome, text), ...]) — the full list.
COUNT_CASES = [
    # killed — AFP, Sahel
    ("Au moins 27 soldats ont été tués lundi dans une attaque jihadiste contre un camp de "
     "l'armée à Inata, a annoncé le gouvernement.",
     [("killed", 27, "at_least", "soldiers", None, "Au moins 27 soldats")]),
    ("Dix-sept civils ont péri dans l'explosion sur l'axe Djibo-Ouagadougou.",
     [("killed", 17, "exact", "civilians", None, "Dix-sept civils")]),
    ("L'armée malienne dit avoir neutralisé une trentaine de terroristes dans le centre.",
     [("killed", 30, "about", "fighters", None, "une trentaine de terroristes")]),
    ("Selon une source sécuritaire, 12 gendarmes ont perdu la vie dans l'embuscade.",
     [("killed", 12, "exact", "police", None, "12 gendarmes")]),
    ("Le bilan de l'attaque est de 35 morts, dont 31 femmes.",
     [("killed", 35, "exact", None, None, "35 morts"),
      ("killed", 31, "exact", "civilians", None, "31 femmes")]),
    # killed — DR Congo, Syria, Yemen
    ("Les ADF ont massacré au moins 40 villageois dans le territoire de Beni.",
     [("killed", 40, "at_least", "civilians", None, "au moins 40 villageois")]),
    ("Deux enfants ont trouvé la mort dans un bombardement sur Idlib.",
     [("killed", 2, "exact", "civilians", None, "Deux enfants")]),
    ("La frappe aérienne a coûté la vie à neuf civils, dont trois enfants.",
     [("killed", 9, "exact", "civilians", None, "neuf civils"),
      ("killed", 3, "exact", "civilians", None, "trois enfants")]),
    ("Les unités de l'armée ont éliminé des dizaines de terroristes près de Deraa, selon SANA.",
     [("killed", 12, "about", "fighters", None, "des dizaines de terroristes")]),
    ("Au moins 60 rebelles houthis ont été tués en 24 heures dans les combats autour de Marib.",
     [("killed", 60, "at_least", "fighters", None, "Au moins 60 rebelles houthis")]),
    ("Les corps de 14 pêcheurs ont été retrouvés sur les rives du lac Édouard.",
     [("killed", 14, "exact", "civilians", None, "14 pêcheurs")]),
    ("Parmi les victimes, 12 ont succombé à leurs blessures à l'hôpital de Mopti.",
     [("killed", 12, "exact", None, None, "12")]),
    ("Le bilan s'élève à 14 tués selon la mairie de Kharkiv.",
     [("killed", 14, "exact", None, None, "14 tués")]),
    ("Un soldat a été tué lors d'une embuscade près de Ménaka.",
     [("killed", 1, "exact", "soldiers", None, "Un soldat")]),
    ("On compte plus de 100 victimes mortelles après le massacre de Solhan.",
     [("killed", 100, "more_than", None, None, "plus de 100 victimes mortelles")]),
    ("Quatre militaires sont morts dans l'explosion d'une mine artisanale.",
     [("killed", 4, "exact", "soldiers", None, "Quatre militaires")]),
    ("Trois soldats tués et deux autres portés disparus : c'est le bilan de l'accrochage.",
     [("killed", 3, "exact", "soldiers", None, "Trois soldats")]),
    # wounded kept apart from killed
    ("L'attaque a fait trois morts et douze blessés à Kharkiv.",
     [("killed", 3, "exact", None, None, "trois morts"),
      ("wounded", 12, "exact", None, None, "douze blessés")]),
    ("L'explosion a fait au moins vingt morts et une trentaine de blessés sur le marché.",
     [("killed", 20, "at_least", None, None, "au moins vingt morts"),
      ("wounded", 30, "about", None, None, "une trentaine de blessés")]),
    ("Quatre policiers ont été blessés par balle lors de la manifestation.",
     [("wounded", 4, "exact", "police", None, "Quatre policiers")]),
    ("Plusieurs dizaines de manifestants ont été blessés à Conakry.",
     [("wounded", 12, "about", "protesters", None, "Plusieurs dizaines de manifestants")]),
    ("Deux soldats ont été tués et trois autres blessés dans l'attaque.",
     [("killed", 2, "exact", "soldiers", None, "Deux soldats"),
      ("wounded", 3, "exact", None, None, "trois autres blessés")]),
    ("Cinq casques bleus ont été tués et quatre autres grièvement blessés au Mali.",
     [("killed", 5, "exact", "soldiers", None, "Cinq casques bleus"),
      ("wounded", 4, "exact", None, None, "quatre autres grièvement blessés")]),
    ("Un missile a tué quatre civils et blessé onze autres personnes à Odessa.",
     [("materiel", 1, "exact", "ammunition", "used", "Un missile"),
      ("killed", 4, "exact", "civilians", None, "quatre civils"),
      ("wounded", 11, "exact", None, None, "onze autres personnes")]),
    # abducted / arrested / displaced
    ("Des hommes armés ont enlevé une cinquantaine de femmes près d'Arbinda.",
     [("abducted", 50, "about", "civilians", None, "une cinquantaine de femmes")]),
    ("Onze personnes ont été enlevées mardi sur la route de Kidal.",
     [("abducted", 11, "exact", None, None, "Onze personnes")]),
    ("Près de 300 passagers ont été pris en otage par les rebelles.",
     [("abducted", 300, "about", "civilians", None, "Près de 300 passagers")]),
    ("La police a arrêté 45 manifestants à Goma.",
     [("arrested", 45, "exact", "protesters", None, "45 manifestants")]),
    ("Plus d'une centaine de manifestants ont été interpellés à Dakar.",
     [("arrested", 100, "more_than", "protesters", None,
       "Plus d'une centaine de manifestants")]),
    ("Les soldats ont tué 15 assaillants et arrêté six suspects.",
     [("killed", 15, "exact", "fighters", None, "15 assaillants"),
      ("arrested", 6, "exact", None, None, "six suspects")]),
    ("Des dizaines de milliers de personnes ont fui les combats autour de Sake.",
     [("displaced", 12000, "about", None, None, "Des dizaines de milliers de personnes")]),
    ("Selon l'OCHA, 2,5 millions de personnes sont déplacées dans l'est du pays.",
     [("displaced", 2500000, "exact", None, None, "2,5 millions de personnes")]),
    ("Le conflit a fait plus de 6 000 déplacés dans la région de Ségou.",
     [("displaced", 6000, "more_than", None, None, "plus de 6 000 déplacés")]),
    # participants
    ("Près de 300 jihadistes ont attaqué le camp militaire de Boulkessi à l'aube.",
     [("participants", 300, "about", "fighters", None, "Près de 300 jihadistes")]),
    ("Quelque 2 000 manifestants ont marché samedi sur le siège de la Monusco.",
     [("participants", 2000, "about", "protesters", None, "Quelque 2 000 manifestants")]),
    ("Des milliers de personnes ont manifesté à Niamey contre la présence française.",
     [("participants", 1000, "about", "protesters", None, "Des milliers de personnes")]),
    ("Des centaines de combattants de l'EI ont pris d'assaut la prison de Hassaké.",
     [("participants", 100, "about", "fighters", None, "Des centaines de combattants")]),
    ("Plus de 200 assaillants ont tué 14 soldats dans le nord du Burkina Faso.",
     [("participants", 200, "more_than", "fighters", None, "Plus de 200 assaillants"),
      ("killed", 14, "exact", "soldiers", None, "14 soldats")]),
    ("Huit soldats ont été tués par une centaine de jihadistes venus à moto.",
     [("killed", 8, "exact", "soldiers", None, "Huit soldats"),
      ("participants", 100, "about", "fighters", None, "une centaine de jihadistes")]),
    ("Kiev a déployé jusqu'à 3 000 militaires supplémentaires dans la région.",
     [("participants", 3000, "at_most", "soldiers", None, "jusqu'à 3 000 militaires")]),
    ("Environ 80 combattants et sept camionnettes ont participé au raid contre Tessit.",
     [("participants", 80, "about", "fighters", None, "Environ 80 combattants"),
      ("materiel", 7, "exact", "pickup", "used", "sept camionnettes")]),
    ("Environ 25 000 hommes armés seraient encore retranchés dans la province.",
     [("participants", 25000, "about", "fighters", None, "Environ 25 000 hommes armés")]),
    ("Au moins 1 500 policiers ont été mobilisés pour encadrer la marche.",
     [("participants", 1500, "at_least", "police", None, "Au moins 1 500 policiers")]),
    # materiel and its outcome
    ("Les forces loyalistes ont tué plus de 80 rebelles et détruit quatre chars, deux "
     "véhicules de combat d'infanterie et un lance-roquettes multiple.",
     [("killed", 80, "more_than", "fighters", None, "plus de 80 rebelles"),
      ("materiel", 4, "exact", "tank", "destroyed", "quatre chars"),
      ("materiel", 2, "exact", "ifv", "destroyed", "deux véhicules de combat d'infanterie"),
      ("materiel", 1, "exact", "mrl", "destroyed", "un lance-roquettes multiple")]),
    ("Les forces armées ukrainiennes ont abattu 14 drones et deux hélicoptères Ka-52.",
     [("materiel", 14, "exact", "drone", "destroyed", "14 drones"),
      ("materiel", 2, "exact", "helicopter", "destroyed", "deux hélicoptères")]),
    ("Trois chars russes ont été détruits près de Bakhmout.",
     [("materiel", 3, "exact", "tank", "destroyed", "Trois chars")]),
    ("Un char a été endommagé par un drone près de Robotyne.",
     [("materiel", 1, "exact", "tank", "damaged", "Un char"),
      ("materiel", 1, "exact", "drone", "used", "un drone")]),
    ("Les troupes ont saisi deux véhicules blindés de transport de troupes.",
     [("materiel", 2, "exact", "apc", "captured",
       "deux véhicules blindés de transport de troupes")]),
    ("Les rebelles se sont emparés de trois camions de l'armée.",
     [("materiel", 3, "exact", "truck", "captured", "trois camions")]),
    ("Deux pièces d'artillerie ont été capturées par les FARDC.",
     [("materiel", 2, "exact", "artillery", "captured", "Deux pièces d'artillerie")]),
    ("Un bombardier Su-24 a été abattu au-dessus de la Crimée.",
     [("materiel", 1, "exact", "aircraft", "destroyed", "Un bombardier")]),
    ("L'offensive a été menée avec le soutien de six hélicoptères de combat.",
     [("materiel", 6, "exact", "helicopter", "used", "six hélicoptères de combat")]),
    ("Les assaillants, soutenus par des blindés, ont pris la localité.",
     [("materiel", None, None, "armoured_vehicle", "used", "blindés")]),
    ("Les Houthis ont lancé une vingtaine de drones contre Marib.",
     [("materiel", 20, "about", "drone", "used",
       "une vingtaine de drones")]),
    ("Les insurgés ont incendié trois camions-citernes sur la route de Gao.",
     [("materiel", 3, "exact", "truck", "destroyed", "trois camions-citernes")]),
    ("L'attaque a été repoussée avec l'appui de chars et de pick-up.",
     [("materiel", None, None, "tank", "used", "chars"),
      ("materiel", None, None, "pickup", "used", "pick-up")]),
    ("Deux obus de mortier et un mortier ont été récupérés par les soldats.",
     [("materiel", 2, "exact", "ammunition", "captured", "Deux obus de mortier"),
      ("materiel", 1, "exact", "mortar", "captured", "un mortier")]),
    ("La marine a détruit deux navires et une vedette rapide en mer Rouge.",
     [("materiel", 2, "exact", "ship", "destroyed", "deux navires"),
      ("materiel", 1, "exact", "ship", "destroyed", "une vedette rapide")]),
    # more styles: partitives, subsets, demonyms, verbs outranking nouns
    ("Trois des assaillants ont été abattus par les forces spéciales.",
     [("killed", 3, "exact", "fighters", None, "Trois des assaillants")]),
    ("Le groupe armé a exécuté sommairement onze otages, parmi lesquels deux humanitaires.",
     [("killed", 11, "exact", None, None, "onze otages"),
      ("killed", 2, "exact", "civilians", None, "deux humanitaires")]),
    ("Selon le HCR, près de 4 millions d'Ukrainiens ont fui à l'étranger.",
     [("displaced", 4000000, "about", None, None, "près de 4 millions d'Ukrainiens")]),
    ("Les frappes ont fait au moins 11 morts, dont un enfant de 4 ans, et 64 blessés.",
     [("killed", 11, "at_least", None, None, "au moins 11 morts"),
      ("killed", 1, "exact", "civilians", None, "un enfant"),
      ("wounded", 64, "exact", None, None, "64 blessés")]),
    ("Le 6 juin, les 2 000 habitants du village ont été évacués vers Bunia.",
     [("displaced", 2000, "exact", "civilians", None, "2 000 habitants")]),
    # a second participle hung on the first one's object keeps its own nouns
    ("Un obus est tombé mardi sur un marché, tuant deux civils et en blessant cinq autres.",
     [("materiel", 1, "exact", "ammunition", "used", "Un obus"),
      ("killed", 2, "exact", "civilians", None, "deux civils"),
      ("wounded", 5, "exact", None, None, "cinq autres")]),
    # nothing counted
    ("Depuis 2011, le conflit a fait rage dans les quatre provinces.", []),
    ("Le 6 juin, la brigade 93 a quitté ses positions.", []),
    ("Un responsable local a déclaré que la situation était calme.", []),
    ("Un soldat a déclaré à l'AFP que la ville était tombée.", []),
    ("Les deux parties ont signé un accord à Doha pour 18 mois.", []),
]


def _row(m: CountMention):
    return (m.category, m.value, m.qualifier, m.kind, m.outcome, m.text)


@pytest.mark.parametrize("text,expected", COUNT_CASES, ids=[c[0][:40] for c in COUNT_CASES])
def test_find_counts(nlp, text, expected):
    doc = nlp(text)
    found = find_counts(doc)
    assert [_row(m) for m in found] == expected
    for m in found:
        assert doc.text[m.span[0]:m.span[1]] == m.text
        assert m.span[0] <= m.head_span[0] < m.head_span[1] <= m.span[1]


def test_coordination_carries_the_verb(nlp):
    doc = nlp("Les forces gouvernementales ont liquidé plus de 150 terroristes et détruit six "
              "chars, quatre véhicules de combat d'infanterie et un système de roquettes "
              "multiples, a indiqué le porte-parole.")
    found = find_counts(doc)
    assert [(m.category, m.value, m.kind, m.outcome, m.verb) for m in found] == [
        ("killed", 150, "fighters", None, "liquider"),
        ("materiel", 6, "tank", "destroyed", "détruire"),
        ("materiel", 4, "ifv", "destroyed", "détruire"),
        ("materiel", 1, "mrl", "destroyed", "détruire"),
    ]
    killed = found[0]
    assert killed.head == "terroriste"
    assert doc.text[slice(*killed.head_span)] == "terroristes"


def test_offsets_in_a_longer_document(nlp):
    text = ("Goma, 3 mars (AFP) — La situation reste tendue.\n\n"
            "Selon la société civile, au moins 18 civils ont été tués et 40 autres blessés.")
    doc = nlp(text)
    found = find_counts(doc)
    assert [(m.category, m.value, m.text) for m in found] == [
        ("killed", 18, "au moins 18 civils"), ("wounded", 40, "40 autres blessés")]
    for m in found:
        assert text[m.span[0]:m.span[1]] == m.text


# -- the lexicon -----------------------------------------------------------------------------

def _raw():
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


def test_lexicon_loads_once():
    assert load_lexicon() is load_lexicon()


def test_lexicon_schema():
    data = _raw()
    lex = parse_lexicon(data)
    assert lex.approximations["soixantaine"] == (60, 120)
    assert lex.qualifiers["au moins"] == "at_least"
    assert {"killed", "wounded", "participants"} <= lex.verbs.keys()
    assert lex.examples, "the lexicon should carry example sentences"


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("qualifiers"),
    lambda d: d.__setitem__("version", 2),
    lambda d: d["qualifiers"].__setitem__("roughly", ["grosso modo"]),
    lambda d: d["materiel"].append({"kind": "spaceship", "nouns": ["fusée"]}),
    lambda d: d["categories"].__setitem__("maimed", {"nouns": ["mutilé"]}),
    lambda d: d["approximations"].__setitem__("dizaine", {"value": "dix"}),
    lambda d: d["categories"]["killed"]["phrases"].append({"verb": "perdre"}),
    lambda d: d["people"][0].__setitem__("nouns", "terroriste"),
    lambda d: d["categories"]["killed"].__setitem__("examples", [["Trois morts.", "killed 3"]]),
])
def test_lexicon_schema_errors(breakage):
    data = copy.deepcopy(_raw())
    breakage(data)
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data)
    assert info.value.code == "W003"
    assert "counts.yaml" in str(info.value)


def _expectation(exp: str):
    parts = [None if p == "-" else p for p in exp.split()]
    cat, value, qual, kind = parts[:4]
    outcome = parts[4] if len(parts) > 4 else None
    return cat, int(value) if value else None, qual, kind, outcome


EXAMPLES = load_lexicon().examples


@pytest.mark.parametrize("sentence,expectations,where", EXAMPLES,
                         ids=[f"{w}:{s[:30]}" for s, _, w in EXAMPLES])
def test_lexicon_examples(nlp, sentence, expectations, where):
    found = [(m.category, m.value, m.qualifier, m.kind, m.outcome)
             for m in find_counts(nlp(sentence))]
    for exp in expectations:
        assert _expectation(exp) in found, f"{where}: {exp!r} not in {found}"
