"""Property-based: generated hostile Markdown, HTML and front-matter never become unsafe HTML.

Two properties, each run under a fixed seed and under a random one (its value is part of
the test id, e.g. `test_...[seed=123456]`, and can be replayed with SDW_HYPOTHESIS_SEED=123456):

1. The renderer alone: any body, with validation skipped, rendered as the render stage does,
   holds the invariants of hostile.unsafe() (no event handler, no script-capable address,
   no resource from another host, no id/class/data-* that collides with the theme's or ours).
2. The whole pipeline: any front-matter plus body is either refused with rule IDs at real
   lines (never an exception), or, when valid, becomes a page whose author part and
   generated part hold the same invariants, and feeds that are well-formed XML.

Every case is counted: at least 250 per property and seed, so more than 500 per CI run.
"""

from __future__ import annotations

import json
import os
import secrets
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES
from hostile import render_author_body, render_page, unsafe
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as with_seed
from hypothesis import strategies as st
from sdw import feeds as F
from sdw.generate import Context, item_page
from sdw.load import Loaded, load_all, parse
from sdw.model import build_site
from sdw.problems import RULES
from sdw.validate import validate

FIXED_SEED = 20261129
RANDOM_SEED = int(os.environ.get("SDW_HYPOTHESIS_SEED") or secrets.randbelow(2**31))
SEEDS = [FIXED_SEED, RANDOM_SEED]
EXAMPLES = int(os.environ.get("SDW_HYPOTHESIS_EXAMPLES", "260"))

SCHEMES = ["javascript:", "JaVaScRiPt:", "java&#115;cript:", "jav&#x09;ascript:", " javascript:", "\tjavascript:",
           "vbscript:", "data:text/html,", "data:image/svg+xml,", "file:///", "//t.example/", "\\\\t.example/",
           "/\\t.example/", "https://t.example/", "http://t.example/", "https://www.youtube-nocookie.com/embed/",
           "https://player.vimeo.com/video/", "mailto:", "", "../", "afbeeldingen/", "#"]
TAILS = ["alert(1)", "p.gif", "x.png", "abc123def45", "123456789", '"><script>alert(1)</script>', "a b",
         "x)![p](https://t.example/p.gif", "%0a", ""]
URLS = st.builds(lambda s, t: s + t, st.sampled_from(SCHEMES), st.sampled_from(TAILS))
TAGS = ["a", "img", "iframe", "script", "style", "div", "span", "p", "svg", "math", "form", "input", "textarea",
        "title", "object", "embed", "link", "meta", "base", "template", "noscript", "details", "table", "td",
        "figure", "video", "source", "image", "use", "bdo", "x-widget", "select", "option", "xmp", "plaintext"]
ATTRS = ["href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "style", "id", "class",
         "onclick", "onerror", "OnLoad", "data-sdw-video", "data-sdw-video-id", "data-md-component",
         "data-search-exclude", "title", "alt", "lang", "target", "rel", "width", "markdown", "background"]
VALUES = st.one_of(
    URLS,
    st.sampled_from(["__config", "md-dialog", "sdw-video", "sdw-cards md-typeset", "background:url(//t.example/p)",
                     "position:fixed;inset:0", "text-align: left", "alert(1)", "1", "youtube", "x y"]),
)
QUOTES = ['"', "'", ""]


@st.composite
def attributes(draw) -> str:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        name, value, quote = draw(st.sampled_from(ATTRS)), draw(VALUES), draw(st.sampled_from(QUOTES))
        if not quote:
            value = value.replace(" ", "").replace(">", "") or "x"
        out.append(f" {name}={quote}{value.replace(quote, '') if quote else value}{quote}")
    return "".join(out)


HTML = st.one_of(
    st.builds(lambda t, a, inner, close: f"<{t}{a}>{inner}" + (f"</{t}>" if close else ""),
              st.sampled_from(TAGS), attributes(), st.sampled_from(["", "x", "<img src=x onerror=alert(1)>"]),
              st.booleans()),
    st.sampled_from(["<!-->", "<!--->", "<!--", "-->", "--!>", "<!-- a --!>", "<![CDATA[", "]]>", "<?xml ?>",
                     "</", "<", ">", "&", "&lt;script&gt;", "<!DOCTYPE html>", "</p>", "</div>", "</article>",
                     "<!-- sdw:inhoud -->", "<!-- /sdw:inhoud -->", "<!-- /sdw:inhoud 0123 -->"]),
)
MARKDOWN = st.one_of(
    st.builds(lambda i, text, url: f"{'!' if i else ''}[{text}]({url})", st.booleans(),
              st.sampled_from(["x", "", "<b>", "]("]), URLS),
    st.builds(lambda url: f"<{url}>", URLS),
    st.builds(lambda url: f"\n[r]: {url}\n\n[x][r]", URLS),
    st.builds(lambda a: "{" + a + " }", attributes()),
    st.builds(lambda a: "{ #__config .md-x" + a + " }", attributes()),
    st.builds(lambda a: "\n\n## Kop {" + a + " }\n\n", attributes()),
    st.builds(lambda c: f"\n\n!!! {c} \"Let op\"\n    Tekst.\n\n", st.sampled_from(["note", "md-dialog", "sdw-x"])),
    st.sampled_from(["\n\n## sdw video\n\n", "\n\n# __config\n\n", "*x*", "**x**", "`<script>`", "\n```\n<b>\n```\n",
                     "\n\n    <script>alert(1)</script>\n\n", "> quote", "| a | b |\n|:--|--:|\n| <b onclick=x> | c |",
                     "\n\n- item\n", "\n\n", "\n"]),
)
TEXT = st.text(alphabet=st.sampled_from(list("abc <>\"'=&;:/\\{}[]()!#*_`-|\n") + [
    "\u202e", "\u2066", "\u200b", "\u200d", "\x00", "\x1b", "\x07", "\u2028", "\ufeff", "é", "ø"]), max_size=12)
BODIES = st.lists(st.one_of(HTML, MARKDOWN, TEXT), min_size=1, max_size=10).map("".join)

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
                    suppress_health_check=list(HealthCheck), print_blob=True)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed={s}")
def test_the_renderer_alone_keeps_any_body_safe(seed, record_property):
    record_property("hypothesis_seed", seed)
    cases = []

    @with_seed(seed)
    @SETTINGS
    @given(BODIES)
    def check(body):
        cases.append(body)
        try:
            html = render_author_body(body)
        except Exception:  # the renderer cannot handle it: then the validator must refuse it
            assert _refused(body), body
            return
        assert unsafe(html) == [], (body, html)

    check()
    assert len(cases) >= 250


# --- the whole pipeline ------------------------------------------------------------------

_BASE = load_all(FIXTURES / "base", FIXTURES)


def _refused(body: str) -> bool:
    """Whether `sdw check` refuses a valid story with this body."""
    text = ('---\ntitel: "Een verhaal"\nsamenvatting: "Kort."\ndatum: 2018-12-05\ndoelgroepen:\n  - werkgevers\n'
            "personen:\n  - naam: A\n    rol: B\n---\n\n" + body + "\n")
    source = parse(text.encode("utf-8"), "content/verhalen/x.md", "verhalen/x.md")
    return bool(validate(Loaded(_BASE.files + (source,), _BASE.assets, ())).errors)
# Valid text full of characters that mean something in HTML, Markdown, YAML, XML and iCalendar:
# it must be built, and arrive as text.
PLAIN = st.text(alphabet=st.sampled_from(list("Werk en zorg 2021 <>&\"'[](){}*_#!|`-:;,./\\@%$=+~^?") + ["é", "ø"]),
                min_size=1, max_size=40).filter(lambda t: t.strip() and "\\" not in t[-1:])
FIELD_TEXT = st.one_of(PLAIN, PLAIN, TEXT, st.lists(st.one_of(HTML, MARKDOWN, TEXT), max_size=4).map("".join))
BODY_OR_PLAIN = st.one_of(BODIES, PLAIN, st.just("Gewone tekst over werk."))


def _yaml(value: str, style: int) -> str:
    if style == 0:
        return json.dumps(value, ensure_ascii=style == 2)  # a double-quoted YAML scalar
    if style == 1:
        return "'" + value.replace("'", "''") + "'"
    return value  # plain: often invalid YAML, which must end in a Dutch error too


@st.composite
def hostile_files(draw) -> str:
    """A story whose fields are valid-looking text with HTML/Markdown/YAML specials, except one
    place (or none) that gets hostile input, so both refusals and builds are exercised."""
    target = draw(st.sampled_from(["none", "titel", "samenvatting", "personen", "bron", "body", "datum", "refs",
                                   "extra"]))

    def text(name: str) -> str:
        return _yaml(draw(FIELD_TEXT if target == name else PLAIN), draw(st.integers(0, 2) if target == name
                                                                         else st.sampled_from([0, 1])))

    fields = {
        "titel": text("titel"),
        "samenvatting": text("samenvatting"),
        "datum": draw(st.sampled_from(["2018", "2018-13-01", '"2018-12-05<x>"'])) if target == "datum"
        else "2018-12-05",
        "doelgroepen": draw(st.sampled_from(['\n  - "werkgevers<script>"', " werkgevers", "\n  - ../x"]))
        if target == "refs" else draw(st.sampled_from(["\n  - werkgevers", "\n  - professionals\n  - werkgevers"])),
        "personen": "\n  - naam: " + text("personen") + "\n    rol: " + text("personen"),
        "bron": text("bron"),
    }
    if target == "extra":
        fields[draw(st.sampled_from(["afbeelding", "afbeelding_alt", "soort", "themas"]))] = _yaml(draw(URLS), 0)
    body = draw(BODIES) if target == "body" else draw(st.one_of(PLAIN, st.just("Gewone tekst over werk.")))
    front = "\n".join(f"{k}:{v if v.startswith(chr(10)) else ' ' + v}" for k, v in fields.items())
    return f"---\n{front}\n---\n\n{body}\n"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: f"seed={s}")
def test_any_front_matter_and_body_is_refused_or_built_safely(seed, record_property):
    record_property("hypothesis_seed", seed)
    cases, built = [], []
    context = Context(base_url="https://www.example.org/")

    @with_seed(seed)
    @SETTINGS
    @given(hostile_files())
    def check(text):
        cases.append(text)
        source = parse(text.encode("utf-8"), "content/verhalen/gegenereerd.md", "verhalen/gegenereerd.md")
        result = validate(Loaded(_BASE.files + (source,), _BASE.assets, ()))
        for p in result.problems:
            assert p.rule.id in RULES and p.line >= 1 and p.column >= 1
            assert p.message.strip()
        record = next((r for r in result.records if r.source is source), None)
        if record is None:
            assert result.errors
            return
        built.append(text)
        site = build_site(result.records, ())
        item = next(i for i in site.items if i.rel == "verhalen/gegenereerd.md")
        page = item_page(site, item, context)
        html, author = render_page(page.body, item.title)
        assert unsafe(author) == [], (text, author)
        assert unsafe(html, generated=True) == [], (text, html)
        feed = F.atom_feed(site, path=F.SITE_FEED, title="t", subtitle="s", page_rel="index.md",
                           items=site.articles, url=context.url, fallback_updated=F.EPOCH)
        ET.fromstring(feed)  # well-formed XML: no control characters from a title or summary
        for banned in ("\u202e", "\u2066", "\u200b"):
            assert banned not in feed.decode("utf-8")

    check()
    assert len(cases) >= 250
    print(f"seed {seed}: {len(cases)} cases, {len(built)} valid and built")
    assert len(built) >= 25, "too few generated files were valid: the strategy would test refusals only"
