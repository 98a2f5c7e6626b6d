"""The search words (content/zoekwoorden.yml, sdw.thesaurus): every rule with a failing fixture
at the right line and column and a passing one that is clean, through the same path as
`sdw check` (pipeline.check); the data the search worker loads; the file's place in the build.

Fixtures live in tests/fixtures/thesaurus/<ID>-<name>/fail/<case>.yml (and pass.yml), each
copied to content/zoekwoorden.yml over the small valid corpus in tests/fixtures/base/, whose
words (stigma, beeldvorming, ips, ...) the terms to search as well must find.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from sdw import authordocs, rules, thesaurus
from sdw.cli import main
from sdw.load import THESAURUS_FILE, load_all
from sdw.model import build_site
from sdw.pipeline import Project, check, generate_docs
from sdw.problems import RULES
from sdw.report import format_problem

FIXTURES = Path(__file__).parent / "fixtures" / "thesaurus"
BASE = Path(__file__).parent / "fixtures" / "base"
VALID = FIXTURES / "geldig.yml"
SHOWN = f"content/{THESAURUS_FILE}"

# (case folder, file in fail/, rule ID, line, column, words the message must contain)
EXPECTED = [
    ("SDW050-zoekwoorden-vorm", "geen-lijst.yml", "SDW050", 2, 1,
     "Het bestand moet een lijst van groepen zoekwoorden zijn, maar is een groep velden."),
    ("SDW050-zoekwoorden-vorm", "onbekende-naam.yml", "SDW050", 4, 3,
     "'zoekook' hoort niet in een groep zoekwoorden. Bedoelde je 'zoek_ook'?"),
    ("SDW050-zoekwoorden-vorm", "geen-woorden.yml", "SDW050", 2, 5,
     "'woorden' moet een of meer woorden zijn, gescheiden door komma's of als lijstje, maar is een groep velden."),
    ("SDW050-zoekwoorden-vorm", "te-diep.yml", "SDW050", 1, 13, "dieper genest dan 3 niveaus"),
    ("SDW050-zoekwoorden-vorm", "groep-is-tekst.yml", "SDW050", 3, 3,
     "Elke groep moet 'woorden' en 'zoek_ook' hebben, maar dit is de tekst 'taboe'."),
    ("SDW051-zoekwoord-leeg", "dubbele-komma.yml", "SDW051", 1, 20, "In 'woorden' staat een leeg woord."),
    ("SDW051-zoekwoord-leeg", "geen-letters.yml", "SDW051", 1, 21,
     "'-' in 'woorden' heeft geen letters of cijfers"),
    ("SDW051-zoekwoord-leeg", "leeg.yml", "SDW051", 2, 3, "'zoek_ook' is leeg."),
    ("SDW052-zoekwoord-dubbel", "andere-groep.yml", "SDW052", 3, 19,
     "'Burnout' staat al in een andere groep bij 'woorden' (regel 1)."),
    ("SDW052-zoekwoord-dubbel", "zelfde-groep.yml", "SDW052", 2, 35,
     "'Stigma' staat al in deze groep bij 'zoek_ook' (regel 2). Haal het hier weg."),
    ("SDW053-zoekterm-is-zoekwoord", "andere-groep.yml", "SDW053", 2, 13,
     "'stigma' staat bij 'zoek_ook', maar is ook een zoekwoord (regel 3)"),
    ("SDW053-zoekterm-is-zoekwoord", "zelfde-groep.yml", "SDW053", 2, 13,
     "'Stigma' staat in deze groep bij 'woorden' en bij 'zoek_ook'."),
    ("SDW054-zoekwoorden-te-groot", "te-lang.yml", "SDW054", 1, 21, "is 51 tekens lang; er mogen er 40"),
    ("SDW054-zoekwoorden-te-groot", "te-veel-woorden.yml", "SDW054", 2, 13, "bestaat uit 6 woorden; er mogen er 4"),
    ("SDW054-zoekwoorden-te-groot", "veel-groepen.yml", "SDW054", 301, 3, "Er staan 151 groepen in het bestand"),
    ("SDW054-zoekwoorden-te-groot", "veel-woorden.yml", "SDW054", 1, 227, "Bij 'woorden' staan 26 termen; er mogen"),
    ("SDW054-zoekwoorden-te-groot", "groot.yml", "SDW054", 1, 1, "de grens is 64 kB"),
    ("SDW055-zoekterm-vindt-niets", "vindt-niets.yml", "SDW055", 2, 21,
     "'beeltvorming' bij 'zoek_ook' vindt niets: het woord 'beeltvorming' staat nergens op de site. "
     "Bedoelde je 'beeldvorming'?"),
    # Rules of all content, in the file's own words.
    ("SDW001-geen-utf8", "latin1.yml", "SDW001", 2, 1, "geen UTF-8"),
    ("SDW002-leeg-bestand", "spaties.yml", "SDW002", 1, 1, "Het bestand is leeg. Zet er groepen zoekwoorden in"),
    ("SDW005-yaml-fout", "tab.yml", "SDW005", 2, 1, "Op deze regel staat een tab."),
    ("SDW005-yaml-fout", "dubbele-punt.yml", "SDW005", 1, 19, "Er staat een dubbele punt"),
    ("SDW005-yaml-fout", "aanhalingsteken.yml", "SDW005", 1, 1, "Een aanhalingsteken wordt niet afgesloten."),
    ("SDW005-yaml-fout", "twee-documenten.yml", "SDW005", 3, 1, "Dit bestand is geen geldige YAML."),
    ("SDW006-dubbel-veld", "woorden.yml", "SDW006", 3, 3, "'woorden' staat twee keer in deze groep (ook op regel 1)"),
    ("SDW018-bom", "bom.yml", "SDW018", 1, 1, "BOM"),
    ("SDW019-windows-regeleinden", "crlf.yml", "SDW019", 1, 1, "CRLF"),
    ("SDW030-symlink", "link.yml", "SDW030", 1, 1, "symlink"),
    ("SDW040-onzichtbaar-teken", "stuurteken.yml", "SDW040", 2, 19, "U+202E (richtingsteken)"),
    ("SDW041-yaml-verwijzing", "anker.yml", "SDW041", 1, 12,
     "Hier staat een YAML-anker ('&woord'); die zijn in dit bestand niet toegestaan."),
    ("SDW041-yaml-verwijzing", "label.yml", "SDW041", 1, 12, "een YAML-label ('!!python/object/apply:os.system')"),
]

_VALID_TEXT = "- woorden: burnout\n  zoek_ook: stigma\n"


def _bytes(data: bytes):
    return lambda target: target.write_bytes(data)


def _symlink(target: Path) -> None:
    outside = target.parent.parent / "buiten.yml"
    outside.write_text(_VALID_TEXT, encoding="utf-8")
    target.symlink_to(outside)


# Cases that are not kept as files: bytes git or an editor would change, sizes, links.
BUILT = {
    "latin1.yml": _bytes("- woorden: burnout\n  zoek_ook: caf\xe9\n".encode("latin-1")),
    "spaties.yml": _bytes(b"  \n\n"),
    "bom.yml": _bytes(b"\xef\xbb\xbf" + _VALID_TEXT.encode()),
    "crlf.yml": _bytes(_VALID_TEXT.replace("\n", "\r\n").encode()),
    "stuurteken.yml": _bytes("- woorden: burnout\n  zoek_ook: stigma\u202e, ips\n".encode()),
    "veel-groepen.yml": _bytes("".join(f"- woorden: woord{i}\n  zoek_ook: stigma\n"
                                       for i in range(151)).encode()),
    "veel-woorden.yml": _bytes(("- woorden: " + ", ".join(f"woord{i}" for i in range(26))
                                + "\n  zoek_ook: stigma\n").encode()),
    "groot.yml": _bytes((_VALID_TEXT + "# " + "x" * (thesaurus.MAX_BYTES) + "\n").encode()),
    "link.yml": _symlink,
}


def project_with(tmp_path: Path, make) -> Project:
    """The base corpus with a thesaurus made by `make(path)` (None: without one)."""
    shutil.copytree(BASE, tmp_path / "content")
    if make is not None:
        make(tmp_path / "content" / THESAURUS_FILE)
    return Project(tmp_path)


def _fixture(case: str, name: str):
    if name in BUILT:
        return BUILT[name]
    source = FIXTURES / case / "fail" / name
    return lambda target: shutil.copyfile(source, target)


@pytest.mark.parametrize("case, name, rule, line, column, words", EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED])
def test_failing_fixture_reports_rule_at_line(tmp_path, case, name, rule, line, column, words):
    result = check(project_with(tmp_path, _fixture(case, name))).result
    found = [p for p in result.problems if p.path == SHOWN]
    assert [(p.rule.id, p.line, p.column) for p in found] == [(rule, line, column)], [format_problem(p) for p in found]
    assert words in format_problem(found[0])
    assert result.ok is (RULES[rule].severity.value == "waarschuwing")
    assert [p for p in result.problems if p.path != SHOWN] == []  # the pages are not affected


PASSING = [VALID, *sorted(FIXTURES.glob("*/pass.yml"))]


@pytest.mark.parametrize("path", PASSING, ids=[p.parent.name if p.name == "pass.yml" else p.stem for p in PASSING])
def test_passing_fixture_is_clean(tmp_path, path):
    outcome = check(project_with(tmp_path, lambda target: shutil.copyfile(path, target)))
    assert outcome.result.problems == (), [format_problem(p) for p in outcome.result.problems]
    assert outcome.search_words.groups


def test_every_rule_of_the_file_has_a_failing_case_and_each_case_a_folder():
    own = {r.id for r in RULES.values() if r.name.startswith(("zoekwoord", "zoekterm"))}
    assert own == {"SDW050", "SDW051", "SDW052", "SDW053", "SDW054", "SDW055"}
    assert own <= {e[2] for e in EXPECTED}
    folders = {d.name for d in FIXTURES.iterdir() if d.is_dir()}
    assert folders <= {e[0] for e in EXPECTED}
    for case, name, *_ in EXPECTED:
        assert name in BUILT or (FIXTURES / case / "fail" / name).is_file(), (case, name)


def test_the_valid_file_reads_every_form_of_writing_words():
    words = thesaurus.parse(VALID.read_bytes(), SHOWN)
    assert [([t.text for t in g.words], [t.text for t in g.also]) for g in words.groups] == [
        (["burn-out", "burnout", "overspannen"], ["stigma"]),
        (["vooroordeel", "vooroordelen", "taboe"], ["beeldvorming", "stigma"]),
        (["individuele plaatsing", "Jobcoach", "coördinator"], ["IPS"]),
    ]
    first = words.groups[0].words
    assert [(t.line, t.column) for t in first] == [(2, 12), (2, 22), (2, 31)]
    assert words.groups[2].words[2].key == "coordinator"


def test_all_problems_of_the_file_are_reported_at_once(tmp_path):
    text = ("- woorden: burnout,, burnout\n  zoek_ook: stigma, burnout\n"
            "- woorden: taboe\n  zoek_ook: beeltvorming\n  extra: x\n")
    result = check(project_with(tmp_path, lambda t: t.write_text(text, encoding="utf-8"))).result
    assert sorted((p.rule.id, p.line) for p in result.problems) == [
        ("SDW050", 5), ("SDW051", 1), ("SDW052", 1), ("SDW053", 2), ("SDW055", 4)]


def test_without_the_file_there_is_nothing_to_check_and_an_empty_list(tmp_path):
    outcome = check(project_with(tmp_path, None))
    assert outcome.result.problems == () and outcome.search_words.groups == ()
    comments = check(project_with(tmp_path / "b", lambda t: t.write_text("# nog leeg\n", encoding="utf-8")))
    assert comments.result.problems == () and comments.search_words.groups == ()


def test_only_the_thesaurus_in_content_is_passed_by_the_loader(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    for rel in (THESAURUS_FILE, "zoekwoorden.yaml", f"themas/{THESAURUS_FILE}"):
        (content / rel).write_text(_VALID_TEXT, encoding="utf-8")
    loaded = load_all(content, tmp_path)
    assert sorted(p.path for p in loaded.problems if p.rule.id == "SDW031") == [
        "content/themas/zoekwoorden.yml", "content/zoekwoorden.yaml"]


def test_sdw_check_names_the_file_and_line_and_can_check_it_alone(tmp_path, capsys):
    project = project_with(tmp_path, lambda t: t.write_text("- woorden: burnout\n  zoek_ook:\n", encoding="utf-8"))
    (project.content_dir / "themas" / "ips.md").write_text("---\ntitel: IPS\n---\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # how sdw finds a project
    assert main(["--root", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert f"{SHOWN}:2:3: fout [SDW051 zoekwoord-leeg] 'zoek_ook' is leeg." in err
    assert "content/themas/ips.md" in err
    assert main(["--root", str(tmp_path), "check", str(tmp_path / SHOWN)]) == 1
    err = capsys.readouterr().err
    assert SHOWN in err and "content/themas/ips.md" not in err


def test_rules_name_the_file_and_keys_sdw_thesaurus_reads():
    for rule in (rules.THESAURUS_SHAPE, rules.THESAURUS_TARGET_IS_WORD):
        assert thesaurus.ALSO in rule.summary + rule.example_fix
    assert f"content/{THESAURUS_FILE}" in rules.THESAURUS_SHAPE.summary
    assert thesaurus.WORDS in rules.THESAURUS_SHAPE.summary


def test_the_authors_reference_documents_the_file_from_its_bounds():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = "\n".join(authordocs.thesaurus_reference())
    assert section in text
    assert f"max. {thesaurus.MAX_TERMS[thesaurus.WORDS]}" in section and f"{thesaurus.MAX_BYTES // 1024} kB" in section
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert [g.words[0].text for g in thesaurus.parse(example.encode(), SHOWN).groups] == ["burn-out", "verzuim"]


# --- what the worker gets ------------------------------------------------------------------------

HOSTILE = ["</script><script>alert(1)</script>", 'aan"hal"ing', "*/ alert(1) /*", "back\\slash",
           "regel\u2028scheiding", "&amp; <!--"]


def _script_value(text: str):
    """The JSON value of a generated sdw-thesaurus.js, after checking the file's exact form."""
    match = re.fullmatch(r"/\* [^*]*\*/\nself\.SDW_THESAURUS = (.*);\n", text, re.DOTALL)
    assert match, text[:200]
    return json.loads(match.group(1))


def test_the_generated_script_keeps_every_author_text_as_data(tmp_path):
    quoted = ", ".join(json.dumps(t) for t in HOSTILE)
    project = project_with(tmp_path, lambda t: t.write_text(
        f"- woorden: [{quoted}]\n  zoek_ook: [{quoted}]\n", encoding="utf-8"))
    ips = project.content_dir / "themas" / "ips.md"
    ips.write_text(ips.read_text(encoding="utf-8").replace('titel: "IPS"', 'titel: "</script>\\"<!--"'),
                   encoding="utf-8")
    (project.content_dir / "tips").mkdir()
    (project.content_dir / "tips" / "tip.md").write_text(
        "---\ntitel: Tip\nsamenvatting: Kort.\ndatum: 2020-01-01\ndoelgroepen:\n  - werkgevers\nthemas:\n  - ips\n"
        "---\nTekst.\n", encoding="utf-8")
    outcome = check(project)
    words = outcome.search_words
    assert [t.text for t in words.groups[0].words] == [" ".join(t.split()) for t in HOSTILE]
    site = build_site(outcome.result.records, outcome.loaded.assets)
    text = thesaurus.script(words, site).data.decode("ascii")
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert text.count("*/") == 1  # the header's, nothing an author wrote
    value = _script_value(text)
    assert value == thesaurus.data(words, site)
    assert value["groups"][0]["words"][0] == "</script><script>alert(1)</script>"
    assert value["topics"][0]["pages"] == [{"title": '</script>"<!--', "page": "themas/ips"}]


def test_topics_are_the_themes_and_audiences_that_have_articles(tmp_path):
    project = project_with(tmp_path, lambda t: shutil.copyfile(VALID, t))
    (project.content_dir / "tips").mkdir()
    (project.content_dir / "tips" / "tip.md").write_text(
        "---\ntitel: Tip\nsamenvatting: Kort.\ndatum: 2020-01-01\ndoelgroepen:\n  - werkgevers\nthemas:\n"
        "  - stigma-en-beeldvorming\n---\nTekst.\n", encoding="utf-8")
    outcome = check(project)
    site = build_site(outcome.result.records, outcome.loaded.assets)
    topics = thesaurus.data(outcome.search_words, site)["topics"]
    assert topics == [
        {"label": "Thema's", "pages": [{"title": "Stigma en beeldvorming", "page": "themas/stigma-en-beeldvorming"}]},
        {"label": "Doelgroepen", "pages": [{"title": "Werkgevers", "page": "doelgroepen/werkgevers"}]},
    ]
    for topic in topics:  # from the model: every item of the type with at least one article
        name = next(n for n in thesaurus.TOPICS if site.of_type(n) and topic["pages"][0]["page"].startswith(
            site.of_type(n)[0].type.folder))
        assert [p["title"] for p in topic["pages"]] == [i.title for i in site.of_type(name) if site.articles_for(i)]


def test_a_build_writes_the_data_next_to_the_worker_and_removes_stale_scripts(tmp_path):
    project = project_with(tmp_path, lambda t: shutil.copyfile(VALID, t))
    stale = project.docs_dir / "assets" / "javascripts" / "search" / "oud.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("self.OUD = 1;\n", encoding="utf-8")
    outcome = generate_docs(project)
    assert outcome.result.ok
    script = project.docs_dir / thesaurus.SCRIPT
    assert script.parent == stale.parent and not stale.exists()
    value = _script_value(script.read_text(encoding="ascii"))
    assert value["groups"][0] == {"words": ["burn-out", "burnout", "overspannen"], "also": ["stigma"]}
    # Without the file the worker still finds its data (an empty list), so search keeps working.
    (project.content_dir / THESAURUS_FILE).unlink()
    assert generate_docs(project).result.ok
    assert _script_value(script.read_text(encoding="ascii"))["groups"] == []


def test_an_error_in_the_file_stops_the_build_like_an_error_in_a_page(tmp_path):
    project = project_with(tmp_path, lambda t: t.write_text("- woorden: burnout\n", encoding="utf-8"))
    outcome = generate_docs(project)
    assert not outcome.result.ok and outcome.pages == []
    assert not (project.docs_dir / thesaurus.SCRIPT).exists()


# --- never a traceback -----------------------------------------------------------------------------

_PIECES = ["- ", "woorden", "zoek_ook", ": ", ", ", "\n", "  ", "\t", "[", "]", "{", "}", "'", '"', "&a ", "*a",
           "!!str ", "#", "---\n", "...\n", "burnout", "stigma", "é", "\u202e", "\ufeff", "\r\n", ":", "-", "|\n",
           ">\n", "? ", "%YAML 1.2\n", "\x00", "\\", "\u2028"]


def test_no_file_makes_the_reader_fail():
    """Text cut from the pieces YAML and the format are made of, in many orders: always a
    Thesaurus (its problems, never an exception); each problem on a line of the file."""
    import random

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from(_PIECES), max_size=40), st.binary(max_size=8))
    def read_anything(pieces, noise):
        data = "".join(pieces).encode("utf-8", "surrogatepass") + noise
        words = thesaurus.parse(data, SHOWN)
        lines = data.count(b"\n") + 1
        assert all(1 <= p.line <= lines + 1 and p.path == SHOWN for p in words.problems), words.problems

    read_anything()
    rng = random.Random(20261129)
    valid = VALID.read_bytes()
    for _ in range(300):  # and the valid file with a byte changed, dropped or doubled
        at = rng.randrange(len(valid))
        thesaurus.parse(valid[:at] + bytes([rng.randrange(256)]) * rng.randrange(3) + valid[at + 1:], SHOWN)
