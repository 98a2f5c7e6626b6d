"""The copies of our own CSS and JavaScript in the built site lose comments and whitespace (rcssmin,
rjsmin), and nothing else: strings, regular expressions and url() stay as written, the setting
marker of csp.set_script_setting survives, and the scripts still run and do the same."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from sdw import minify

OVERRIDES = ROOT / "overrides" / "assets"
OUR_SCRIPTS = sorted(p for p in (OVERRIDES / "javascripts").rglob("sdw*.js") if "vendor" not in p.parts)
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def test_css_drops_comments_and_whitespace_but_keeps_strings_urls_and_descendant_spaces():
    source = '''/* palette: "not a string" */
.md-typeset .sdw-card > a ,  .x { content: " (" attr(href) ") ; { , /* kept */ " ;  color: red ; }
.y { background: url( "data:image/svg+xml;utf8,<svg viewBox='0 0 1 1'/>" ) , url(img/a.svg) ; }
@media screen and (min-width: 45em) { .a:is(:hover, :focus) { margin: 0 auto; } }
'''
    out = minify.css(source)
    assert out == ('.md-typeset .sdw-card>a,.x{content:" (" attr(href) ") ; { , /* kept */ ";color:red}'
                   '.y{background:url("data:image/svg+xml;utf8,<svg viewBox=\'0 0 1 1\'/>"),url(img/a.svg)}'
                   '@media screen and (min-width:45em){.a:is(:hover,:focus){margin:0 auto}}')
    assert minify.css(out) == out


# rcssmin strips whitespace inside url() unless it is a quoted data: URL (documented: a URL has
# no spaces, it writes %20), so our stylesheet writes none there; comments are stripped first.
_CSS_COMMENT = re.compile(r"/\*[\s\S]*?\*/")
_CSS_STRING_OR_URL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|url\([^)]*\)')


def test_every_string_and_url_of_our_stylesheet_survives_as_written():
    source = (OVERRIDES / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    kept = _CSS_STRING_OR_URL.findall(_CSS_COMMENT.sub("", source))
    assert '" (" attr(href) ")"' not in kept and '" ("' in kept  # strings found one by one
    rest = minify.css(source)
    for literal in kept:  # in order: each is found after the previous one
        assert literal in rest, literal
        rest = rest[rest.index(literal) + len(literal):]
    assert "/*" not in minify.css(source)


def test_js_drops_all_comments_and_whitespace_but_keeps_strings_and_regular_expressions():
    source = '''/*
 * Header.
 */
function f(a) {
  // explain
  var re = /[^/]*$/g;  /* trailing comment goes too */
  var s = "// not a comment /* nor this */" + 'it\\'s';  // nor this one
  return a.replace(re, "") + s + `  ${a}  /* template */`;
}
'''
    out = minify.js(source)
    assert out == ('function f(a){var re=/[^/]*$/g;var s="// not a comment /* nor this */"+\'it\\\'s\';'
                   'return a.replace(re,"")+s+`  ${a}  /* template */`;}')
    assert minify.js(out) == out


def test_js_keeps_the_setting_marker_the_build_writes_into():
    out = minify.js('var ENDPOINT = /* sdw:extra.feedback.endpoint */ "";  /* other */\n')
    assert out == 'var ENDPOINT=/* sdw:extra.feedback.endpoint */ "";'
    configured = 'var ENDPOINT = /* sdw:extra.feedback.endpoint */ "https://feedback.example.org/a";\n'
    assert minify.js(configured) == 'var ENDPOINT=/* sdw:extra.feedback.endpoint */ "https://feedback.example.org/a";'
    assert minify.js(minify.js(configured)) == minify.js(configured)  # a rebuild minifies the built copy again


@needs_node
def test_minified_js_computes_the_same_as_its_source(tmp_path):
    """Automatic semicolon insertion, regex-or-division and strings: run both copies and compare."""
    source = r'''// a script written the way ours are, with the traps a naive minifier falls into
var a = 10, b = 2, g = 1
var half = a / b / g   // division, not a regular expression
var path = "https://example.org/x/y.html?q=1".replace(/[^/]*$/, "")   /* regex with slashes */
var c = a
++b
var t = `line one
  line two // kept */`
function quoted(s) { return s.replace(/"/g, '\\"').replace(/\s+/g, " ") }
console.log(JSON.stringify([half, path, c, b, t, quoted('  "a"   b ')]))
'''
    results = []
    for name, text in (("source.js", source), ("min.js", minify.js(source))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        run = subprocess.run([NODE, str(tmp_path / name)], capture_output=True, text=True, timeout=30, check=True)
        results.append(json.loads(run.stdout))
    assert results[0] == results[1] == [5, "https://example.org/x/", 10, 3, "line one\n  line two // kept */",
                                        ' \\"a\\" b ']
    assert len(minify.js(source)) < 0.8 * len(source)


@needs_node
@pytest.mark.parametrize("script", OUR_SCRIPTS, ids=lambda p: p.name)
def test_our_minified_scripts_still_parse(tmp_path, script):
    out = tmp_path / script.name
    out.write_text(minify.js(script.read_text(encoding="utf-8")), encoding="utf-8")
    run = subprocess.run([NODE, "--check", str(out)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr[-600:]  # the end names the error (the start quotes the line)


# The value the build wrote after a setting marker, put back to the source's empty string.
_CONFIGURED = re.compile(r'(/\* sdw:[\w.-]+ \*/ )"(?:[^"\\\n]|\\.)*"')


def test_built_site_serves_the_minified_copies(built_site):
    site = built_site / "site"
    source = (OVERRIDES / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    served = (site / "assets" / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    assert served == minify.css(source) and len(served) < 0.8 * len(source)
    assert OUR_SCRIPTS
    for script in OUR_SCRIPTS:
        source = script.read_text(encoding="utf-8")
        served = (site / "assets" / script.relative_to(OVERRIDES)).read_text(encoding="utf-8")
        assert _CONFIGURED.sub(r'\1""', served) == minify.js(source), script.name
        assert len(served) < 0.8 * len(source), script.name


def test_pages_lose_indentation_but_no_whitespace_a_reader_sees():
    from sdw import minify

    page = ("<div>\n    <p>Een <em>woord</em>   en\n      nog een</p>\n  <pre><code>  twee\n    spaties</code></pre>\n"
            "  <textarea>\n  x</textarea> <script>if (a <b) {\n    c()\n}</script>\n</div>")
    out = minify.html(page)
    assert out == ("<div>\n<p>Een <em>woord</em>   en\nnog een</p>\n<pre><code>  twee\n    spaties</code></pre>\n"
                   "<textarea>\n  x</textarea> <script>if (a <b) {\n    c()\n}</script>\n</div>")
    assert minify.html(out) == out
