"""Gazetteer store: GeoNames import (atomic, zip, alternate names, admin codes), the default
gazetteer, spelling variants, and the ``warlog gazetteer`` CLI."""

from __future__ import annotations

import functools
import http.server
import shutil
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.errors import GazetteerError
from warlog.resolve.gazetteer import Gazetteer, ensure_default, import_files

FIXTURES = Path(__file__).parent / "fixtures_geo"


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("places", "names", "admin1")}
    finally:
        con.close()


# -- import ---------------------------------------------------------------------------------

def test_import_country_dump(sy_db, sy_gaz):
    counts = _counts(sy_db)
    assert counts["places"] == 10566
    assert counts["admin1"] == 14
    assert counts["names"] > 20000
    hama = sy_gaz.get(170017)
    assert (hama.name, hama.country, hama.admin1, hama.feature) == ("Hama", "SY", "Hama", "P.PPL")
    # Population comes from the default store behind it (the WOF-based extract has none).
    assert hama.population > 100000
    info = sy_gaz.info()
    assert info[0]["label"] == "imported"
    assert any(s["kind"] == "geonames" and s["rows"] == 10566 for s in info[0]["sources"])


def test_import_speed_is_reported(tmp_path, shared_dir):
    report = import_files([shared_dir / "data/gazetteer/SY.txt"], tmp_path / "g.sqlite")
    assert report.rows == 10566
    assert report.rows_per_second > 1000, report.rows_per_second


def test_import_zip_with_readme(tmp_path, shared_dir):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(shared_dir / "data/gazetteer/SY.txt", "SY.txt")
        zf.writestr("readme.txt", "GeoNames readme\tnot\tdata\n")
    seen = []
    report = import_files([archive], tmp_path / "g.sqlite", progress=seen.append)
    assert report.counts["places"] == 10566
    assert seen and seen[-1].done and seen[-1].rows == 10566
    assert seen[-1].bytes_done == seen[-1].bytes_total


def test_import_allcountries_fixture_alt_names_and_admin_codes(tmp_path):
    db = tmp_path / "g.sqlite"
    report = import_files([FIXTURES / "allCountries_sample.txt",
                           FIXTURES / "alternateNamesV2_sample.txt",
                           FIXTURES / "admin1Codes_sample.txt",
                           FIXTURES / "admin2Codes_sample.txt"], db)
    kinds = [f["kind"] for f in report.files]
    assert kinds == ["geonames", "alternate_names", "admin1", "admin2"]
    g = Gazetteer.open(db, default=False)
    assert g.lookup("Artiomovsk")[0].geonames_id == 713174          # alternate name, fr
    assert g.lookup("Goma-Ville")[0].geonames_id == 216281
    goma = g.get(216281)
    assert (goma.admin1, goma.admin2) == ("Nord Kivu", "Ville de Goma")
    # a historic alternate name is not indexed
    assert all(c.matched != "Ménaka-Centre" for c in g.lookup("Ménaka-Centre"))
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM names WHERE name LIKE 'http%'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM names WHERE geonameid=99999999").fetchone()[0] == 0
    g.close()


def test_import_is_additive_unless_replace(tmp_path, shared_dir):
    db = tmp_path / "g.sqlite"
    import_files([FIXTURES / "allCountries_sample.txt"], db)
    import_files([shared_dir / "data/gazetteer/admin1CodesASCII.SY.txt"], db)
    assert _counts(db)["places"] == 11 and _counts(db)["admin1"] == 14
    import_files([FIXTURES / "admin1Codes_sample.txt"], db, replace=True)
    assert _counts(db) == {"places": 0, "names": 0, "admin1": 3}


def _truncated_copy(src: Path, dest: Path, keep_lines: int) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    half = lines[keep_lines][: len(lines[keep_lines]) // 3]
    dest.write_text("".join(lines[:keep_lines]) + half, encoding="utf-8")
    return dest


def test_truncated_file_leaves_store_intact(tmp_path, shared_dir):
    db = tmp_path / "g.sqlite"
    import_files([FIXTURES / "allCountries_sample.txt"], db)
    before = _counts(db)
    bad = _truncated_copy(shared_dir / "data/gazetteer/SY.txt", tmp_path / "SY.txt", 5000)
    with pytest.raises(GazetteerError) as exc:
        import_files([bad], db)
    message = str(exc.value)
    assert "SY.txt" in message and "line 5001" in message and "[W005]" in message
    assert _counts(db) == before
    g = Gazetteer.open(db, default=False)
    assert g.lookup("Goma")[0].geonames_id == 216281
    g.close()
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not any(t.endswith("_new") for t in tables)


def test_garbled_id_and_second_bad_file_roll_back_everything(tmp_path):
    db = tmp_path / "g.sqlite"
    import_files([FIXTURES / "admin1Codes_sample.txt"], db)
    lines = (FIXTURES / "allCountries_sample.txt").read_text(encoding="utf-8").splitlines()
    cols = lines[3].split("\t")
    cols[0] = "12ab"
    bad = tmp_path / "allCountries.txt"
    bad.write_text("\n".join(lines[:3] + ["\t".join(cols)] + lines[4:]) + "\n",
                   encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"allCountries\.txt: line 4: geonameid '12ab'"):
        # The good first file must not be kept either.
        import_files([FIXTURES / "allCountries_sample.txt", bad], db)
    assert _counts(db) == {"places": 0, "names": 0, "admin1": 3}


def test_truncated_zip_and_unknown_format(tmp_path, shared_dir):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(shared_dir / "data/gazetteer/SY.txt", "SY.txt")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(GazetteerError, match="cut.zip"):
        import_files([cut], tmp_path / "g.sqlite")
    odd = tmp_path / "countryInfo.txt"
    odd.write_text("a\tb\tc\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="3 tab-separated columns"):
        import_files([odd], tmp_path / "g.sqlite")
    with pytest.raises(GazetteerError, match="no such file"):
        import_files([tmp_path / "missing.zip"], tmp_path / "g.sqlite")


# -- default gazetteer --------------------------------------------------------------------

@pytest.mark.parametrize("name,gid", [
    ("Moscou", 524901), ("Venezuela", 3625428), ("Hama", 170017), ("Idlib", 169389),
    ("Lattaquié", 173576), ("Alep", 170063), ("Damas", 170654), ("Goma", 216281),
    ("Kidal", 2455290), ("Ménaka", 2453514), ("Bakhmout", 713174), ("Kharkiv", 706483),
    ("Syrie", 163843), ("RDC", 203312), ("Ouagadougou", 2357048),
])
def test_default_gazetteer_resolves_towns_and_countries(name, gid):
    g = Gazetteer.open()  # nothing imported in this test's user dir
    assert g.is_default
    assert g.lookup(name)[0].geonames_id == gid


def test_default_store_is_built_once_and_outside_user_dir(default_db, tmp_path):
    assert default_db.exists() and str(tmp_path) not in str(default_db)
    before = default_db.stat().st_mtime_ns
    assert ensure_default(default_db) == default_db
    assert default_db.stat().st_mtime_ns == before
    g = Gazetteer.open()
    assert g.admin_name("ML", "09") == "Gao" and g.admin_name("CD", "11") == "Nord Kivu"


# -- spelling variants ------------------------------------------------------------------------

# (spelling as found in French/English press or SY.txt alternate names, geonames id,
#  a nearby place for the ambiguous ones)
VARIANTS = [
    ("Karnaz", 167739, None), ("Kirnaz", 167739, None), ("Qurnaz", 167739, None),
    ("Kornaz", 167739, None), ("Kournaz", 167739, None), ("Kurnâz", 167739, None),
    ("Tal Melh", 163503, None), ("Tell Malah", 163503, None), ("Tal Mallah", 163503, None),
    ("Tall Malah", 163503, None), ("Tel Mallah", 163503, None),
    ("Jabine", 168940, "Hama"), ("Joubbaïne", 168940, "Hama"), ("Jubbain", 168940, "Hama"),
    ("Jubbayn", 168940, "Hama"), ("Jabine", 168941, "Idlib"),
    ("Hamamiyat", 173847, None), ("Hamamiyate", 173847, None), ("al-Hamamiyat", 173847, None),
    ("Al Hamamiyat", 173847, None), ("Hamâmiyâte", 173847, None),
    ("Jisr al-Choghour", 169023, None), ("Jisr al-Shughur", 169023, None),
    ("Djisr el Choghour", 169023, None), ("Jisr Shughur", 169023, None),
    ("Jisr ech-Choghour", 169023, None), ("Jisr ash-Shughur", 169023, None),
    ("Lattaquié", 173576, None), ("Lattaquie", 173576, None), ("Lattakia", 173576, None),
    ("Latakieh", 173576, None), ("Lattakié", 173576, None),
    ("Hamah", 170017, None), ("Hama", 170017, None), ("Ḥama", 170017, None),
    ("Idleb", 169389, None), ("Edlib", 169389, None), ("Idlib", 169389, None),
    ("Khan Cheikhoun", 168325, None), ("Khan Sheikhoun", 168325, None),
    ("Khan Sheikhun", 168325, None), ("Khan Shaykhoun", 168325, None),
    ("Saraqeb", 164816, None), ("Sarakeb", 164816, None), ("Saraqib", 164816, None),
    ("Kafranbel", 168661, None), ("Kafr Nabel", 168661, None), ("Kafr Nubl", 168661, None),
    ("Kfar Nabl", 168661, None),
    ("Ariha", 172994, None), ("Manbij", 167357, None), ("Manbidj", 167357, None),
    ("Menbij", 167357, None),
    ("Tal Abyad", 163750, None), ("Tell Abiad", 163750, None), ("Tel Abyad", 163750, None),
    ("Qamichli", 173377, None), ("Kamechlie", 173377, None), ("Qamishli", 173377, None),
    ("Al-Qamishli", 173377, None),
    ("Deir ez-Zor", 170794, None), ("Deir Ezzor", 170794, None), ("Dayr az-Zawr", 170794, None),
    ("Deir el-Zor", 170794, None), ("Deir al-Zour", 170794, None),
    ("Talbiseh", 163779, None), ("Talbissé", 163779, None), ("Talbisa", 163779, None),
    ("Douma", 170592, "Damas"), ("Harasta", 169897, None),
    ("Zabadani", 172059, None), ("al-Zabadani", 172059, None), ("Zabadane", 172059, None),
    ("Banias", 171830, "Tartous"), ("Baniyas", 171830, "Tartous"),
    ("Jableh", 169304, None), ("Djéblé", 169304, None), ("Jabla", 169304, None),
    ("Kessab", 168519, None), ("Kassab", 168519, None),
    ("Raqqa", 172955, None), ("Rakka", 172955, None), ("Racca", 172955, None),
    ("al-Raqqa", 172955, None),
    ("Afrin", 174186, None), ("Efrin", 174186, None), ("Afrine", 174186, None),
    ("Jarablus", 169179, None), ("Djarabulus", 169179, None),
    ("Morek", 166640, None), ("Mourek", 166640, None), ("Murek", 166640, None),
    ("Lataminah", 173566, None), ("Latamné", 173566, None), ("Lattamna", 173566, None),
    ("Mhardeh", 166742, None), ("Mahardeh", 166742, None), ("Mhardé", 166742, None),
    ("Halfaya", 170044, None), ("Halfaïa", 170044, None),
    ("Kafr Nabouda", 168660, None), ("Kafr Nboudé", 168660, None), ("Kfar Nabuda", 168660, None),
    ("Tal Rifaat", 163476, None), ("Tell Rifaat", 163476, None), ("Tall Rifat", 163476, None),
    ("Harem", 169866, None), ("Salqin", 164898, None), ("Salkin", 164898, None),
    ("Sarmada", 164786, None), ("Sermada", 164786, None),
    ("Binnish", 171451, None), ("Binnech", 171451, None),
    ("Taftanaz", 163799, None), ("Teftenaz", 163799, None),
    ("Alep", 170063, None), ("Halab", 170063, None), ("Damas", 170654, None),
    ("Qoussair", 165654, "Homs"), ("al-Qusayr", 165654, "Homs"),
    ("Quneitra", 173334, None), ("Kuneitra", 173334, None), ("Qouneitra", 173334, None),
    ("Soueïda", 163865, None), ("Hassaké", 173811, None), ("Hasaka", 173811, None),
]


def test_spelling_variants(sy_gaz):
    assert len(VARIANTS) >= 80
    failures = []
    for name, gid, near in VARIANTS:
        got = sy_gaz.lookup(name, country="SY", near=near, limit=3)
        top = got[0].geonames_id if got else None
        if top != gid:
            failures.append(f"{name!r} (near {near}) → {top} "
                            f"{got[0].name if got else ''}, expected {gid}")
    accuracy = 1 - len(failures) / len(VARIANTS)
    print(f"variant accuracy {accuracy:.1%} on {len(VARIANTS)} variants")
    assert accuracy >= 0.95, "\n".join(failures)


def test_lookup_near_and_country(sy_gaz):
    ranked = sy_gaz.lookup("Jubbayn", country="SY", limit=10)
    assert {c.geonames_id for c in ranked[:4]} == {168938, 168939, 168940, 168941}
    assert sy_gaz.lookup("Jabine", near="Hama", country="SY")[0].geonames_id == 168940
    assert sy_gaz.lookup("Jabine", near=(35.93, 36.63), country="SY")[0].geonames_id == 168941
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


# -- CLI ----------------------------------------------------------------------------------

@pytest.fixture
def cli():
    from warlog.cli.gazetteer import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_cli_import_lookup_info(cli, tmp_path, shared_dir):
    db = tmp_path / "cli.sqlite"
    g = shared_dir / "data/gazetteer"
    res = cli("import", str(g / "SY.txt"), str(g / "admin1CodesASCII.SY.txt"), "--db", str(db))
    assert res.exit_code == 0, res.output
    assert "rows/s" in res.output and "10,566" in res.output
    res = cli("lookup", "Jabine", "--near", "Hama", "--country", "SY", "--db", str(db))
    assert res.exit_code == 0, res.output
    assert "168940" in res.output and "Jubbayn" in res.output
    res = cli("info", "--db", str(db))
    assert res.exit_code == 0 and "places: 10,566" in res.output and "SY.txt" in res.output


def test_cli_import_failure_is_one_line(cli, tmp_path, shared_dir):
    bad = _truncated_copy(shared_dir / "data/gazetteer/SY.txt", tmp_path / "SY.txt", 10)
    res = cli("import", str(bad), "--db", str(tmp_path / "x.sqlite"))
    assert res.exit_code == 1
    assert "Traceback" not in res.output and res.exception is None or \
        isinstance(res.exception, SystemExit)
    assert "SY.txt: line 11" in res.output


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_dir(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/dump"
    server.shutdown()
    server.server_close()


def test_cli_fetch_from_local_server(cli, http_dir, tmp_path, shared_dir):
    root, base = http_dir
    (root / "dump").mkdir()
    with zipfile.ZipFile(root / "dump" / "SY.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(shared_dir / "data/gazetteer/SY.txt", "SY.txt")
    shutil.copy(shared_dir / "data/gazetteer/admin1CodesASCII.SY.txt",
                root / "dump" / "admin1CodesASCII.txt")
    db = tmp_path / "fetched.sqlite"
    res = cli("fetch", "sy", "--base-url", base, "--timeout", "10", "--db", str(db))
    assert res.exit_code == 0, res.output
    assert _counts(db)["places"] == 10566 and _counts(db)["admin1"] == 14
    res = cli("fetch", "IQ", "--base-url", base, "--timeout", "5", "--db", str(db))
    assert res.exit_code == 1 and "IQ.zip" in res.output and "Traceback" not in res.output
    assert _counts(db)["places"] == 10566
