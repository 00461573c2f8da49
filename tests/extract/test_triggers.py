"""Trigger matching and the context that cancels triggers (warlog.extract.triggers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.errors import LexiconError
from warlog.extract.triggers import Trigger, find_triggers, load_lexicon
from warlog.schema import EVENT_TYPES

LEXICON = load_lexicon()

# (sentence, trigger words, sub_event_type, status): sentences written for these tests in the
# styles of wires, state agencies and local papers from several conflicts.
CASES = [
    # --- AFP-style wires, Sahel
    ("Des jihadistes présumés ont attaqué dimanche un poste militaire à Tessit, dans le nord-est du Mali.", "attaqué", "armed_clash", "event"),
    ("Au moins quinze soldats ont été tués mardi dans une embuscade tendue par des hommes armés près de Djibo.", "embuscade", "armed_clash", "event"),
    ("Un convoi de l'armée a sauté sur un engin explosif improvisé jeudi entre Gao et Ansongo.", "engin explosif improvisé", "remote_explosive_landmine_ied", "event"),
    ("Des hommes armés ont enlevé samedi soir un prêtre et deux fidèles dans la région de Ségou.", "enlevé", "abduction_forced_disappearance", "event"),
    ("Les assaillants ont incendié une vingtaine de cases lundi à Solhan avant de se retirer.", "incendié", "looting_property_destruction", "event"),
    ("Les jihadistes se sont emparés mercredi de la localité de Boni après de brefs combats.", "emparés", "non_state_actor_overtakes_territory", "event"),
    ("L'armée burkinabè a repris le contrôle de Djibo vendredi, selon une source sécuritaire.", "repris le contrôle", "government_regains_territory", "event"),
    ("Un kamikaze s'est fait exploser lundi à l'entrée d'un camp militaire de Tillabéri.", "fait exploser", "suicide_bomb", "event"),
    ("Les jihadistes menacent de lancer une attaque contre Tombouctou.", "attaque", "armed_clash", "hypothetical"),
    ("Les groupes armés sont présents dans la zone des trois frontières depuis des années et y mènent des attaques.", "attaques", "armed_clash", "background"),
    ("Le groupe est l'une des principales organisations qui attaquent les convois dans la région.", "attaquent", "armed_clash", "background"),
    ("L'armée malienne n'a pas combattu à Kidal, a démenti le porte-parole.", "combattu", "armed_clash", "negated"),
    ("Aucun affrontement n'a été signalé dans la nuit de vendredi à samedi dans le cercle de Bandiagara.", "affrontement", "armed_clash", "negated"),
    ("Les villageois ont été massacrés dans la nuit de dimanche à Ogossagou.", "massacrés", "attack", "event"),
    # --- DR Congo / Great Lakes local press
    ("Les rebelles du M23 ont pris le contrôle de Bunagana lundi, ont affirmé des habitants.", "pris le contrôle", "non_state_actor_overtakes_territory", "event"),
    ("Les FARDC ont repoussé mardi une incursion des ADF à Mbau, en territoire de Beni.", "repoussé", "armed_clash", "event"),
    ("De violents affrontements ont opposé jeudi les FARDC aux miliciens Codeco en Ituri.", "affrontements", "armed_clash", "event"),
    ("Des miliciens ont tué sept civils hier à Djugu à coups de machettes.", "tué sept civils", "attack", "event"),
    ("Une vingtaine de femmes ont été violées samedi par des hommes en uniforme à Minova.", "violées", "sexual_violence", "event"),
    ("Un présumé voleur a été lynché dimanche par une foule en colère à Butembo.", "lynché", "mob_violence", "event"),
    ("La police a dispersé jeudi à coups de gaz lacrymogène une marche de l'opposition à Kinshasa.", "dispersé", "protest_with_intervention", "event"),
    ("Les policiers ont tiré à balles réelles sur la foule vendredi à Goma, tuant deux manifestants.", "tiré à balles réelles", "excessive_force_against_protesters", "event"),
    ("La société civile appelle à manifester mardi prochain contre l'insécurité à Beni.", "manifester", "peaceful_protest", "hypothetical"),
    ("Les miliciens ont pillé lundi le centre de santé de Rutshuru.", "pillé", "looting_property_destruction", "event"),
    ("Les ADF sèment la terreur dans la région et massacrent régulièrement des villageois.", "massacrent", "attack", "background"),
    # --- SANA / TASS style state agencies
    ("Les unités de l'armée ont éliminé mercredi une vingtaine de terroristes près de Khan Cheikhoun.", "éliminé", "armed_clash", "event"),
    ("Les forces gouvernementales ont reconquis samedi la localité de Kafr Nabouda.", "reconquis", "government_regains_territory", "event"),
    ("La défense antiaérienne syrienne a intercepté dans la nuit de lundi des missiles tirés depuis le Golan.", "intercepté", "disrupted_weapons_use", "event"),
    ("Des groupes terroristes ont bombardé vendredi au mortier des quartiers résidentiels de Mhardeh.", "bombardé", "shelling_artillery_missile_attack", "event"),
    ("L'aviation russe a bombardé jeudi des positions des terroristes dans le sud d'Idlib.", "bombardé", "air_drone_strike", "event"),
    ("Le ministre syrien a évoqué les frappes aériennes israéliennes avec son homologue iranien.", "frappes aériennes", "air_drone_strike", "diplomacy"),
    ("Le président russe a discuté d'un éventuel cessez-le-feu avec son homologue turc lors du sommet.", "cessez-le-feu", "agreement", "hypothetical"),
    ("Les terroristes n'ont lancé aucune offensive dans la zone de désescalade, selon le Centre russe pour la réconciliation.", "offensive", "armed_clash", "negated"),
    ("Selon un analyste militaire, l'armée pourrait lancer une offensive d'envergure sur Idlib.", "offensive", "armed_clash", "hypothetical"),
    ("Les analystes craignent une reprise des combats dans la province.", "combats", "armed_clash", "commentary"),
    ("Moscou dénonce les bombardements de la coalition.", "bombardements", "shelling_artillery_missile_attack", "commentary"),
    ("Les rebelles se battent depuis 2012 contre les forces gouvernementales dans cette province.", "battent", "armed_clash", "background"),
    ("Le groupe terroriste est positionné dans le nord de la province, où il mène des attaques.", "attaques", "armed_clash", "background"),
    # --- Ukraine
    ("Des frappes de missiles russes ont touché dans la nuit de mardi des infrastructures énergétiques à Kharkiv.", "frappes", "shelling_artillery_missile_attack", "event"),
    ("Une frappe de drone a tué deux civils hier à Kherson, selon le gouverneur régional.", "frappe de drone", "air_drone_strike", "event"),
    ("L'armée ukrainienne a pilonné samedi les positions russes près de Bakhmout.", "pilonné", "shelling_artillery_missile_attack", "event"),
    ("Des tirs d'artillerie ont visé le centre de Donetsk dimanche matin.", "tirs d'artillerie", "shelling_artillery_missile_attack", "event"),
    ("Les forces russes se sont retirées vendredi de la rive droite du Dniepr.", "retirées", "change_to_group_activity", "event"),
    ("Kiev prévoit une contre-offensive au printemps.", "contre-offensive", "armed_clash", "hypothetical"),
    ("Les troupes russes attaqueront Avdiïvka dans les prochains jours, estime l'état-major ukrainien.", "attaqueront", "armed_clash", "hypothetical"),
    ("La Russie a démenti toute frappe contre des civils à Kramatorsk.", "frappe", "air_drone_strike", "negated"),
    ("Les forces ukrainiennes ont abattu dimanche quinze drones au-dessus de la région d'Odessa.", "abattu dimanche quinze drones", "disrupted_weapons_use", "event"),
    ("Une attaque de drone a visé lundi une raffinerie de Novorossiïsk.", "attaque de drone", "air_drone_strike", "event"),
    ("Si les bombardements continuent, la centrale pourrait être endommagée, s'inquiète l'AIEA.", "bombardements", "shelling_artillery_missile_attack", "hypothetical"),
    ("Un obus est tombé mercredi sur un marché de Horlivka.", "obus", "shelling_artillery_missile_attack", "event"),
    # --- Yemen / Middle East
    ("Les houthis ont tiré jeudi des missiles balistiques sur la ville saoudienne de Jizan.", "tiré jeudi des missiles", "shelling_artillery_missile_attack", "event"),
    ("Des frappes aériennes de la coalition ont fait au moins dix morts samedi à Saada.", "frappes aériennes", "air_drone_strike", "event"),
    ("Les deux camps se sont affrontés hier aux abords de Marib.", "affrontés", "armed_clash", "event"),
    ("Une voiture piégée a explosé dimanche près d'un barrage à Aden.", "voiture piégée", "remote_explosive_landmine_ied", "event"),
    ("Un attentat-suicide a frappé vendredi une mosquée chiite de Kandahar.", "attentat-suicide", "suicide_bomb", "event"),
    ("Les belligérants ont signé lundi un accord de cessez-le-feu sous l'égide de l'ONU.", "accord de cessez-le-feu", "agreement", "event"),
    ("Lors du sommet, les parties ont conclu mardi un accord sur l'échange de prisonniers.", "conclu", "agreement", "event"),
    ("Un homme a lancé une grenade samedi dans un marché de Bujumbura, blessant douze personnes.", "grenade", "grenade", "event"),
    ("Une attaque chimique a visé le 7 avril un quartier de Douma.", "attaque chimique", "chemical_weapon", "event"),
    ("La police a arrêté mercredi cinq militants accusés de préparer un attentat.", "arrêté", "arrests", "event"),
    ("La police a arrêté mercredi cinq militants accusés de préparer un attentat.", "attentat", "remote_explosive_landmine_ied", "hypothetical"),
    ("La police a déjoué mardi un attentat visant une église de Lahore.", "déjoué", "disrupted_weapons_use", "event"),
    ("La police a déjoué mardi un attentat visant une église de Lahore.", "attentat", "remote_explosive_landmine_ied", "negated"),
    ("Des émeutiers ont saccagé jeudi des bâtiments publics à Kasserine.", "émeutiers", "violent_demonstration", "event"),
    ("Des milliers de personnes ont manifesté vendredi à Alger contre le pouvoir.", "manifesté", "peaceful_protest", "event"),
    ("Les rebelles auraient attaqué un poste de police lundi, selon des sources locales.", "attaqué", "armed_clash", "event"),
    ("Le mouvement a établi une base arrière dans la montagne en mars.", "établi une base", "headquarters_or_base_established", "event"),
    ("Les démineurs ont désamorcé vendredi une mine artisanale sur la route de Douentza.", "désamorcé", "disrupted_weapons_use", "event"),
    ("Le chef de la diplomatie a aussi abordé la question des enlèvements lors de son entretien avec son homologue.", "enlèvements", "abduction_forced_disappearance", "diplomacy"),
    ("Le Premier ministre s'est entretenu avec son homologue de la coopération contre les attaques jihadistes.", "attaques", "armed_clash", "diplomacy"),
    ("Les experts jugent inquiétante la multiplication des enlèvements au Sahel.", "enlèvements", "abduction_forced_disappearance", "commentary"),
    ("L'ONU s'inquiète d'une possible offensive sur Hodeïda.", "offensive", "armed_clash", "hypothetical"),
    ("L'Union africaine condamne l'attaque contre les casques bleus.", "attaque", "armed_clash", "commentary"),
    ("L'armée ne prévoit pas de retrait de la ville.", "retrait", "change_to_group_activity", "negated"),
    ("Les manifestants doivent se rassembler samedi devant le parlement.", "rassembler", "peaceful_protest", "hypothetical"),
    ("Les soldats se sont repliés jeudi sur Sévaré sans combattre.", "repliés", "change_to_group_activity", "event"),
    ("Les soldats se sont repliés jeudi sur Sévaré sans combattre.", "combattre", "armed_clash", "negated"),
    ("Les frappes n'ont fait aucune victime mardi, selon l'armée.", "frappes", "air_drone_strike", "event"),
    ("Les rebelles n'ont pas attaqué Goma mais ont bombardé mardi ses faubourgs.", "attaqué", "armed_clash", "negated"),
    ("Les rebelles n'ont pas attaqué Goma mais ont bombardé mardi ses faubourgs.", "bombardé", "shelling_artillery_missile_attack", "event"),
    ("Les miliciens, qui avaient attaqué le village lundi, pourraient lancer une nouvelle offensive.", "attaqué", "armed_clash", "event"),
    ("Les miliciens, qui avaient attaqué le village lundi, pourraient lancer une nouvelle offensive.", "offensive", "armed_clash", "hypothetical"),
    ("Les combats ont repris mercredi à Khartoum alors que les négociations se poursuivent à Djeddah.", "combats", "armed_clash", "event"),
    ("Les jihadistes ont enlevé dimanche trois humanitaires, qui risquent d'être exécutés.", "enlevé", "abduction_forced_disappearance", "event"),
    ("Les jihadistes ont enlevé dimanche trois humanitaires, qui risquent d'être exécutés.", "exécutés", "attack", "hypothetical"),
    ("Des émeutes ont éclaté lundi soir à Nouakchott après la mort d'un jeune en garde à vue.", "émeutes", "violent_demonstration", "event"),
    ("Le groupe mène des attaques contre les forces de sécurité.", "attaques", "armed_clash", "background"),
    ("Mardi, des hommes armés attaquent un convoi humanitaire près de Mopti.", "attaquent", "armed_clash", "event"),
    ("Selon des témoins, des inconnus ont kidnappé lundi un commerçant à Kidal.", "kidnappé", "abduction_forced_disappearance", "event"),
    # --- cumulative tolls since a date and habitual adjectives are background
    ("Depuis le 3 mai, les affrontements entre l'armée et les rebelles ont fait plus de 50 morts dans la province.", "affrontements", "armed_clash", "background"),
    ("Depuis le 1er mars, les frappes aériennes ont tué plus de 200 civils selon l'ONU.", "frappes aériennes", "air_drone_strike", "background"),
    ("Les bombardements quotidiens de l'artillerie ont fait des dizaines de victimes parmi les civils.", "bombardements", "shelling_artillery_missile_attack", "background"),
    ("Les rebelles ont attaqué mardi un poste militaire après des échanges de tirs réguliers.", "échanges de tirs", "armed_clash", "background"),
    ("Les rebelles ont attaqué mardi un poste militaire après des échanges de tirs réguliers.", "attaqué", "armed_clash", "event"),
    # --- the weapon named sets the sub-type
    ("Les rebelles ont mené lundi une attaque aux roquettes contre l'aéroport de Goma.", "attaque", "shelling_artillery_missile_attack", "event"),
    ("Des bombes larguées par des avions ont frappé mardi le marché de la ville.", "bombes larguées", "air_drone_strike", "event"),
    ("Les manifestants ont érigé des barricades mardi dans le centre de Conakry.", "barricades", "violent_demonstration", "event"),
    # --- stated readiness and proposals are intent
    ("Le chef rebelle s'est dit prêt à un cessez-le-feu avec le gouvernement.", "cessez-le-feu", "agreement", "hypothetical"),
    ("Le gouvernement s'est dit disposé à signer un accord de paix avec les insurgés.", "signer un accord", "agreement", "hypothetical"),
    ("Le président se dit favorable à une trêve humanitaire dans la région.", "trêve", "agreement", "hypothetical"),
    ("La Russie a proposé mardi un cessez-le-feu de trois jours à Marioupol.", "cessez-le-feu", "agreement", "hypothetical"),
]


def _find(nlp, text: str, words: str) -> list[Trigger]:
    triggers = find_triggers(nlp(text))
    words = words.lower()
    return [t for t in triggers if words in t.text.lower() or t.text.lower() in words]


@pytest.mark.parametrize(("text", "words", "sub_event_type", "status"), CASES,
                         ids=[f"{i:02d}-{c[1]}-{c[3]}" for i, c in enumerate(CASES)])
def test_triggers_sentence(nlp, text, words, sub_event_type, status):
    found = _find(nlp, text, words)
    got = [(t.text, t.sub_event_type, t.status, t.reason) for t in found]
    assert any(t.sub_event_type == sub_event_type and t.status == status for t in found), got
    for t in found:
        assert t.sub_event_type in EVENT_TYPES[t.event_type]


def test_triggers_cases_cover_every_status():
    assert {c[3] for c in CASES} >= {"event", "negated", "hypothetical", "background",
                                      "commentary", "diplomacy"}


def test_triggers_two_statuses_in_one_sentence(nlp):
    doc = nlp("Les miliciens, qui avaient attaqué le village lundi, pourraient lancer "
              "une nouvelle offensive.")
    statuses = {t.text: t.status for t in find_triggers(doc)}
    assert statuses == {"attaqué": "event", "offensive": "hypothetical"}


def test_triggers_reason_names_the_cue(nlp):
    (t,) = find_triggers(nlp("Les rebelles se battent depuis 2012 dans cette province."))
    assert (t.status, t.reason) == ("background", "depuis 2012")
    (t,) = find_triggers(nlp("L'armée pourrait lancer une offensive."))
    assert (t.status, t.reason) == ("hypothetical", "pourrait")
    (t,) = find_triggers(nlp("Les rebelles ont attaqué mardi la ville."))
    assert t.reason is None


def test_triggers_longest_match_wins(nlp):
    triggers = find_triggers(nlp("Des frappes aériennes ont visé Saada jeudi."))
    assert [(t.text, t.lemma, t.sub_event_type) for t in triggers] == [
        ("frappes aériennes", "frappe aérienne", "air_drone_strike")]


def test_triggers_offsets_and_order(nlp):
    doc = nlp("Lundi, les rebelles ont attaqué Goma. Mardi, des frappes de drone ont visé "
              "Rutshuru et une manifestation a été dispersée par la police.")
    triggers = find_triggers(doc)
    assert [t.span for t in triggers] == sorted(t.span for t in triggers)
    assert len({t.sentence for t in triggers}) == 2
    for t in triggers:
        assert doc.text[t.span[0]:t.span[1]] == t.text
        assert t.sentence[0] <= t.span[0] < t.span[1] <= t.sentence[1]
        assert t.span[0] <= doc[t.token_i].idx < t.span[1]
        assert 0 < t.weight <= 1
    assert next(t for t in triggers if t.lemma == "attaquer").weight == 1.0
    assert next(t for t in triggers if t.lemma == "manifestation").weight < 1.0


def test_triggers_reflexive_phrase_needs_the_clitic(nlp):
    assert find_triggers(nlp("Il a battu le record mardi.")) == []
    (t,) = find_triggers(nlp("Ils se sont violemment battus mardi à Aden."))
    assert t.lemma == "se battre"


def test_triggers_state_hint_kept_in_lexicon(nlp):
    (t,) = find_triggers(nlp("L'armée a repris le contrôle de la localité lundi."))
    entry = LEXICON.by_key[t.lemma]
    assert (t.sub_event_type, entry.needs_actor, entry.otherwise) == (
        "government_regains_territory", "state", "non_state_actor_overtakes_territory")


# ------------------------------------------------------------------ the lexicon as data

def test_lexicon_types_are_acled_types():
    assert LEXICON.entries
    for entry in LEXICON.entries:
        assert entry.sub_event_type in EVENT_TYPES[entry.event_type], entry.key
        assert entry.otherwise is None or entry.otherwise in EVENT_TYPES[entry.event_type]
        for r in entry.refine:
            assert r.sub_event_type in EVENT_TYPES[r.event_type], entry.key
        assert 1 <= len(entry.examples) <= 3, entry.key


def test_lexicon_covers_every_event_type():
    assert {e.event_type for e in LEXICON.entries} == set(EVENT_TYPES)


EXAMPLES = [(e.key, i, x) for e in LEXICON.entries for i, x in enumerate(e.examples)]


@pytest.mark.parametrize(("key", "i", "example"), EXAMPLES,
                         ids=[f"{k}-{i}" for k, i, _ in EXAMPLES])
def test_lexicon_example(nlp, key, i, example):
    entry = LEXICON.by_key[key]
    triggers = find_triggers(nlp(example.text))
    mine = [t for t in triggers if t.lemma == key]
    if not example.match:
        assert mine == [], triggers
        return
    sub = example.sub_event_type or entry.sub_event_type
    assert any(t.sub_event_type == sub and t.status == example.status for t in mine), triggers


def test_lexicon_is_cached():
    assert load_lexicon() is LEXICON
    assert load_lexicon(LEXICON.path) is LEXICON


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "triggers.yaml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_ENTRY = """
  - key: razzia
    phrases: [razzia]
    event_type: strategic_developments
    sub_event_type: looting_property_destruction
    examples:
      - text: "Une razzia a visé mardi le marché de Gao."
"""
CONTEXT = """
context:
  negated: {scope: clause, cues: [pas]}
"""


def test_lexicon_custom_file_is_used(nlp, tmp_path):
    lex = load_lexicon(_write(tmp_path, "triggers:" + GOOD_ENTRY + CONTEXT))
    (t,) = find_triggers(nlp("Une razzia a visé mardi le marché de Gao."), lex)
    assert (t.lemma, t.status) == ("razzia", "event")
    (t,) = find_triggers(nlp("Les bandits n'ont pas mené de razzia."), lex)
    assert t.status == "negated"


@pytest.mark.parametrize(("body", "message"), [
    ("triggers: [", "not valid YAML"),
    ("- a\n- b\n", "top level must be a mapping"),
    ("triggers:" + GOOD_ENTRY.replace("looting_property_destruction", "looting") + CONTEXT,
     "trigger 'razzia': sub_event_type 'looting'"),
    ("triggers:" + GOOD_ENTRY.replace("strategic_developments", "strategy") + CONTEXT,
     "trigger 'razzia': unknown event_type 'strategy'"),
    ("triggers:" + GOOD_ENTRY.split("    examples:")[0] + CONTEXT,
     "trigger 'razzia': 'examples' must list 1 to 3"),
    ("triggers:" + GOOD_ENTRY.replace("phrases:", "phrase:") + CONTEXT,
     "trigger 'razzia': unknown fields ['phrase']"),
    ("triggers:" + GOOD_ENTRY + GOOD_ENTRY + CONTEXT, "trigger 'razzia': duplicate key"),
    ("triggers:" + GOOD_ENTRY + "context:\n  negated: {scope: nearby, cues: [pas]}\n",
     "context.negated: 'scope' must be one of"),
    ("triggers:" + GOOD_ENTRY + "context:\n  negated: {cues: [{cue: pas, pattern: []}]}\n",
     "context.negated cue #1: give exactly one of"),
])
def test_lexicon_errors_name_file_and_entry(tmp_path, body, message):
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert info.value.code == "W003"


def test_lexicon_missing_file_names_it(tmp_path):
    with pytest.raises(LexiconError, match="missing.yaml"):
        load_lexicon(tmp_path / "missing.yaml")


# ------------------------------------------------------------- against a gold report

def test_triggers_respect_gold_absent_spans(nlp, shared_dir):
    """No trigger inside a gold `absent` span is an event; every required gold anchor has one
    (optional events may be generic mentions, which are background)."""
    report = shared_dir / "samples" / "hama-2019-06.txt"
    gold = json.loads(report.with_suffix(".gold.json").read_text(encoding="utf-8"))
    triggers = find_triggers(nlp(report.read_text(encoding="utf-8")))
    for a in gold["absent"]:
        start, end = a["span"]
        inside = [t for t in triggers if start <= t.span[0] and t.span[1] <= end]
        assert all(t.status != "event" for t in inside), (a["why"], inside)
    for event in (e for e in gold["events"] if e["required"]):
        start, end = event["anchor"]
        assert any(t.status == "event" and t.span[0] < end and start < t.span[1]
                   for t in triggers), event["id"]
