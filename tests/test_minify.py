"""The copies of our own CSS and JavaScript in the built site lose comments and indentation,
and nothing else: strings stay as written, and the result works (the browser suite runs it)."""

from __future__ import annotations

from conftest import ROOT
from sdw import minify


def test_css_drops_comments_and_spaces_but_keeps_strings_and_descendant_spaces():
    source = '''/* palette */
.md-typeset .sdw-card > a ,  .x { content: " (" attr(href) ") ; { , " ;  color: red ; }
@media screen and (min-width: 45em) { .a:is(:hover, :focus) { margin: 0 auto; } }
'''
    out = minify.css(source)
    assert "palette" not in out
    assert '.md-typeset .sdw-card>a,.x{content: " (" attr(href) ") ; { , ";color: red}' in out
    assert "@media screen and (min-width: 45em){.a:is(:hover,:focus){margin: 0 auto}}" in out
    assert minify.css(out) == out


def test_js_drops_whole_line_comments_and_indentation_only():
    source = '''/*
 * Header.
 */
function f(a) {
  // explain
  var re = /[^/]*$/;  /* trailing comment stays */
  return "// not a comment /* nor this */" + a;
}
'''
    out = minify.js(source)
    assert out == ('function f(a) {\nvar re = /[^/]*$/;  /* trailing comment stays */\n'
                   'return "// not a comment /* nor this */" + a;\n}\n')
    assert minify.js(out) == out


def test_built_site_serves_the_small_copies(built_site):
    site = built_site / "site"
    css = (site / "assets" / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    source = (ROOT / "overrides" / "assets" / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    assert "/*" not in css and len(css) < 0.8 * len(source)
    worker = (site / "assets" / "javascripts" / "search" / "sdw-search-worker.js").read_text(encoding="utf-8")
    assert not worker.startswith("/*") and "\n  " not in worker
