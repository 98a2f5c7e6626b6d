"""One declaration per content type (schema.py) and markup in partials (overrides/sdw/blocks/):
the rest of the code reads the declaration, and Python hands the partials data, not HTML."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
from sdw import markup
from sdw.model import new_item
from sdw.pages import card, cards, frame_links
from sdw.schema import TYPES, TYPES_BY_NAME, Fact, Field, Kind, Show, check_declarations

SDW = Path(__file__).resolve().parents[1] / "scripts" / "sdw"


def _string_constants(path: Path):
    """The string constants of a module, without docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_type_and_field_names_live_in_the_declaration():
    """Outside schema.py a type, folder or field name appears only as an ordinary word (an Atom
    `link`, Open Graph's `website`, the filter key `soort`): 222 such constants before the redesign."""
    names = {t.name for t in TYPES} | {t.folder for t in TYPES if t.folder} | {f.name for t in TYPES for f in t.fields}
    found = [f"{p.name}:{n.lineno} {n.value}" for p in sorted(SDW.glob("*.py")) if p.name != "schema.py"
             for n in _string_constants(p) if n.value in names]
    assert len(found) < 30, found
    generator = [x for x in found if x.split(":")[0] in {"generate.py", "pages.py", "model.py", "filters.py"}]
    assert all(x.endswith((" link", " soort")) for x in generator), generator


@pytest.mark.parametrize("module", ["generate.py", "pages.py", "write.py", "players.py", "preview.py", "markup.py"])
def test_python_hands_the_partials_data_not_markup(module):
    tags = [f"{module}:{n.lineno} {n.value[:60]!r}" for n in _string_constants(SDW / module)
            if re.search(r"<[a-z][a-z0-9]*[\s>]", n.value) and not n.value.startswith(("<div class=\"sdw-video\"(",))]
    # players.py finds the generator's blocks with a regular expression; it writes none.
    allowed = {"players.py": 4}
    assert len(tags) <= allowed.get(module, 0), tags


def test_a_misspelt_field_in_a_declaration_fails_loudly():
    story = TYPES_BY_NAME["verhaal"]
    broken = dataclasses.replace(story, facts=story.facts + (Fact("Plaats", "plaatss"),))
    with pytest.raises(AssertionError, match="plaatss"):
        check_declarations((broken, *(t for t in TYPES if t is not story)))
    wrong_target = dataclasses.replace(story, fields=story.fields + (Field("x", Kind.REF, "x", target="nergens"),))
    with pytest.raises(AssertionError, match="nergens"):
        check_declarations((wrong_target, *(t for t in TYPES if t is not story)))


def test_item_values_are_typed_records_not_dictionaries():
    event = new_item(TYPES_BY_NAME["evenement"], "x", {"titel": "T", "samenvatting": "S", "plaats": "Utrecht"},
                     rel="evenementen/x.md")
    assert event.value("plaats") == "Utrecht" and event.value("einddatum") is None
    assert event.value("doelgroepen") == () and event.audiences == ()
    with pytest.raises(AttributeError):
        event.value("plaatsen")  # a misspelt field: an error, not a silently missing fact
    with pytest.raises(TypeError, match="plaatsen"):
        new_item(TYPES_BY_NAME["evenement"], "x", {"titel": "T", "samenvatting": "S", "plaatsen": "U"},
                 rel="evenementen/x.md")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.values.plaats = "Zwolle"


def test_every_declared_fact_shows_on_a_page():
    """Each type's facts are read from the declaration: every Show kind is used and handled."""
    used = {f.show for t in TYPES for f in t.facts}
    assert used == set(Show)


def test_partials_escape_by_default_and_refuse_unknown_names(tmp_path):
    hostile = new_item(TYPES_BY_NAME["tip"], "x", {
        "titel": "<script>alert(1)</script> [x](javascript:y) *z*", "samenvatting": '"><img src=x onerror=y>'},
        rel="tips/x.md")
    html = markup.render("listing.html", title="T", lead="L", blocks=[
        {"kind": "cards", "grid": cards([hostile], "tips/index.md")}])
    assert not re.search(r"(?<!\\)<(script|img)", html)  # as text: HTML-escaped, or Markdown-escaped in a link
    assert r"\<script\>alert(1)\</script\> \[x\](javascript:y) \*z\*" in html  # no Markdown of its own either
    assert "&#34;&gt;&lt;img" in html
    with pytest.raises(Exception, match="lead"):
        markup.render("listing.html", title="T", blocks=[])  # a name the data does not have


def test_a_card_is_data_with_links_relative_to_its_page():
    tip = new_item(TYPES_BY_NAME["tip"], "een-tip", {"titel": "Een tip", "samenvatting": "Kort."},
                   rel="tips/een-tip.md")
    assert card(tip, "index.md")["href"] == "tips/een-tip.md"
    assert card(tip, "themas/ips.md")["href"] == "../tips/een-tip.md"
    # No picture: a typographic card (no stand-in tile with initials), featured or not.
    assert card(tip, "tips/index.md", with_visual=True)["visual"] is None
    assert card(tip, "tips/index.md", with_visual=True)["featured"] is True


def test_the_frame_links_come_from_the_generator_constants():
    frame = frame_links()
    assert [link["href"] for link in frame["listings"]][:1] == [f"{TYPES[0].folder}/index.md"]
    assert frame["feed"][0]["href"].endswith(".xml")
    assert all(link["href"].endswith(".md") for link in frame["footer"] + frame["privacy"])


def test_a_card_rendered_once_gets_the_links_of_each_page():
    """rendered_card renders an item's card once and puts in each page's relative links."""
    from sdw.pages import rendered_card

    story = new_item(TYPES_BY_NAME["tip"], "een-tip", {
        "titel": "Een tip", "samenvatting": "Kort.", "afbeelding": "afbeeldingen/foto van mij.jpg",
        "afbeelding_alt": "Iemand aan een bureau"}, rel="tips/een-tip.md")
    home = rendered_card(story, "index.md", with_visual=True)
    theme = rendered_card(story, "themas/ips.md", with_visual=True)
    assert "](tips/een-tip.md)" in home and "![Iemand aan een bureau](<tips/afbeeldingen/foto%20van%20mij.jpg>)" in home
    assert "](../tips/een-tip.md)" in theme
    assert "![Iemand aan een bureau](<../tips/afbeeldingen/foto%20van%20mij.jpg>)" in theme
    assert "\ue000" not in home + theme
    assert home == markup.render("card.html", **card(story, "index.md", with_visual=True))
    assert list(story.rendered) == [(True, False)]  # rendered once for both pages
