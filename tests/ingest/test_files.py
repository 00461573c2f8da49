"""Reading report files: encodings, HTML, sidecars, folders, and every way a file can be bad."""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warlog.ingest
from warlog.errors import InputError, MetadataError, WarlogError
from warlog.ingest import RawDocument, document_id, iter_input_paths, read_document

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
DEPECHE = (DATA / "depeche.txt").read_text(encoding="utf-8")
# latin-1 has no œ, em dash or curly quotes; a latin-1 file cannot contain them.
DEPECHE_LATIN1 = DEPECHE.replace("œ", "oe").replace("—", "-").replace("’", "'")


def assert_clean_error(exc: WarlogError, path: Path) -> None:
    message = str(exc)
    assert "\n" not in message
    assert str(path) in message
    assert message.endswith(f"[{exc.code}]")


def read_error(path: Path, error: type[WarlogError] = InputError, **kwargs) -> str:
    with pytest.raises(error) as info:
        read_document(path, **kwargs)
    assert type(info.value) is error
    assert_clean_error(info.value, path)
    return str(info.value)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_ingest_all_is_pinned():
    assert sorted(warlog.ingest.__all__) == sorted(
        ["RawDocument", "document_id", "iter_input_paths", "read_document"])


# --- text encodings -------------------------------------------------------------------------

def test_files_reads_utf8_fixture():
    doc = read_document(DATA / "depeche.txt")
    assert isinstance(doc, RawDocument)
    assert doc.text == DEPECHE
    assert doc.encoding is None and doc.warnings == ()
    assert doc.path == str(DATA / "depeche.txt")
    assert doc.title is doc.published is doc.language is None
    for ch in "éàœ«»À":
        assert ch in doc.text


def test_files_strips_utf8_bom(tmp_path):
    doc = read_document(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + DEPECHE.encode()))
    # Offsets must not count the BOM: the text starts at the report's first letter.
    assert doc.text == DEPECHE
    assert doc.encoding is None


@pytest.mark.parametrize("encoding,text,label", [
    ("cp1252", DEPECHE, "cp1252"),
    ("latin-1", DEPECHE_LATIN1, "latin-1"),
])
def test_files_decodes_legacy_french_with_warning(tmp_path, encoding, text, label):
    doc = read_document(write(tmp_path, f"{label}.txt", text.encode(encoding)))
    assert doc.text == text
    assert doc.encoding == label
    assert doc.warnings == (f"decoded as {label} (not UTF-8)",)


def test_files_decodes_short_cp1252_line(tmp_path):
    # charset-normalizer alone calls this cp1006 (Urdu); warlog expects French first.
    doc = read_document(write(tmp_path, "court.txt", "Été à Alep.".encode("cp1252")))
    assert doc.text == "Été à Alep."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_files_decodes_utf16_and_utf32_with_bom(tmp_path, codec):
    data = DEPECHE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read_document(write(tmp_path, "u.txt", data))
    assert doc.text == DEPECHE
    assert doc.encoding.startswith(codec[:6])


def test_files_decodes_utf16_without_bom_with_warning(tmp_path):
    doc = read_document(write(tmp_path, "u16.txt", DEPECHE.encode("utf-16-le")))
    assert doc.text == DEPECHE
    assert "no byte-order mark" in doc.warnings[0]


def test_files_keeps_crlf_so_offsets_match_the_file(tmp_path):
    text = DEPECHE.replace("\n", "\r\n")
    doc = read_document(write(tmp_path, "crlf.txt", text.encode()))
    assert doc.text == text


def test_files_replaces_a_stray_invalid_utf8_byte_with_warning(tmp_path):
    data = DEPECHE.encode()
    cut = data.index(b"Le c")
    doc = read_document(write(tmp_path, "stray.txt", data[:cut] + b"\xff" + data[cut:]))
    assert doc.text == DEPECHE[: DEPECHE.index("Le c")] + "\ufffd" + DEPECHE[DEPECHE.index("Le c"):]
    assert doc.encoding is None
    assert doc.warnings == (
        f"1 invalid UTF-8 sequence(s) replaced with U+FFFD (first at byte {cut})",)


def test_files_rejects_invalid_utf8_garbage(tmp_path):
    rng = random.Random(1)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    assert "binary or undecodable" in read_error(write(tmp_path, "garbage.txt", garbage))


# --- empty, binary, too large ---------------------------------------------------------------

@pytest.mark.parametrize("data,expected", [
    (b"", "empty file [W001]"),
    (b"  \n\t\r\n  ", "empty file (whitespace only)"),
    (b"\xef\xbb\xbf \n", "empty file (whitespace only)"),
    (" \n".encode("utf-16"), "empty file (whitespace only)"),
])
def test_files_rejects_empty(tmp_path, data, expected):
    assert expected in read_error(write(tmp_path, "vide.txt", data))


@pytest.mark.parametrize("name,data,why", [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG image"),
    ("rapport.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    ("bruit.txt", random.Random(0).randbytes(5000), "binary or undecodable"),
    ("bruit.dat", random.Random(0).randbytes(5000).replace(b"\x00", b"\x01"),
     "binary or undecodable"),
    ("controle.txt", b"abc\x01\x02\x03\x04\x05\x06\x07\x08 def" * 50, "control characters"),
])
def test_files_rejects_binary(tmp_path, name, data, why):
    message = read_error(write(tmp_path, name, data))
    assert "binary or undecodable" in message and why in message


def test_files_rejects_50_mb_file_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as fh:  # sparse: instant, takes no disk
        fh.truncate(50_000_000)

    def no_open(*args, **kwargs):
        raise AssertionError("a too-large file must be rejected before it is opened")

    monkeypatch.setattr(Path, "open", no_open)
    assert "too large (50.0 MB > 20.0 MB limit)" in read_error(path)


def test_files_honours_small_max_bytes(tmp_path):
    path = write(tmp_path, "depeche.txt", DEPECHE.encode())
    size = len(DEPECHE.encode())
    assert f"too large ({size} bytes > 100 bytes limit)" in read_error(path, max_bytes=100)
    assert read_document(path, max_bytes=len(DEPECHE.encode())).text == DEPECHE


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "absent.txt",
    lambda tmp: tmp,
])
def test_files_rejects_missing_file_and_folder(tmp_path, make):
    read_error(make(tmp_path))


def test_files_unknown_suffix_read_as_text(tmp_path):
    assert read_document(write(tmp_path, "depeche.wire", DEPECHE.encode())).text == DEPECHE
    assert "binary or undecodable" in read_error(write(tmp_path, "x.bin", bytes(range(256))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".xyz"]))
def test_files_never_raise_another_exception_type(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"f{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except InputError as exc:
            assert_clean_error(exc, path)
        else:
            assert doc.text.strip()


# --- HTML -----------------------------------------------------------------------------------

def test_files_html_main_text_and_metadata():
    doc = read_document(DATA / "article.html")
    assert doc.title == "Frappes près d'Idleb : six civils tués"
    assert doc.published == date(2020, 2, 14)
    assert doc.url == "https://veilleur.example/monde/frappes-idleb"
    assert doc.outlet == "Le Veilleur du Levant"
    assert doc.language == "fr"
    assert "Six civils, dont deux enfants, ont été tués jeudi soir" in doc.text
    assert "« Les avions sont revenus deux fois en moins d'une heure »" in doc.text
    for junk in ("SCRIPT-A", "SCRIPT-B", "display: none", "Accueil", "tous droits réservés"):
        assert junk not in doc.text
    assert "<p>" not in doc.text


def test_files_html_without_body_is_an_error():
    assert "HTML has no main text" in read_error(DATA / "sans-corps.html")


def test_files_html_sniffed_without_suffix(tmp_path):
    path = tmp_path / "article.php"
    shutil.copy(DATA / "article.html", path)
    assert read_document(path).title == "Frappes près d'Idleb : six civils tués"


def test_files_html_in_cp1252_uses_declared_charset(tmp_path):
    html = (DATA / "article.html").read_text(encoding="utf-8").replace(
        'charset="utf-8"', 'charset="windows-1252"')
    doc = read_document(write(tmp_path, "a.html", html.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert "périphérie" in doc.text


# --- sidecar metadata -----------------------------------------------------------------------

def test_files_sidecar_overrides_html_metadata(tmp_path):
    shutil.copy(DATA / "article.html", tmp_path / "article.html")
    (tmp_path / "article.meta.json").write_text(
        '{"outlet": "Veilleur (édition papier)", "published": "2020-02-15", "url": null,'
        ' "language": "fr"}', encoding="utf-8")
    doc = read_document(tmp_path / "article.html")
    assert doc.outlet == "Veilleur (édition papier)"
    assert doc.published == date(2020, 2, 15)
    # null in the sidecar means "not known": the page's own URL stays.
    assert doc.url == "https://veilleur.example/monde/frappes-idleb"
    assert doc.title == "Frappes près d'Idleb : six civils tués"


@pytest.mark.parametrize("sidecar_name", ["depeche.meta.json", "depeche.txt.meta.json"])
def test_files_sidecar_for_text(tmp_path, sidecar_name):
    shutil.copy(DATA / "depeche.txt", tmp_path / "depeche.txt")
    (tmp_path / sidecar_name).write_text(
        '{"title": "Combats à Al-Chouhail", "published": "2021-03-12", "language": "fr",'
        ' "text_sha256": "x"}', encoding="utf-8")
    doc = read_document(tmp_path / "depeche.txt")
    assert (doc.title, doc.published, doc.language) == (
        "Combats à Al-Chouhail", date(2021, 3, 12), "fr")
    assert doc.warnings == (f"{sidecar_name}: ignored unknown key(s) text_sha256",)


@pytest.mark.parametrize("content,expected", [
    ('{"title": "x",', "malformed JSON at line 1"),
    ('["2020-01-01"]', "must be a JSON object"),
    ('{"published": "15/02/2020"}', "YYYY-MM-DD"),
    ('{"published": "2020-02-30"}', "not a real date"),
    ('{"published": 20200215}', "YYYY-MM-DD"),
    ('{"title": 3}', "'title' must be a string"),
    ('{"language": "français"}', "language code"),
])
def test_files_malformed_sidecar_names_the_sidecar(tmp_path, content, expected):
    shutil.copy(DATA / "depeche.txt", tmp_path / "depeche.txt")
    sidecar = tmp_path / "depeche.meta.json"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        read_document(tmp_path / "depeche.txt")
    assert_clean_error(info.value, sidecar)
    assert expected in str(info.value)


# --- folders and ids ------------------------------------------------------------------------

def test_files_iter_input_paths_expands_folders(tmp_path):
    for name in ["b.txt", "a.html", "a.meta.json", "a.gold.json", ".cache.txt",
                 "sub/c.txt", "sub/c.txt.meta.json", ".git/objet.txt", "z/d.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    lone = tmp_path / ".cache.txt"
    got = list(iter_input_paths([tmp_path, lone, tmp_path / "absent.txt"]))
    assert got == [tmp_path / "a.html", tmp_path / "b.txt", tmp_path / "sub" / "c.txt",
                   tmp_path / "z" / "d.txt", lone, tmp_path / "absent.txt"]


def test_files_document_id_ignores_line_endings_nfc_and_outer_space():
    nfd = "Hama\u0301"  # "á" as a + combining accent
    assert document_id("  Ligne 1\r\nLigne 2 " + nfd + "\n") == document_id("Ligne 1\nLigne 2 Hamá")
    assert document_id("a") != document_id("b")
    assert len(document_id("a")) == 64


def test_files_document_id_matches_gold_sha(shared_dir):
    import json

    gold = json.loads((shared_dir / "samples" / "hama-2019-06.gold.json").read_text())
    doc = read_document(shared_dir / "samples" / "hama-2019-06.txt")
    assert document_id(doc.text) == gold["document"]["text_sha256"]


def test_files_folder_skips_a_store_kept_beside_the_reports(tmp_path):
    (tmp_path / "a.txt").write_text("Des combats ont éclaté lundi à Gao.", encoding="utf-8")
    for name in ("warlog.db", "warlog.db-wal", "warlog.db-shm", "gazetteer.sqlite"):
        (tmp_path / name).write_bytes(b"SQLite format 3\x00")
    assert [p.name for p in iter_input_paths([tmp_path])] == ["a.txt"]
