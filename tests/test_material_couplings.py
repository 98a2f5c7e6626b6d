"""Every place where the site leans on mkdocs-material beyond its theme settings, held to what the
installed Material actually does. README.md, "Couplings to Material", lists the same places.

When Material is updated and one of these fails, the message says what to re-read; update the copy
or the code, then the recorded fact here. A silent drift would otherwise surface as a broken footer,
a search box without results or a feed link that Material mistakes for a language version.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# Partials we replace, with the SHA-256 of Material's own version when ours was last compared with it
# (Material 9.8.2). Ours: footer.html is Material's plus the newsletter form; copyright.html drops the
# English credit and adds the Dutch footer links; language.html puts our Dutch wording before
# Material's lookup; 404.html is a page of our own built on main.html.
REVIEWED = {
    "partials/footer.html": "50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "partials/language.html": "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
    "404.html": "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
}
# Partials that wrap Material's own text, unchanged, between these markers (memoised per folder).
EMBEDDED = ["partials/nav.html", "partials/tabs.html"]
BEGIN, END = "{#- Material begins -#}\n", "{#- Material ends -#}"
GENERATED_NOTE = re.compile(r"\A{#-\s*This file was automatically generated - do not edit\s*-#}\s*")


def bundle() -> str:
    found = sorted((THEME / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(REVIEWED))
def test_replaced_partials_still_match_the_material_they_were_compared_with(name):
    assert (OVERRIDES / name).is_file()
    digest = hashlib.sha256((THEME / name).read_bytes()).hexdigest()
    assert digest == REVIEWED[name], (
        f"Material's {name} changed since overrides/{name} was compared with it: read the new version, "
        f"carry its changes into overrides/{name} where they apply, then record {digest} here.")


@pytest.mark.parametrize("name", EMBEDDED)
def test_embedded_partials_are_materials_own_text(name):
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    embedded = ours[ours.index(BEGIN) + len(BEGIN):ours.index(END)]
    theirs = GENERATED_NOTE.sub("", (THEME / name).read_text(encoding="utf-8"))
    assert embedded.strip() == theirs.strip(), (
        f"overrides/{name} no longer embeds Material's {name} unchanged: copy the new version between the "
        "markers.")


def test_every_block_we_override_exists_in_materials_base_template():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    ours = {m for path in (OVERRIDES / "main.html", OVERRIDES / "404.html")
            for m in re.findall(r"{%-?\s*block\s+(\w+)", path.read_text(encoding="utf-8"))}
    assert ours >= {"htmltitle", "extrahead", "scripts", "announce"}
    for block in sorted(ours):
        assert re.search(r"{%-?\s*block\s+" + block + r"\b", base), f"Material's base.html has no block {block}"
    # The preview banner relies on Material testing the announce block's output before its <aside>.
    assert "{% if self.announce() %}" in base


def test_the_search_worker_protocol_is_the_one_our_worker_speaks():
    """overrides/assets/javascripts/search/sdw-search-worker.js answers Material's messages:
    SETUP 0 {config, docs, options} → READY 1, QUERY 2 (the typed text) → RESULT 3."""
    code = bundle()
    assert "{type:0,data:{config:" in code
    assert "{type:2,data:" in code
    assert "type===1}" in code and "type===3}" in code
    worker = (OVERRIDES / "assets" / "javascripts" / "search" / "sdw-search-worker.js").read_text(encoding="utf-8")
    assert "var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;" in worker


def test_the_config_and_worker_our_setup_script_changes_are_read_the_way_it_expects():
    """sdw-search-setup.js runs between Material's <script id="__config"> and its bundle: it swaps
    config.search (the worker's address) and wraps window.Worker to warm the index up. That works
    while the bundle reads the config once at start and starts its worker with `new Worker(url)`."""
    code = bundle()
    assert re.search(r'=\w+\("#__config"\),(\w+)=JSON\.parse\(\w+\.textContent\)', code)
    assert re.search(r"=new Worker\(\w+\)", code)
    assert re.search(r"\w+\(\w+\.search,\w+\)", code)  # the worker's address is config.search
    base = (THEME / "base.html").read_text(encoding="utf-8")
    assert base.index('id="__config"') < base.index("{% block scripts %}")  # our script comes after it


def test_feed_links_stay_out_of_materials_language_version_selector():
    """Our feed <link>s carry rel=" alternate" (a leading space): still "alternate" for feed
    readers (rel is a token list), but not matched by the bundle's exact `link[rel=alternate]`,
    which would fetch sitemap.xml for every language version it finds."""
    assert '"link[rel=alternate]"' in bundle()
    alternates = (OVERRIDES / "sdw" / "alternates.html").read_text(encoding="utf-8")
    links = re.findall(r"<link\b[^>]*>", alternates)
    assert len(links) == 2 and all('rel=" alternate"' in link for link in links), links


def test_the_offline_worker_shim_goes_where_material_loads_polyfills():
    """The offline build puts the vendored iframe-worker shim in config.extra.polyfills
    (scripts/sdw/render.py); Material's base.html loads each of those before its bundle."""
    base = (THEME / "base.html").read_text(encoding="utf-8")
    assert "{% for script in config.extra.polyfills %}" in base
    assert (OVERRIDES / "assets" / "javascripts" / "vendor" / "iframe-worker-shim.js").is_file()
