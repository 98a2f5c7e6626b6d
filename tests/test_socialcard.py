"""Social cards: the picture of a link preview for a page without one of its own.

The renderer (sdw.socialcard: texts -> PNG bytes), the card's content-addressed name, how
write_pages makes a card only when its file is missing and removes stale ones, and the picture
generate() gives every page (the built site's tags are checked in test_seo.py)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import subprocess
import sys
import zlib

import pytest
from conftest import FIXTURES, ROOT, write_png
from PIL import Image, ImageChops, ImageDraw
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


# ---------- the drawing: the pixels of draw.text, the PNG written by hand ----------

def reference(title: str, label: str, site: str) -> Image.Image:
    """The card as renderer 2 drew it (RGB): one ImageDraw.text call per run of plain letters and
    per letter or mark of a marked one, on full-size layers; the same layout (S.layout)."""
    def marked(draw, x, y, c, font):
        size = int(font.size)
        left, top, right, bottom = S._ink_box(c.base, size)
        draw.text((x, y), c.base, font=font, fill=S.INK, anchor="ls")
        if c.base in "ij":
            x_top = S._ink_box("x", size)[1]
            draw.rectangle((x + left - 1, y + top - 1, x + right + 1, y + x_top - size * 0.05), fill=0)
            top = x_top
        centre = x + (left + right) / 2
        gap = round(size * 0.06)
        for mark in c.marks:
            glyph = S.MARKS[mark] or "."
            gl, gt, gr, gb = S._ink_box(glyph, size)
            if mark in S.BELOW:
                draw.text((centre - (gl + gr) / 2, y + bottom - gt), glyph, font=font, fill=S.INK, anchor="ls")
                bottom += gb - gt
                continue
            shift = y + top - gap - gb
            for dx in ((-size * 0.11, size * 0.11) if not S.MARKS[mark] else (0.0,)):
                draw.text((centre + dx - (gl + gr) / 2, shift), glyph, font=font, fill=S.INK, anchor="ls")
            top -= gap + gb - gt

    def line(draw, x, y, clusters, font):
        for text, mark in S._runs(clusters):
            if mark is None:
                draw.text((x, y), text, font=font, fill=S.INK, anchor="ls")
            else:
                marked(draw, x, y, mark, font)
            x += font.getlength(text)

    surfaces = Image.new("L", (S.WIDTH, S.HEIGHT), 0)
    draw = ImageDraw.Draw(surfaces)
    draw.rectangle((0, 0, S.STRIPE - 1, S.HEIGHT - 1), fill=S.SURFACES.index(S.ACCENT) * S.LEVELS)
    draw.rectangle((S.STRIPE, S.BAND_TOP, S.WIDTH - 1, S.HEIGHT - 1), fill=S.SURFACES.index(S.BAND) * S.LEVELS)
    ink = Image.new("L", (S.WIDTH, S.HEIGHT), 0)
    pen = ImageDraw.Draw(ink)
    if site:
        line(pen, S.MARGIN, S.BAND_TOP + (S.HEIGHT - S.BAND_TOP) / 2 + S.SITE_SIZE * 0.35, S.clusters(site),
             S._font(S.SITE_SIZE))
    top = 88.0
    if label:
        font = S._font(S.LABEL_SIZE)
        text = S.clusters(label)
        ascent = -font.getbbox("H", anchor="ls")[1]
        box_w = min(sum(font.getlength(t) for t, _ in S._runs(text)), ROOM - 36) + 36
        box_h = ascent + 24
        draw.rounded_rectangle((S.MARGIN, top, S.MARGIN + box_w, top + box_h), radius=box_h / 2,
                               fill=S.SURFACES.index(S.ACCENT) * S.LEVELS)
        line(pen, S.MARGIN + 18, top + 12 + ascent, text, font)
        top += box_h + 36
    size, lines = S.layout(title, ROOM, S.BAND_TOP - 48 - top)
    baseline = top + size * 0.8
    for clusters in lines:
        line(pen, S.MARGIN, baseline, clusters, S._font(size))
        baseline += size * S.LINE_HEIGHT
    card = ImageChops.add(ink.point(S._TO_LEVEL), surfaces)
    card.putpalette(S._PALETTE)
    return card.convert("RGB")


CARDS = [("Één café in Zuid-Kennemerland", "Verhaal", "Sterk door Werk"),
         ("Financiële coöperatie: ïjs, reçu – €5 “fijn” effect, Tj Wa ffi?", "Nieuws", "Sterk door Werk"),
         (LONG, "Kennis", "Sterk door Werk"),
         ("Arbeidsongeschiktheidsverzekeringsmaatschappijbeleidsmedewerkersopleiding", "", "Sterk door Werk"),
         ("Werk als medicijn", "Tip", ""), ("", "Veelgestelde vraag", "Sterk door Werk"), ("", "", "")]


@pytest.mark.parametrize("title, label, site", CARDS)
def test_a_card_has_the_pixels_of_drawing_each_run_with_draw_text(title, label, site):
    """Glyphs from the cache, placed by the font's advances, are what one draw.text call per run
    draws (today to the pixel). The bounds allow a Pillow that blends a shade apart, and catch a
    glyph a pixel off or a letter or accent missing: its edges are far more than 3 shades off."""
    new, old = picture(S.render(title, label, site)).convert("RGB"), reference(title, label, site)
    diff = ImageChops.difference(new, old)
    histogram = diff.histogram()  # R, G and B: 256 counts each
    total = sum(value * count for value, count in enumerate(histogram[:256]))
    assert total / (S.WIDTH * S.HEIGHT) < 0.05, "mean difference of a pixel's red, in levels"
    assert max(high for _, high in diff.getextrema()) <= 24, "no pixel more than 3 shades off"
    assert sum(histogram[1:256]) < S.WIDTH * S.HEIGHT // 1000, "hardly any pixel differs at all"


def test_a_missing_accent_or_a_glyph_a_pixel_off_would_show():
    """The bounds above catch what matters: the same card without an accent, or with its title a
    pixel to the right, is far off."""
    title, label, site = CARDS[0]
    card = reference(title, label, site)
    for other in (reference("Een café in Zuid-Kennemerland", label, site),
                  picture(S.render("Één cafe in Zuid-Kennemerland", label, site)).convert("RGB"),
                  ImageChops.offset(card, 1, 0)):
        assert max(high for _, high in ImageChops.difference(card, other).getextrema()) > 24


def test_the_png_stream_is_whole_and_its_checksum_right():
    """The PNG is written here: zlib checks the IDAT stream's Adler-32 (Pillow's decoder does not),
    its rows are the picture's, and the checksum of pieces is combined as zlib would compute it."""
    for title, label, site in CARDS:
        data = S.render(title, label, site)
        at = data.index(b"IDAT")
        (length,) = struct.unpack(">I", data[at - 4:at])
        rows = zlib.decompress(data[at + 4:at + 4 + length])
        assert len(rows) == S.HEIGHT * (S.WIDTH + 1) and rows[::S.WIDTH + 1] == bytes(S.HEIGHT)  # filter: none
        pixels = picture(data).tobytes()
        assert b"".join(rows[r * (S.WIDTH + 1) + 1:(r + 1) * (S.WIDTH + 1)] for r in range(S.HEIGHT)) == pixels
    first, second = b"Sterk door Werk" * 4099, bytes(range(256)) * 300
    assert S._adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(first + second)
    assert S._adler32_combine(1, zlib.adler32(b""), 0) == 1


def test_widths_are_those_of_the_font_over_each_run():
    """The cached advances measure a line as font.getlength over its runs, so wrapping is as before."""
    for size in S.TITLE_SIZES:
        font = S._font(size)
        for title, *_ in CARDS:
            for line in S.wrap(title, font, ROOM):
                assert S.width(line, font) == sum(font.getlength(text) for text, _ in S._runs(line))


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
