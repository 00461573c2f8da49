"""Attributions, hedges and certainty (warlog.resolve.sources)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from warlog.errors import LexiconError
from warlog.resolve._speakers import DEFAULT_PATH as SPEAKERS_PATH
from warlog.resolve.sources import (SpeakerRegistry, certainty_for, find_attributions,
                                    find_hedges)


def span_of(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return (start, start + len(sub))


def analyse(nlp, text):
    doc = nlp(text)
    return doc, find_attributions(doc), find_hedges(doc)


def certainty(nlp, text, claim):
    _, atts, hedges = analyse(nlp, text)
    return certainty_for(span_of(text, claim), atts, hedges)


# ---------------------------------------------------------------------------- registry

def test_sources_speaker_registry_schema():
    reg = SpeakerRegistry.load()
    names = [s.name for s in reg.speakers]
    assert len(names) == len(set(names)) and len(names) >= 40
    assert {s.kind for s in reg.speakers} <= {"person", "outlet", "monitor", "institution"}
    for s in reg.speakers:
        for spelling in s.spellings:
            assert reg.lookup(spelling)[0][0].name == s.name, spelling
        for role in s.roles:
            assert reg.lookup("le " + role)[0][0].name == s.name, role


def test_sources_broken_speaker_registry_names_file_and_entry(tmp_path):
    data = yaml.safe_load(SPEAKERS_PATH.read_text())
    data["speakers"][2]["kind"] = "oracle"
    path = tmp_path / "speakers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(LexiconError) as info:
        SpeakerRegistry.load(path)
    assert str(path) in str(info.value) and data["speakers"][2]["name"] in str(info.value)


@pytest.mark.parametrize("written, name", [
    ("Kouptchichine", "Viktor Kupchishin"),
    ("le général Victor Koupchichin", "Viktor Kupchishin"),
    ("Igor Konachenkov", "Igor Konashenkov"),
    ("Konashenkov", "Igor Konashenkov"),
    ("Rami Abdel Rahmane", "Rami Abdel Rahman"),
    ("l'Observatoire syrien des droits de l'homme", "Syrian Observatory for Human Rights"),
    ("l'OSDH", "Syrian Observatory for Human Rights"),
    ("le ministère russe de la Défense", "Ministry of Defence of Russia"),
    ("le ministère de la Défense ukrainien", "Ministry of Defence of Ukraine"),
    ("l'état-major ukrainien", "General Staff of the Armed Forces of Ukraine"),
    ("l'agence officielle syrienne Sana", "SANA"),
    ("le porte-parole du Kremlin", "Dmitry Peskov"),
    ("Sergueï Choïgou", "Sergei Shoigu"),
])
def test_sources_speaker_lookup(written, name):
    from warlog.resolve.actors import ActorRegistry
    hits = SpeakerRegistry.load().lookup(written, ActorRegistry.load().nationality)
    assert hits and hits[0][0].name == name


def test_sources_speaker_lookup_ignores_a_bare_role():
    assert SpeakerRegistry.load().lookup("le chef") == []


# ---------------------------------------------------------------------------- cue types
# (text, speaker, cue, claim inside the scope, certainty of the claim)
CUES = [
    ("« Nous avons repoussé l'assaut », a indiqué le colonel Moussa Traoré.",
     "Moussa Traoré", "a indiqué", "Nous avons repoussé l'assaut", "attributed"),
    ("« Vingt assaillants ont été neutralisés », a déclaré à l'AFP un officier malien.",
     "un officier malien", "a déclaré", "Vingt assaillants ont été neutralisés", "attributed"),
    ("Le gouverneur de la région a déclaré que quatorze civils avaient été tués.",
     "Le gouverneur de la région", "a déclaré", "quatorze civils avaient été tués", "attributed"),
    ("Selon l'OSDH, au moins dix combattants ont péri dans les combats.",
     "Syrian Observatory for Human Rights", "Selon", "au moins dix combattants ont péri", "attributed"),
    ("D'après l'Observatoire syrien des droits de l'homme, les raids ont fait six morts.",
     "Syrian Observatory for Human Rights", "D'après", "les raids ont fait six morts", "attributed"),
    ("Huit soldats ont été tués dans l'embuscade, selon l'armée malienne.",
     "Military Forces of Mali", "selon", "Huit soldats ont été tués", "attributed"),
    ("Deux drones ont été abattus au-dessus de la Crimée, a rapporté l'agence TASS.",
     "TASS", "a rapporté", "Deux drones ont été abattus", "attributed"),
    ("Le ministère russe de la Défense a annoncé la prise du village de Krasnohorivka.",
     "Ministry of Defence of Russia", "a annoncé", "la prise du village", "attributed"),
    ("Igor Konachenkov a affirmé que trois chars ukrainiens avaient été détruits.",
     "Igor Konashenkov", "a affirmé", "trois chars ukrainiens", "attributed"),
    ("Les FARDC ont repris Kitshanga, indique un communiqué du porte-parole Sylvain Ekenge.",
     "Sylvain Ekenge", "indique", "Les FARDC ont repris Kitshanga", "attributed"),
    ("Le porte-parole militaire des Houthis, Yahya Saree, a affirmé : « Nous avons visé un navire. »",
     "Yahya Saree", "a affirmé", "Nous avons visé un navire", "attributed"),
    ("Selon Rami Abdel Rahmane, directeur de l'OSDH, « la ville est encerclée ».",
     "Rami Abdel Rahman", "Selon", "la ville est encerclée", "attributed"),
    ("L'agence Amaq a diffusé une vidéo montrant l'exécution de deux otages.",
     "Amaq", "a diffusé", "l'exécution de deux otages", "attributed"),
    ("Le groupe a revendiqué l'attentat dans un message publié sur Telegram.",
     "Le groupe", "a revendiqué", "l'attentat", "attributed"),
    ("Cinq policiers ont été blessés, a précisé la porte-parole de la police nigériane.",
     "la porte-parole de la police nigériane", "a précisé", "Cinq policiers ont été blessés", "attributed"),
    ("Le colonel Ibrahim Sanogo a expliqué que la piste avait été minée.",
     "Ibrahim Sanogo", "a expliqué", "la piste avait été minée", "attributed"),
    ("« L'ennemi a subi de lourdes pertes », estime le commandant de la brigade, Oleksiy Bondar.",
     "Oleksiy Bondar", "estime", "L'ennemi a subi de lourdes pertes", "attributed"),
    ("Radio Okapi a rapporté que des miliciens avaient incendié le marché de Djugu.",
     "Radio Okapi", "a rapporté", "des miliciens avaient incendié", "attributed"),
    # A second source's toll: "faire état de", "évoquer", with "de son côté", "pour sa part".
    ("Le gouverneur de la province a de son côté fait état de « plus de vingt morts ».",
     "Le gouverneur de la province", "a fait", "plus de vingt morts", "attributed"),
    ("L'Observatoire syrien des droits de l'homme évoque pour sa part sept morts.",
     "Syrian Observatory for Human Rights", "évoque", "sept morts", "attributed"),
]


@pytest.mark.parametrize("text, speaker, cue, claim, expected", CUES, ids=[c[0][:40] for c in CUES])
def test_sources_cue(nlp, text, speaker, cue, claim, expected):
    doc, atts, hedges = analyse(nlp, text)
    assert atts, text
    found, att = certainty_for(span_of(text, claim), atts, hedges)
    assert att is not None, [(a.speaker, a.scope) for a in atts]
    assert (att.speaker, att.cue, found) == (speaker, cue, expected)
    assert text[att.cue_span[0]:att.cue_span[1]].startswith((att.cue, att.speaker_text))


def test_sources_cue_span_covers_cue_and_speaker(nlp):
    text = "« Le pont a été détruit », a indiqué le général Viktor Kouptchichine."
    _, atts, _ = analyse(nlp, text)
    a = atts[0]
    assert text[a.cue_span[0]:a.cue_span[1]] == "a indiqué le général Viktor Kouptchichine"
    assert a.speaker == "Viktor Kupchishin" and a.speaker_text == "le général Viktor Kouptchichine"
    assert a.affiliation == "Russian Centre for Reconciliation of the Opposing Parties in Syria"
    assert text[a.scope[0]:a.scope[1]] == "Le pont a été détruit"


def test_sources_unknown_speaker_keeps_name_and_stated_role(nlp):
    text = ("Le porte-parole de l'armée malienne, le colonel Boubacar Diallo, a affirmé que "
            "l'attaque avait été repoussée.")
    _, atts, _ = analyse(nlp, text)
    assert (atts[0].speaker, atts[0].affiliation) == ("Boubacar Diallo", "porte-parole de l'armée malienne")


def test_sources_role_only_speaker_is_its_own_affiliation(nlp):
    text = "Le porte-parole de l'armée a indiqué que le calme était revenu."
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == "Le porte-parole de l'armée"
    assert atts[0].affiliation == "porte-parole de l'armée"


# ---------------------------------------------------------------------------- quotes

def test_sources_quote_spanning_sentences(nlp):
    text = ("« Les rebelles ont attaqué à l'aube. Ils ont été repoussés. Nous déplorons deux blessés », "
            "a déclaré le lieutenant Patrick Mbala.")
    _, atts, hedges = analyse(nlp, text)
    for claim in ("Les rebelles ont attaqué", "Ils ont été repoussés", "deux blessés"):
        c, a = certainty_for(span_of(text, claim), atts, hedges)
        assert (c, a.speaker) == ("attributed", "Patrick Mbala")


def test_sources_unclosed_quote_runs_to_end_of_paragraph(nlp):
    text = ("Selon Konachenkov, « les unités ont avancé de deux kilomètres. Trois blindés ont été "
            "détruits près de Koupiansk.\nLe président ukrainien a réuni son état-major.")
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "Trois blindés ont été détruits"), atts, hedges)
    assert (c, a.speaker) == ("attributed", "Igor Konashenkov")
    assert text[a.scope[1]:].lstrip(".").startswith("\n")
    c, a = certainty_for(span_of(text, "a réuni son état-major"), atts, hedges)
    assert c == "asserted"


def test_sources_incise_inside_quote(nlp):
    text = "« L'ennemi a fui, a ajouté le capitaine Issa Konaté, en abandonnant ses armes. »"
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "en abandonnant ses armes"), atts, hedges)
    assert (c, a.speaker) == ("attributed", "Issa Konaté")


def test_sources_bare_quote_after_a_named_speaker(nlp):
    text = ("Le ministre Abdoulaye Maïga a annoncé un couvre-feu à Gao. "
            "« Personne ne circulera après vingt heures. »")
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "Personne ne circulera"), atts, hedges)
    assert (c, a.speaker, a.cue) == ("attributed", "Abdoulaye Maiga", "« »")


def test_sources_english_quotes_are_quotes_too(nlp):
    text = "“Two villages were shelled”, a indiqué le gouverneur Oleh Syniehubov."
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == "Oleh Syniehubov"
    assert text[atts[0].scope[0]:atts[0].scope[1]] == "Two villages were shelled"


# ---------------------------------------------------------------------------- linking

def test_sources_role_links_to_registry_speaker(nlp):
    text = ("Le chef du Centre russe pour la réconciliation des parties belligérantes en Syrie a "
            "affirmé que des tirs avaient visé Alep.")
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == "Viktor Kupchishin"


def test_sources_role_links_to_speaker_named_earlier_in_text(nlp):
    text = ("Le commandant de la 3e brigade, Andriy Kovalenko, a déclaré que la ligne tenait. "
            "Le commandant de la 3e brigade a également affirmé que deux villages avaient été repris.")
    _, atts, _ = analyse(nlp, text)
    assert [a.speaker for a in atts] == ["Andriy Kovalenko", "Andriy Kovalenko"]


def test_sources_role_with_also_links_to_previous_person(nlp):
    text = ("« La route est coupée », a indiqué le colonel Amadou Sow. "
            "Le chef des opérations a également précisé que les renforts arrivaient.")
    _, atts, _ = analyse(nlp, text)
    assert atts[1].speaker == "Amadou Sow"


def test_sources_pronoun_links_to_previous_speaker(nlp):
    text = ("Le colonel Moussa Keita a confirmé l'attaque. Six assaillants ont été tués, a-t-il ajouté.")
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "Six assaillants ont été tués"), atts, hedges)
    assert (c, a.speaker) == ("attributed", "Moussa Keita")


def test_sources_transliterations_are_one_speaker(nlp):
    text = ("« La trêve est violée », a déclaré Viktor Kupchishin. "
            "Selon Kouptchichine, « les tirs continuent ».")
    _, atts, _ = analyse(nlp, text)
    assert {a.speaker for a in atts} == {"Viktor Kupchishin"}
    assert {a.speaker_text for a in atts} == {"Viktor Kupchishin", "Kouptchichine"}


def test_sources_reported_speech_continues_in_conditional(nlp):
    text = ("Le gouverneur Oleh Syniehubov a déclaré que la ville avait été bombardée. "
            "Une dizaine d'immeubles auraient été touchés. L'électricité est coupée depuis mardi.")
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "Une dizaine d'immeubles auraient été touchés"), atts, hedges)
    assert (c, a.speaker) == ("attributed", "Oleh Syniehubov")
    assert certainty_for(span_of(text, "L'électricité est coupée"), atts, hedges)[0] == "asserted"


# ---------------------------------------------------------------------------- hedges, denials

HEDGED = [
    ("Une trentaine de combattants auraient été tués dans la nuit.", "Une trentaine de combattants"),
    ("Les jihadistes seraient entrés dans la ville vers midi.", "Les jihadistes seraient entrés"),
    ("Selon des sources locales, le camp a été incendié.", "le camp a été incendié"),
    ("Selon des sources, l'émir du groupe a été tué.", "l'émir du groupe a été tué"),
    ("Il semblerait que les rebelles aient quitté Goma.", "les rebelles aient quitté Goma"),
    ("Des informations non confirmées font état d'une frappe sur Idleb.", "d'une frappe sur Idleb"),
    ("Le chef présumé de la cellule a été arrêté à Niamey.", "a été arrêté à Niamey"),
    ("Selon des témoins, des hélicoptères ont tiré sur la foule.", "des hélicoptères ont tiré"),
    ("Le bilan, qui n'a pas pu être vérifié de source indépendante, fait état de 40 morts.", "fait état de 40 morts"),
    ("Les assaillants ont apparemment utilisé des motos.", "ont apparemment utilisé des motos"),
    ("Un drone aurait frappé le dépôt, selon des médias locaux.", "Un drone aurait frappé le dépôt"),
]


@pytest.mark.parametrize("text, claim", HEDGED, ids=[h[0][:40] for h in HEDGED])
def test_sources_hedged(nlp, text, claim):
    assert certainty(nlp, text, claim)[0] == "hedged"


def test_sources_unnamed_sources_give_no_attribution(nlp):
    text = "Selon des sources d'information, dix camions ont franchi la frontière."
    _, atts, hedges = analyse(nlp, text)
    assert atts == []
    assert [(h.kind, h.form) for h in hedges] == [("hedged", "anonymous")]


def test_sources_attributed_claim_with_hedge_phrase_is_hedged(nlp):
    text = "Selon l'OSDH, des combattants non identifiés auraient été vus, une information non confirmée."
    c, a = certainty(nlp, text, "des combattants non identifiés")
    assert (c, a.speaker) == ("hedged", "Syrian Observatory for Human Rights")


def test_sources_future_in_the_past_is_not_a_hedge(nlp):
    text = "Le président a annoncé que l'armée lancerait une offensive."
    c, a = certainty(nlp, text, "l'armée lancerait une offensive")
    assert (c, a.speaker) == ("attributed", "Le président")


def test_sources_noun_ending_in_rait_is_no_conditional(nlp):
    text = "Les troupes ont fait un retrait tactique."
    assert find_hedges(nlp(text)) == []


DENIED = [
    ("Les Houthis ont affirmé avoir frappé un pétrolier. La marine américaine a démenti.",
     "avoir frappé un pétrolier", "Military Forces of United States"),
    ("L'armée malienne a été accusée d'exactions à Moura. Bamako a démenti ces accusations.",
     "d'exactions à Moura", "Bamako"),
    ("Le Kremlin dément toute implication dans l'attaque du pont.",
     "toute implication dans l'attaque", "Kremlin"),
    ("Moscou nie avoir visé des civils à Kharkiv.",
     "avoir visé des civils", "Moscou"),
    ("Le ministère rwandais de la Défense a démenti avoir déployé des troupes en RDC.",
     "avoir déployé des troupes", "Ministry of Defence of Rwanda"),
    ("Aucun civil n'a été tué, a démenti le porte-parole de l'armée congolaise.",
     "Aucun civil n'a été tué", "Sylvain Ekenge"),
]


@pytest.mark.parametrize("text, claim, speaker", DENIED, ids=[d[0][:40] for d in DENIED])
def test_sources_denied(nlp, text, claim, speaker):
    c, a = certainty(nlp, text, claim)
    assert c == "denied"
    assert a is not None and a.speaker == speaker and a.certainty == "denied"


ASSERTED = [
    "L'armée syrienne a repris la localité de Kafr Nabudah mardi.",
    "Trois soldats ont été tués dans l'explosion d'une mine près de Tessit.",
    "Des frappes aériennes ont visé Marib dans la nuit de lundi à mardi.",
    "La ville de Bunagana est tombée aux mains des rebelles.",
]


@pytest.mark.parametrize("text", ASSERTED, ids=[a[:40] for a in ASSERTED])
def test_sources_asserted(nlp, text):
    c, a = certainty(nlp, text, text[:-1])
    assert (c, a) == ("asserted", None)


def test_sources_attributions_are_in_text_order_with_valid_spans(nlp):
    text = ("Selon l'OSDH, six civils sont morts. « Nous avons frappé des terroristes », a déclaré "
            "Igor Konachenkov. Kiev a démenti ces informations.")
    _, atts, hedges = analyse(nlp, text)
    assert [a.cue_span for a in atts] == sorted(a.cue_span for a in atts)
    for a in atts:
        assert 0 <= a.scope[0] < a.scope[1] <= len(text)
        assert text[a.cue_span[0]:a.cue_span[1]].strip() == text[a.cue_span[0]:a.cue_span[1]]
    for h in hedges:
        assert 0 <= h.span[0] < h.span[1] <= len(text)


# ---------------------------------------------------------------------------- gold sample

def test_sources_gold_sample_speakers_resolve(nlp, shared_dir: Path):
    gold = json.loads((shared_dir / "samples" / "hama-2019-06.gold.json").read_text())
    text = (shared_dir / "samples" / "hama-2019-06.txt").read_text()
    doc = nlp(text)
    atts = find_attributions(doc)
    hedges = find_hedges(doc)
    by_text = {}
    for a in atts:
        by_text.setdefault(a.speaker, []).append(a.speaker_text)
    for entity in gold["entities"]["speakers"]:
        assert entity["name"] in by_text, (entity["name"], list(by_text))
        for written in entity["text"]:
            assert any(written in t for t in by_text[entity["name"]]), (written, by_text[entity["name"]])
        hit = next(a for a in atts if a.speaker == entity["name"])
        assert hit.affiliation == entity["affiliation"]
    # Gold events whose certainty is "attributed" to a named source get that source.
    for event in gold["events"]:
        if event.get("certainty") == ["attributed"] and event.get("sources") and event["id"] != "E2":
            c, a = certainty_for(tuple(event["anchor"]), atts, hedges)
            assert (c, a.speaker) == ("attributed", event["sources"][0]), event["id"]
        if event.get("certainty") == ["asserted"]:
            assert certainty_for(tuple(event["anchor"]), atts, hedges)[0] == "asserted", event["id"]


# ---------------------------------------------------------------------------- speaker phrases

SPEAKER_PHRASES = [
    # A date inside an inverted subject is no part of the speaker.
    ("Quatre villages ont été incendiés près de Bunia, ont affirmé samedi soir des chefs coutumiers.",
     "des chefs coutumiers"),
    ("Deux camions-citernes ont explosé à Tillabéri, a rapporté hier un élu local.",
     "un élu local"),
    # Nor is the channel the statement went out through.
    ("Le convoi a sauté sur une mine, a déclaré la police dans un message publié sur X.",
     "la police"),
    ("Trois ponts ont été détruits, a précisé l'armée ukrainienne sur Telegram.",
     "l'armée ukrainienne"),
    # A participial apposition is no part of the subject; a registered actor resolves.
    ("Les Forces armées soudanaises, soutenues par des milices locales, ont affirmé avoir repris Wad Madani.",
     "Les Forces armées soudanaises"),
    ("Les FARDC, épaulées par des miliciens, ont déclaré que le village était sous contrôle.",
     "Les FARDC"),
    # Nor how the speaker was reached.
    ("« Les assaillants sont arrivés à moto », a raconté un habitant joint par téléphone.",
     "un habitant"),
    ("« Les combats ont duré toute la nuit », a déclaré un responsable local s'exprimant sous couvert d'anonymat.",
     "un responsable local"),
]


def test_sources_role_apposition_yields_the_named_person(nlp):
    # A first name close to a registered surname is no match: only the last word is a surname.
    text = ("Un officier de police, Abdirahman Nur, a déclaré que les assaillants avaient "
            "été repoussés.")
    _, atts, _ = analyse(nlp, text)
    assert [(a.speaker, a.affiliation) for a in atts] == [("Abdirahman Nur", "officier de police")]


@pytest.mark.parametrize("text, written", SPEAKER_PHRASES, ids=[s[0][:40] for s in SPEAKER_PHRASES])
def test_sources_speaker_phrase_keeps_only_the_speaker(nlp, text, written):
    _, atts, _ = analyse(nlp, text)
    assert [a.speaker_text for a in atts] == [written]


def test_sources_apposed_subject_resolves_through_actor_registry(nlp):
    text = "Les FARDC, épaulées par des miliciens, ont déclaré que le village était sous contrôle."
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == "Military Forces of Democratic Republic of Congo"


def test_sources_selon_an_expression_is_no_source(nlp):
    text = ("Les combattants du Jama'at Nusrat al-Islam wal-Muslimin (JNIM, selon son sigle arabe) "
            "ont attaqué Djibo.")
    _, atts, hedges = analyse(nlp, text)
    assert atts == [] and hedges == []


def test_sources_relative_pronoun_speaks_for_its_antecedent(nlp):
    text = ("Des familles ont fui vers Beni, selon des notables locaux, qui ont dénoncé "
            "l'absence de l'armée.")
    _, atts, hedges = analyse(nlp, text)
    assert [a.speaker for a in atts] == ["des notables locaux", "des notables locaux"]
    c, a = certainty_for(span_of(text, "l'absence de l'armée"), atts, hedges)
    assert (c, a.speaker) == ("attributed", "des notables locaux")


def test_sources_same_source_points_back_to_named_source(nlp):
    text = ("Selon l'OSDH, trente soldats ont été tués à Deraa. Selon la même source, "
            "deux chars ont été détruits.")
    _, atts, hedges = analyse(nlp, text)
    c, a = certainty_for(span_of(text, "deux chars ont été détruits"), atts, hedges)
    assert (c, a.speaker, a.speaker_text) == ("attributed", "Syrian Observatory for Human Rights",
                                              "la même source")
    text = ("Un officier malien a indiqué que le poste avait été attaqué à l'aube. "
            "La même source a ajouté que douze assaillants avaient été tués.")
    _, atts, _ = analyse(nlp, text)
    assert [a.speaker for a in atts] == ["Un officier malien", "Un officier malien"]


def test_sources_same_source_after_unnamed_source_stays_unnamed(nlp):
    text = ("Selon une source sécuritaire, le camp a été visé par des drones. "
            "La source a précisé que deux gardes avaient été blessés.")
    _, atts, hedges = analyse(nlp, text)
    assert atts == []
    c, _ = certainty_for(span_of(text, "deux gardes avaient été blessés"), atts, hedges)
    assert c == "hedged"


# ---------------------------------------------------------------------------- roles and countries

def test_sources_apposed_name_outranks_registry_role(nlp):
    text = ("Dix jihadistes ont été tués dans l'État de Borno, a indiqué le porte-parole du "
            "ministère de la Défense, le général Edward Buba.")
    _, atts, _ = analyse(nlp, text)
    assert (atts[0].speaker, atts[0].affiliation) == ("Edward Buba",
                                                      "porte-parole du ministère de la Défense")


@pytest.mark.parametrize("text, speaker", [
    # The role names no country and the report is about another one: keep it as written.
    ("Au Nigeria, le porte-parole du ministère de la Défense a déclaré que les troupes avaient "
     "repris Gwoza. Le Nigeria reste frappé par les attaques.",
     "le porte-parole du ministère de la Défense"),
    ("Le porte-parole du ministère de la Défense a déclaré que les troupes avaient repris Gwoza.",
     "Le porte-parole du ministère de la Défense"),
    # The report is about Russia: the registered Russian spokesman.
    ("En Russie, le porte-parole du ministère de la Défense a déclaré que dix drones avaient été "
     "abattus au-dessus de Belgorod. La Russie accuse Kiev.",
     "Igor Konashenkov"),
    # The role itself names the country.
    ("Le porte-parole du ministère russe de la Défense a affirmé que dix drones avaient été abattus.",
     "Igor Konashenkov"),
])
def test_sources_role_links_only_within_its_country(nlp, text, speaker):
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == speaker


def test_sources_role_of_another_country_is_not_a_registered_person():
    from warlog.resolve.actors import ActorRegistry
    actors = ActorRegistry.load()
    reg = SpeakerRegistry.load()
    hits = reg.lookup("le porte-parole de l'armée burkinabè", actors.nationality,
                      place=actors.country)
    assert all(sp.kind != "person" for sp, _ in hits)
    assert reg.lookup("le porte-parole du ministère de la Défense", actors.nationality,
                      country="Nigeria", place=actors.country) == []


# ---------------------------------------------------------------------------- national bodies

@pytest.mark.parametrize("text, speaker", [
    ("Au Burkina Faso, l'état-major a annoncé la neutralisation de cinquante terroristes. "
     "Le Burkina Faso est confronté à des attaques.", "Military Forces of Burkina Faso"),
    ("Au Mali, les militaires ont affirmé que la base de Léré avait été attaquée.",
     "Military Forces of Mali"),
    # No country named: the phrase as written.
    ("L'armée a annoncé avoir repoussé une attaque.", "L'armée"),
])
def test_sources_bare_national_body_resolves_to_country_forces(nlp, text, speaker):
    _, atts, _ = analyse(nlp, text)
    assert atts[0].speaker == speaker


def test_sources_country_argument_decides_bare_body(nlp):
    doc = nlp("L'armée a annoncé avoir repoussé une attaque près de la frontière.")
    assert find_attributions(doc, country="Niger")[0].speaker == "Military Forces of Niger"
    assert find_attributions(doc)[0].speaker == "L'armée"
