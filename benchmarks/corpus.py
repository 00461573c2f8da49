"""A generated French conflict-news corpus for benchmarks (no press text is copied).

Reports are built from sentence templates in the registers of wires, state agencies and local
papers, filled with actors, places, figures and dates drawn from a seeded random generator,
so every run measures the same text.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

ARMED = ["les jihadistes du JNIM", "des combattants de l'État islamique", "les rebelles du M23",
         "des miliciens CODECO", "les combattants de Hayat Tahrir al-Cham",
         "des hommes armés non identifiés", "les terroristes de l'EIGS", "les rebelles ADF",
         "les forces houthies", "des insurgés"]
STATE = ["l'armée malienne", "les Forces armées de la RDC", "l'armée syrienne",
         "les forces ukrainiennes", "l'armée burkinabè", "les forces gouvernementales",
         "l'armée nigérienne", "l'armée russe"]
PLACES = ["Gao", "Tombouctou", "Mopti", "Goma", "Bunia", "Beni", "Idlib", "Alep", "Hama",
          "Kharkiv", "Bakhmout", "Djibo", "Ouahigouya", "Niamey", "Maradi", "Marib", "Hodeida",
          "Rutshuru", "Kidal", "Ménaka"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
NUMBERS = ["trois", "cinq", "sept", "douze", "une vingtaine de", "une dizaine de", "au moins 14",
           "plus de 30", "environ 50", "des dizaines de", "deux", "quatre"]
SPEAKERS = ["a indiqué un porte-parole de l'armée", "a déclaré le gouverneur de la région",
            "selon une source sécuritaire", "a rapporté l'Observatoire syrien des droits de l'homme",
            "a affirmé un responsable local sous couvert d'anonymat"]

TEMPLATES = [
    "{Armed} ont attaqué {weekday} soir une position de {state} près de {place}, tuant {num} "
    "soldats, {speaker}.",
    "Des affrontements ont opposé {armed} à {state} le {day} {month} aux abords de {place}.",
    "{State} a repoussé une offensive {armed_de} dans la région de {place}, {speaker}. "
    "{Num} assaillants ont été tués et {num2} blessés.",
    "Une frappe de drone a visé {weekday} un convoi {armed_de} au nord de {place}, faisant "
    "{num} morts.",
    "« Nous avons détruit {num} véhicules et saisi des armes », {speaker}, ajoutant que "
    "{num2} combattants avaient été neutralisés.",
    "Un engin explosif improvisé a explosé au passage d'une patrouille de {state} entre {place} "
    "et {place2}, hier matin.",
    "Des manifestants se sont rassemblés samedi à {place} pour dénoncer l'insécurité; la "
    "police a dispersé la foule à coups de gaz lacrymogène.",
    "{Armed} ont enlevé {num} civils dans un village proche de {place} dans la nuit de samedi "
    "à dimanche, selon des sources locales.",
    "Les bombardements se poursuivent sur {place} depuis le début du mois, et les habitants "
    "fuient vers {place2}.",
    "Les analystes estiment que {armed} pourraient lancer une nouvelle offensive contre {place}.",
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _de(phrase: str) -> str:
    for det, rep in (("les ", "des "), ("des ", "de "), ("l'", "de l'")):
        if phrase.startswith(det):
            return rep + phrase[len(det):]
    return "de " + phrase


def report(rng: random.Random) -> tuple[str, date]:
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(2500))
    sentences = []
    for _ in range(rng.randint(6, 14)):
        armed, state = rng.choice(ARMED), rng.choice(STATE)
        place, place2 = rng.sample(PLACES, 2)
        num, num2 = rng.choice(NUMBERS), rng.choice(NUMBERS)
        sentences.append(rng.choice(TEMPLATES).format(
            armed=armed, Armed=_cap(armed), armed_de=_de(armed), state=state, State=_cap(state),
            place=place, place2=place2, num=num, Num=_cap(num), num2=num2,
            weekday=rng.choice(WEEKDAYS), day=rng.randint(1, 28), month=MONTHS[published.month - 1],
            speaker=rng.choice(SPEAKERS)))
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "\n".join(paragraphs), published


def corpus(min_words: int, seed: int = 7) -> list[tuple[str, date]]:
    rng = random.Random(seed)
    docs, words = [], 0
    while words < min_words:
        text, published = report(rng)
        docs.append((text, published))
        words += len(text.split())
    return docs
