"""Hostile text and files: blank values, invisible characters, web addresses and images.

Laid over the small valid corpus of tests/fixtures/base, like the rule fixtures.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, write_png
from sdw.load import load_all
from sdw.report import format_problem
from sdw.validate import check_body_characters, suspect_characters, validate

STORY = ('---\ntitel: {titel}\nsamenvatting: {samenvatting}\ndatum: 2018-12-05\ndoelgroepen:\n  - werkgevers\n'
         "personen:\n  - naam: {naam}\n    rol: {rol}\n{extra}---\n\n{body}\n")


def story(**values: str) -> str:
    defaults = {"titel": '"Een verhaal"', "samenvatting": '"Een korte samenvatting."', "naam": "Voornaam Achternaam",
                "rol": "functie", "extra": "", "body": "Tekst van het verhaal."}
    return STORY.format(**{**defaults, **values})


def check(tmp_path: Path, files: dict[str, str | bytes]):
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(FIXTURES / "base", content)
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return validate(load_all(content, tmp_path))


def found(result, name: str) -> list[tuple[str, int, int]]:
    return [(p.rule.id, p.line, p.column) for p in result.problems if p.path == f"content/{name}"]


@pytest.mark.parametrize("field, value, line", [
    ("titel", '"   "', 2), ("titel", "''", 2), ("samenvatting", '""', 3), ("samenvatting", "'  \t '", 3),
    ("titel", "~", 2), ("titel", "null", 2), ("samenvatting", '"\\t\\n"', 3),
])
def test_blank_values_are_missing(tmp_path, field, value, line):
    result = check(tmp_path, {"verhalen/verhaal.md": story(**{field: value})})
    problems = [p for p in result.problems if p.path == "content/verhalen/verhaal.md"]
    assert [(p.rule.id, p.line) for p in problems] == [("SDW007", line)], [format_problem(p) for p in problems]
    assert f"'{field}' is leeg" in problems[0].message


def test_a_quoted_tilde_is_text(tmp_path):
    result = check(tmp_path, {"verhalen/verhaal.md": story(titel='"~"')})
    assert found(result, "verhalen/verhaal.md") == []


@pytest.mark.parametrize("naam, rol, expected", [
    ('"  "', "functie", [("SDW007", 8, 5)]),
    ("Voornaam", '""', [("SDW007", 9, 5)]),
    ('"Voor\\u202enaam"', "functie", [("SDW040", 8, 11)]),
    ("Voornaam", '"job\\x00coach"', [("SDW040", 9, 10)]),
])
def test_people_blank_or_invisible(tmp_path, naam, rol, expected):
    result = check(tmp_path, {"verhalen/verhaal.md": story(naam=naam, rol=rol)})
    assert found(result, "verhalen/verhaal.md") == expected, [format_problem(p) for p in result.problems]


@pytest.mark.parametrize("titel, column", [
    ('"a\\u200bb"', 8), ('"a\\u2066b"', 8), ('"a\\x7fb"', 8), ('"a\\x85b"', 8), ('"a\\u2028b"', 8),
    ('"a\\tb"', 8), ('"\\ufeffa"', 8),
])
def test_invisible_characters_in_text_fields(tmp_path, titel, column):
    result = check(tmp_path, {"verhalen/verhaal.md": story(titel=titel)})
    assert found(result, "verhalen/verhaal.md") == [("SDW040", 2, column)], [format_problem(p) for p in result.problems]


@pytest.mark.parametrize("body, line, column", [
    ("Regel een.\nEen \x1b[31mrode\x1b[0m regel.", 13, 5),
    ("Een \x00 nul.", 12, 5),
    ("Een \x7f DEL.", 12, 5),
    ("Een \x9b C1.", 12, 5),
    ("Een \r los.", 12, 5),
    ("```\nIn een codeblok: \u202e\n```", 13, 18),
    ("Een \u2067 isolaat.", 12, 5),
    ("Een \u202a inbedding.", 12, 5),
    ("Een\u2060woordteken.", 12, 4),
    ("Een \ufeff BOM.", 12, 5),
    ("Een \u200c niet-verbinder.", 12, 5),
])
def test_the_body_refuses_controls_bidi_and_invisible_characters(tmp_path, body, line, column):
    result = check(tmp_path, {"verhalen/verhaal.md": story(body=body)})
    assert found(result, "verhalen/verhaal.md") == [("SDW040", line, column)], [format_problem(p) for p in
                                                                                 result.problems]
    assert "\\u" not in result.problems[0].message or "U+" in result.problems[0].message


def test_the_body_keeps_emoji_soft_hyphens_tabs_and_accents(tmp_path):
    body = "Een 👩‍💻 en 👨‍👩‍👧 met ZWJ, ervarings\u00addeskundige, een\ttab, Één café, ‘quotes’ en — streepjes."
    result = check(tmp_path, {"verhalen/verhaal.md": story(body=body)})
    assert found(result, "verhalen/verhaal.md") == []


def test_the_body_check_reports_one_problem_per_line_and_stops_at_twenty():
    assert list(suspect_characters("a\x01\x01\nb\nc\u202e", 10)) == [(10, 2, "\x01"), (12, 2, "\u202e")]
    assert len(list(suspect_characters("\x01\n" * 500))) == 20
    assert list(suspect_characters("schoon\n" * 1000)) == []
    assert callable(check_body_characters)


@pytest.mark.parametrize("link", [
    '"https://www.example.nl/a b"', '"https://www.example.nl/\\"x"', "'https://www.example.nl/<script>'",
    '"https://www.example.nl/x)![x](https://t.example/p.gif"', "javascript:alert(1)", '"https://"',
    "https://user@www.example.nl/", "https://user:pass@www.example.nl/", "//www.example.nl/", "ftp://www.example.nl/",
    '"https://www.example.nl/\\u202e"', "data:text/html,x", '"https://www.example.nl:99999/"', "https://localhost/",
    '"https://www.example.nl/\\x00"', "https://www.example.nl/`x`",
])
def test_web_addresses_that_could_break_out_are_refused(tmp_path, link):
    text = ('---\ntitel: "Een rapport"\nsamenvatting: "Wat het rapport zegt."\ndatum: 2020\ndoelgroepen:\n'
            f"  - professionals\nuitgever: Onderzoeksbureau\nlink: {link}\n---\n\nOver het rapport.\n")
    result = check(tmp_path, {"kennis/rapport.md": text})
    assert found(result, "kennis/rapport.md") == [("SDW016", 8, 7)], [format_problem(p) for p in result.problems]


@pytest.mark.parametrize("link", [
    "https://www.example.nl/", "http://example.nl/pad/naar/bestand.pdf?x=1&y=2#kop",
    "https://nl.wikipedia.org/wiki/Werk_(economie)", '"  https://www.example.nl/rapport.pdf  "',
    "https://www.example.nl:8443/pad", "HTTPS://WWW.EXAMPLE.NL/",
])
def test_ordinary_web_addresses_pass(tmp_path, link):
    text = ('---\ntitel: "Een rapport"\nsamenvatting: "Wat het rapport zegt."\ndatum: 2020\ndoelgroepen:\n'
            f"  - professionals\nuitgever: Onderzoeksbureau\nlink: {link}\n---\n\nOver het rapport.\n")
    result = check(tmp_path, {"kennis/rapport.md": text})
    assert found(result, "kennis/rapport.md") == [], [format_problem(p) for p in result.problems]


def test_a_refused_image_is_not_published_and_its_references_say_why(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    result = check(tmp_path, {
        "verhalen/afbeeldingen/foto.png": svg,
        "verhalen/verhaal.md": story(body="Kijk: ![Een foto](afbeeldingen/foto.png)"),
    })
    loaded = load_all(tmp_path / "content", tmp_path)
    assert "verhalen/afbeeldingen/foto.png" not in {a.rel for a in loaded.assets}
    assert [r.rel for r in loaded.refused] == ["verhalen/afbeeldingen/foto.png"]
    assert found(result, "verhalen/afbeeldingen/foto.png") == [("SDW043", 1, 1)]
    mine = [p for p in result.problems if p.path == "content/verhalen/verhaal.md"]
    assert [(p.rule.id, p.line) for p in mine] == [("SDW027", 12)]
    assert "bestaat niet" not in mine[0].message and "geweigerd" in mine[0].message
    assert "verhaal" not in {r.slug for r in result.records}


def test_a_fixed_image_is_published_on_the_next_run(tmp_path):
    image = tmp_path / "content" / "verhalen" / "afbeeldingen" / "foto.png"
    check(tmp_path, {"verhalen/afbeeldingen/foto.png": b"<html></html>"})
    write_png(image, 2, 2)
    os.utime(image, ns=(1, 1))  # a different stamp than the first version: the loader reads it again
    result = check(tmp_path, {})
    assert found(result, "verhalen/afbeeldingen/foto.png") == []
    assert "verhalen/afbeeldingen/foto.png" in {a.rel for a in load_all(tmp_path / "content", tmp_path).assets}


@pytest.mark.parametrize("name, suggestion", [
    ("verhalen/Foto Zomer 2021.JPG", "'foto-zomer-2021.jpg'"),
    ("verhalen/afbeeldingen/ë.png", "'e.png'"),
    ("verhalen/afbeeldingen/foto\u202egnp.png", "'fotognp.png'"),
    ("verhalen/afbeeldingen/a'b.png", "'a-b.png'"),
    ("verhalen/(map)/foto.png", "Hernoem de map naar 'map'"),
    ("verhalen/afbeeldingen/-.png", "'afbeelding.png'"),
])
def test_unsafe_image_names_are_refused_with_a_suggestion(tmp_path, name, suggestion):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    write_png(content / name, 2, 2)
    result = validate(load_all(content, tmp_path))
    mine = [p for p in result.problems if p.path == f"content/{name}"]
    assert [(p.rule.id, p.line) for p in mine] == [("SDW013", 1)]
    assert suggestion in format_problem(mine[0])
    assert not result.ok


def test_the_real_content_has_no_refused_files():
    loaded = load_all(ROOT / "content", ROOT)
    assert loaded.refused == ()
    assert validate(loaded).errors == ()
