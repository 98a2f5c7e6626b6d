"""Social cards: the picture of a link preview for a page without one of its own.

The renderer (sdw.socialcard: texts -> PNG bytes), the card's content-addressed name, how
write_pages makes a card only when its file is missing and removes stale ones, and the picture
generate() gives every page (the built site's tags are checked in test_seo.py)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, write_png
from PIL import Image
from sdw import socialcard as S
from sdw.generate import Context, Page, generate, write_pages
from sdw.load import Asset, load_all
from sdw.model import build_site
from sdw.sharing import CARD_FOLDER, Card
from sdw.validate import validate
from sdw.write import AddressedFile

ROOM = S.WIDTH - 2 * S.MARGIN
LONG = "Een heel lange titel over werk en psychische kwetsbaarheid bij werkgevers in de regio " * 6


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()  # reads every pixel: a truncated or broken PNG fails here
    return image


# ---------- the renderer ----------

@pytest.mark.parametrize("title, label", [("Pearl Hartgers: samenwerking in de regio’s nog niet verankerd", "Verhaal"),
                                          ("Verhalen", ""), (LONG, "Kennis"), ("", "")])
def test_a_card_is_a_valid_1200_by_630_png(title, label):
    image = picture(S.render(title, label, "Sterk door Werk"))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert image.mode == "P" and len(image.getpalette()) // 3 <= 256


def test_a_card_is_drawn_in_the_site_colours_with_white_text():
    image = picture(S.render("Werk als medicijn", "Verhaal", "Sterk door Werk")).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1200 * 630)}
    for colour in (S.BACKGROUND, S.BAND, S.ACCENT, S.WHITE):
        assert colour in colours
    assert image.getpixel((600, 300)) == S.BACKGROUND and image.getpixel((5, 5)) == S.ACCENT
    assert image.getpixel((1190, 620)) == S.BAND


def test_the_same_texts_give_the_same_bytes_in_another_process():
    args = ["Financiële ideeën: één café", "Nieuws", "Sterk door Werk"]
    here = hashlib.sha256(S.render(*args)).hexdigest()
    code = ("import hashlib, json, sys; from sdw import socialcard as S; "
            "print(hashlib.sha256(S.render(*json.loads(sys.argv[1]))).hexdigest())")
    there = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True,
                           check=True, env={"PYTHONPATH": str(ROOT / "scripts")}).stdout.strip()
    assert here == there
    assert S.render(*args) != S.render("Financiële ideeën: één café", "Tip", "Sterk door Werk")


def test_a_short_title_is_one_line_at_the_largest_size():
    size, lines = S.layout("Verhalen", ROOM, 400)
    assert size == S.TITLE_SIZES[0] and ["".join(c.base for c in line) for line in lines] == ["Verhalen"]


def test_a_long_title_wraps_between_words_and_every_line_fits():
    title = "Pearl Hartgers: samenwerking in de regio’s nog niet verankerd, zegt de projectleider"
    size, lines = S.layout(title, ROOM, 400)
    text = ["".join(c.base for c in line) for line in lines]
    assert len(lines) > 1 and " ".join(text) == title  # nothing lost, broken at spaces only
    assert all(S.width(line, S._font(size)) <= ROOM for line in lines)


def test_a_too_long_title_is_shortened_with_an_ellipsis():
    size, lines = S.layout(LONG, ROOM, 400)
    assert size == S.TITLE_SIZES[-1] and len(lines) == S.TITLE_MAX_LINES
    last = "".join(c.base for c in lines[-1])
    assert last.endswith(S.ELLIPSIS) and not last.endswith(" " + S.ELLIPSIS)
    assert all(S.width(line, S._font(size)) <= ROOM for line in lines)
    assert LONG.startswith(" ".join("".join(c.base for c in line) for line in lines)[:-1].rstrip())


def test_fewer_lines_fit_below_a_label():
    assert len(S.layout(LONG, ROOM, 200)[1]) < len(S.layout(LONG, ROOM, 400)[1])


def test_one_word_wider_than_a_line_is_broken_inside():
    word = "Arbeidsongeschiktheidsverzekeringsmaatschappijbeleidsmedewerkersopleiding"
    size, lines = S.layout(word, ROOM, 400)
    assert len(lines) > 1 and "".join("".join(c.base for c in line) for line in lines) == word


def test_accented_letters_keep_their_accents_and_nothing_shows_as_a_missing_glyph():
    """Pillow's built-in font has ASCII only: ë is an e with a diaeresis drawn on it."""
    found = S.clusters("Financiële coöperatie, één café, reçu – €5")
    assert S.Cluster("e", "\u0308") in found and S.Cluster("e", "\u0301") in found
    assert S.Cluster("c", "\u0327") in found and S.Cluster("o", "\u0308") in found
    assert "".join(c.base for c in found) == "Financiele cooperatie, een cafe, recu - EUR5"
    assert all(S._has(c.base) for c in found)
    assert S.words("\u4e2d\U0001f600 werk") == S.words("werk")  # what the font cannot show is left out
    # An accent is drawn: the card differs from the one without it.
    assert S.render("één", "", "") != S.render("een", "", "")


# ---------- the name ----------

def test_the_name_changes_with_whatever_changes_the_picture(monkeypatch):
    name = S.card_name("Titel", "Verhaal", "Sterk door Werk")
    assert name.endswith(".png") and name == S.card_name("Titel", "Verhaal", "Sterk door Werk")
    others = {S.card_name("Titel.", "Verhaal", "Sterk door Werk"), S.card_name("Titel", "Tip", "Sterk door Werk"),
              S.card_name("Titel", "Verhaal", ""), S.card_name("Titel", "", "Verhaal Sterk door Werk")}
    assert name not in others and len(others) == 4
    monkeypatch.setattr(S, "RENDERER_VERSION", S.RENDERER_VERSION + "-volgende")
    assert S.card_name("Titel", "Verhaal", "Sterk door Werk") != name


def test_a_card_lives_below_the_card_folder_and_describes_itself():
    card = Card("Werk als medicijn", "Verhaal")
    assert card.path == f"{CARD_FOLDER}/{S.card_name('Werk als medicijn', 'Verhaal', 'Sterk door Werk')}"
    assert card.alt == "Verhaal · Werk als medicijn · Sterk door Werk"
    assert Card("Verhalen").alt == "Verhalen · Sterk door Werk"


# ---------- writing: made only when missing, stale ones removed ----------

def counted(path: str, calls: list[str]) -> AddressedFile:
    def make() -> bytes:
        calls.append(path)
        return S.render(path)
    return AddressedFile(path, make)


def test_an_existing_card_is_not_drawn_again(tmp_path):
    calls: list[str] = []
    page = Page("index.md", {"title": "Thuis"}, "Tekst.")
    first = write_pages([page, counted("assets/social/a.png", calls)], tmp_path)
    assert calls == ["assets/social/a.png"] and "assets/social/a.png" in first.written
    assert picture((tmp_path / "assets/social/a.png").read_bytes()).size == (1200, 630)
    before = (tmp_path / "assets/social/a.png").stat().st_mtime_ns
    second = write_pages([page, counted("assets/social/a.png", calls)], tmp_path)
    assert calls == ["assets/social/a.png"], "drawn again although its file exists"
    assert second.written == () and second.unchanged == 2 and second.removed == ()
    assert (tmp_path / "assets/social/a.png").stat().st_mtime_ns == before
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_stale_card_is_removed_and_authors_images_stay(tmp_path):
    calls: list[str] = []
    photo = Asset("content/verhalen/afbeeldingen/foto.png", "verhalen/afbeeldingen/foto.png",
                  write_png(tmp_path / "src" / "foto.png").read_bytes())
    docs = tmp_path / "docs"
    write_pages([counted("assets/social/oud.png", calls)], docs, (photo,))
    report = write_pages([counted("assets/social/nieuw.png", calls)], docs, (photo,))
    assert report.removed == ("assets/social/oud.png",) and report.written == ("assets/social/nieuw.png",)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        "assets/social/nieuw.png", "verhalen/afbeeldingen/foto.png"]
    assert (docs / "verhalen/afbeeldingen/foto.png").read_bytes() == photo.data
    write_pages([], docs, (photo,))  # no cards at all: their folder goes, the author's image stays
    assert not (docs / "assets").exists() and (docs / "verhalen/afbeeldingen/foto.png").is_file()


def test_an_addressed_file_is_compared_by_name_without_being_made():
    calls: list[str] = []
    a, b = counted("assets/social/a.png", calls), counted("assets/social/a.png", calls)
    assert a == b and hash(a) == hash(b) and "a.png" in repr(a) and calls == []


# ---------- generate: a picture for every page, one file per card ----------

@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The golden corpus plus a story with its own picture, generated for a site in a subfolder."""
    content = tmp_path_factory.mktemp("cards") / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    write_png(content / "verhalen" / "afbeeldingen" / "foto.png")
    (content / "verhalen" / "met-foto.md").write_text("""---
titel: "Een verhaal met een foto"
samenvatting: "Een verhaal met een eigen afbeelding."
datum: 2019-05-01
doelgroepen:
  - werkgevers
personen:
  - naam: Voornaam Achternaam
    rol: functie
afbeelding: afbeeldingen/foto.png
afbeelding_alt: "Twee collega's aan een bureau"
---
Tekst.
""", encoding="utf-8")
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    return generate(build_site(result.records), Context(base_url="https://sdw.example.net/sub/"))


def test_every_page_has_a_picture_and_every_card_a_file(generated):
    pages = [p for p in generated if isinstance(p, Page)]
    cards = {p.path: p for p in generated if isinstance(p, AddressedFile)}
    assert len(cards) == sum(1 for p in generated if isinstance(p, AddressedFile)), "one file per card"
    for page in pages:
        image = page.meta["sdw_og"]["image"]
        assert image["url"].startswith("https://sdw.example.net/sub/") and image["alt"], page.path
        card = page.meta["sdw_og"].get("card")
        if card:
            path = Card(**card).path
            assert image["url"] == "https://sdw.example.net/sub/" + path and path in cards, page.path
            assert (image["width"], image["height"], image["type"]) == (1200, 630, "image/png")
    used = {Card(**p.meta["sdw_og"]["card"]).path for p in pages if "card" in p.meta["sdw_og"]}
    assert used == set(cards), "no card without a page"


def test_cards_say_what_the_page_is(generated):
    pages = {p.path: p for p in generated if isinstance(p, Page)}
    story = pages["verhalen/voorbeeld.md"].meta
    assert story["sdw_og"]["card"] == {"title": story["title"], "label": "Verhaal", "site": "Sterk door Werk"}
    listing = pages["verhalen/index.md"].meta
    assert listing["sdw_og"]["card"] == {"title": "Verhalen", "label": "", "site": "Sterk door Werk"}
    assert listing["sdw_og"]["image"]["alt"] == "Verhalen · Sterk door Werk"
    home = pages["index.md"].meta["sdw_og"]
    assert home["card"]["site"] == "Sterk door Werk" and home["card"]["title"] != "Sterk door Werk"
    json.dumps([p.meta for p in pages.values()])  # plain data in the front-matter


def test_an_item_with_its_own_picture_shows_that_picture(generated):
    story = next(p for p in generated if isinstance(p, Page) and p.path == "verhalen/met-foto.md")
    og = story.meta["sdw_og"]
    assert og["image"] == {"url": "https://sdw.example.net/sub/verhalen/afbeeldingen/foto.png",
                           "alt": "Twee collega's aan een bureau"}
    assert "card" not in og
    assert not any(isinstance(p, AddressedFile) and p.path == Card(story.meta["title"], "Verhaal").path
                   for p in generated)


def test_generating_draws_no_card(generated, monkeypatch):
    """Cards are drawn by write_pages, only for a missing file: generating alone draws none."""
    calls = []
    monkeypatch.setattr(S, "render", lambda *a: calls.append(a) or b"")
    content = FIXTURES / "golden-content"
    result = validate(load_all(content, content.parent))
    pages = generate(build_site(result.records), Context())
    assert calls == [] and any(isinstance(p, AddressedFile) for p in pages)
