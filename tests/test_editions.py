"""Editions ("Verhalen deze maand"): the home page opens with the newest one, the
archive lists them newest first, and every story links to its edition and the
editions before and after it."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES
from sdw.generate import Context, generate
from sdw.load import load_all
from sdw.model import build_site
from sdw.validate import validate

EDITION = """---
titel: "Verhalen deze maand #{n}"
samenvatting: "Editie {n} in het kort."
nummer: {n}
datum: 2021-0{n}
---

Tekst van editie {n}.
"""
STORY = """---
titel: "Verhaal uit editie {n}"
samenvatting: "Een verhaal uit editie {n}."
datum: 2021-0{n}-15
doelgroepen:
  - werkgevers
editie: editie-{n}
personen:
  - naam: Anna de Vries
    rol: werkgever
---

Een verhaal.
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    content = tmp_path_factory.mktemp("edities") / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    # Three editions, written out of order on purpose; editie-1 already exists.
    for n in (3, 2):
        (content / "edities" / f"editie-{n}.md").write_text(EDITION.format(n=n), encoding="utf-8")
    for n in (1, 2, 3):
        (content / "verhalen" / f"uit-editie-{n}.md").write_text(STORY.format(n=n), encoding="utf-8")
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    return {p.path: p for p in generate(build_site(result.records), Context())}


def test_home_opens_with_the_newest_edition_and_its_stories(pages):
    body = pages["index.md"].body
    first_h2 = re.search(r"^## (.+)$", body, re.M).group(1)
    assert first_h2 == "[Verhalen deze maand \\#3](edities/editie-3.md) { .sdw-edition__title }"
    edition = body[body.index('<section class="sdw-edition'):body.index("</section>")]
    assert "Nieuwste editie · Editie 3 · maart 2021" in edition
    assert "Editie 3 in het kort." in edition
    # its story, as a featured typographic card (no stand-in picture); no other edition's story
    assert "[Verhaal uit editie 3](verhalen/uit-editie-3.md)" in edition
    assert '<article class="sdw-card sdw-card--verhaal sdw-card--featured"' in edition
    assert "sdw-card__visual" not in edition and "aria-hidden" not in edition
    assert "Een verhaal uit editie 3." in edition
    assert "uit-editie-2" not in edition
    assert "(edities/index.md)" in edition


def test_the_edition_archive_lists_every_edition_newest_first(pages):
    body = pages["edities/index.md"].body
    order = re.findall(r"\]\((editie-\d)\.md\)", body)
    assert order == ["editie-3", "editie-2", "editie-1"]
    assert "Editie 2 · februari 2021" in body


@pytest.mark.parametrize("n, previous, following", [(1, None, 2), (2, 1, 3), (3, 2, None)])
def test_a_story_links_to_its_edition_and_the_previous_and_next(pages, n, previous, following):
    body = pages[f"verhalen/uit-editie-{n}.md"].body
    nav = body[body.index('<nav class="sdw-edition-nav"'):body.index("</nav>")]
    assert f"[Uit editie {n}: Verhalen deze maand \\#{n}](../edities/editie-{n}.md)" in nav
    if previous:
        assert f"[Vorige editie: Verhalen deze maand \\#{previous}](../edities/editie-{previous}.md)" in nav
    else:
        assert "Vorige editie" not in nav
    if following:
        assert f"[Volgende editie: Verhalen deze maand \\#{following}](../edities/editie-{following}.md)" in nav
    else:
        assert "Volgende editie" not in nav


def test_an_edition_page_lists_its_stories_and_neighbours(pages):
    body = pages["edities/editie-2.md"].body
    assert "[Verhaal uit editie 2](../verhalen/uit-editie-2.md)" in body
    assert "Vorige editie: Verhalen deze maand \\#1" in body and "Volgende editie: Verhalen deze maand \\#3" in body


def test_an_article_image_shows_on_its_card_and_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    photo = FIXTURES / "rules" / "SDW028-geen-alt-tekst" / "pass" / "verhalen" / "afbeeldingen" / "foto.png"
    (content / "verhalen" / "afbeeldingen").mkdir()
    shutil.copy(photo, content / "verhalen" / "afbeeldingen" / "foto.png")
    story = STORY.format(n=1).replace("editie: editie-1\n", "editie: editie-1\nafbeelding: afbeeldingen/foto.png\n"
                                      'afbeelding_alt: "Twee collega\'s aan een bureau"\n')
    (content / "verhalen" / "met-foto.md").write_text(story, encoding="utf-8")
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    pages = {p.path: p for p in generate(build_site(result.records, load_all(content, content.parent).assets))}
    home = pages["index.md"].body
    # on the home page's edition card: the photo, with its alt text
    assert ('<p class="sdw-card__visual" markdown="span">![Twee collega\'s aan een bureau]'
            '(<verhalen/afbeeldingen/foto.png>){ loading="lazy" decoding="async" }</p>') in home
    # on the theme-less listing of stories too (no tile there for stories without a photo)
    listing = pages["verhalen/index.md"].body
    assert "![Twee collega's aan een bureau](<afbeeldingen/foto.png>)" in listing
    assert listing.count("sdw-card__visual") == 1
    page = pages["verhalen/met-foto.md"].body
    assert "![Twee collega's aan een bureau](<afbeeldingen/foto.png>)" in page
