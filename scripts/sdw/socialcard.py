"""Social card: the picture a link preview shows for a page without one of its own.

Pure and renderer-free: a title, an optional type label and the site's name in, the bytes of a
1200x630 PNG out, in the site's colours (overrides/assets/stylesheets/sdw.css). The font is
Pillow's own (`ImageFont.load_default(size=...)`, Aileron Regular through FreeType, which
Pillow's wheels include): no font file to download and none assumed on the machine, so the same
Pillow draws the same picture anywhere. That font has ASCII and a few marks only: a letter with
an accent (ë, é, ï, ç, ...) is drawn as its letter with the accent placed above it (a cedilla
below), a few other characters become their nearest ASCII form, the rest is left out.

`card_name` is the file name: a hash of what decides the picture (the texts and this renderer's
version), so an existing file of that name is the picture already and write_pages draws only
missing cards (sdw.write.AddressedFile, made in sdw.sharing.Card). Pillow's version is not part
of it: the generated pages name their card, and must not change with an installed library (a
new Pillow draws the same card, perhaps a pixel apart; RENDERER_VERSION changes with the design).
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFont

# Change when the picture changes for the same texts (layout, colours, wrapping): every card
# gets a new name, so no stale card is kept.
RENDERER_VERSION = "2"  # 2: PNG compress level 3

WIDTH, HEIGHT = 1200, 630
MIME = "image/png"

# The site's colours (sdw.css, light scheme): petrol primary, its dark shade, the strong orange.
BACKGROUND = (0x0B, 0x55, 0x63)  # --md-primary-fg-color
BAND = (0x08, 0x3F, 0x49)  # --md-primary-fg-color--dark
ACCENT = (0xB8, 0x43, 0x0F)  # --sdw-strong: white text on it 5.46:1
WHITE = (0xFF, 0xFF, 0xFF)  # white on petrol 8.42:1, on the band 10.6:1

MARGIN = 96  # left and right of the text
STRIPE = 24  # the orange stripe along the left edge
TITLE_SIZES = (76, 68, 60, 52)  # the largest at which the whole title fits is used
TITLE_MAX_LINES = 4
LINE_HEIGHT = 1.2
LABEL_SIZE = 32
SITE_SIZE = 40
BAND_TOP = 520
ELLIPSIS = "…"

# Characters the font lacks, by the nearest ones it has.
SUBSTITUTES = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "", "\u00ad": "",
    "\u201e": "\u201c", "\u201a": "\u2018", "\u2032": "'", "\u2033": '"', "\u2022": "\u00b7", "\u00d7": "x",
    "\u20ac": "EUR", "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE",
    "\u00f8": "o", "\u00d8": "O", "\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f0": "d", "\u00d0": "D",
    "\u00fe": "th", "\u00de": "Th",
}
# Combining marks drawn by hand: mark -> the character drawn for it ("" = two dots, a diaeresis).
MARKS = {"\u0301": "\u00b4", "\u0300": "`", "\u0302": "^", "\u0303": "~", "\u0308": "", "\u030a": "\u00b0",
         "\u0327": ","}
BELOW = frozenset({"\u0327"})


@dataclass(frozen=True)
class Cluster:
    """One drawn character: a letter the font has, optionally with marks placed on it by hand."""

    base: str
    marks: str = ""


def card_name(title: str, label: str = "", site: str = "") -> str:
    """The card's file name: it changes whenever the picture would."""
    key = "\0".join((RENDERER_VERSION, title, label, site))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + ".png"


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


@functools.cache
def _pixels(char: str) -> bytes:
    image = Image.new("L", (64, 64))
    ImageDraw.Draw(image).text((8, 48), char, font=_font(32), fill=255, anchor="ls")
    return image.tobytes()


@functools.cache
def _has(char: str) -> bool:
    """Whether the font draws `char` itself (not the box it draws for a missing glyph)."""
    return char == " " or (unicodedata.category(char)[0] not in "CZ" and _pixels(char) != _pixels("\ue000"))


def clusters(text: str) -> list[Cluster]:
    """`text` as characters the font can draw, accents split off to be placed by hand."""
    out: list[Cluster] = []
    for char in unicodedata.normalize("NFC", " ".join(text.split())):
        if _has(char):
            out.append(Cluster(char))
            continue
        if char in SUBSTITUTES:
            out.extend(Cluster(c) for c in SUBSTITUTES[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        if len(parts) > 1 and _has(parts[0]):
            out.append(Cluster(parts[0], "".join(m for m in parts[1:] if m in MARKS)))
            continue
        compat = unicodedata.normalize("NFKD", char)
        kept = [c for c in compat if _has(c)]
        out.extend(Cluster(c) for c in kept)  # else: nothing the font can show (left out)
    return out


def _runs(line: list[Cluster]) -> list[tuple[str, Cluster | None]]:
    """A line as plain text runs (drawn in one call, with the font's kerning) and marked letters."""
    runs: list[tuple[str, Cluster | None]] = []
    for c in line:
        if not c.marks and runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0] + c.base, None)
        else:
            runs.append((c.base, c if c.marks else None))
    return runs


def width(line: list[Cluster], font: ImageFont.FreeTypeFont) -> float:
    """Pixels the clusters take, as _draw_line advances over them."""
    return sum(font.getlength(text) for text, _ in _runs(line))


def words(text: str) -> list[list[Cluster]]:
    """The text's words, as clusters."""
    found: list[list[Cluster]] = [[]]
    for c in clusters(text):
        if c.base == " ":
            found.append([])
        else:
            found[-1].append(c)
    return [w for w in found if w]


def wrap(text: str, font: ImageFont.FreeTypeFont, room: float) -> list[list[Cluster]]:
    """Lines of at most `room` pixels, broken between words (inside a word only when it alone is
    too wide). Each word is measured once (with the font's kerning inside it)."""
    space = font.getlength(" ")
    lines: list[list[Cluster]] = []
    line: list[Cluster] = []
    used = 0.0
    for word in words(text):
        size = width(word, font)
        if line and used + space + size <= room:
            line += [Cluster(" "), *word]
            used += space + size
            continue
        if line:
            lines.append(line)
        line, used = [], 0.0
        if size <= room:
            line, used = list(word), size
            continue
        for c in word:  # a word wider than a line: as many letters as fit on each
            size = width([c], font)
            if line and used + size > room:
                lines.append(line)
                line, used = [], 0.0
            line.append(c)
            used += size
    if line:
        lines.append(line)
    return lines


def shorten(line: list[Cluster], font: ImageFont.FreeTypeFont, room: float) -> list[Cluster]:
    """The line with an ellipsis, letters (then a trailing space) dropped until it fits."""
    line = list(line)
    while line and width([*line, Cluster(ELLIPSIS)], font) > room:
        line.pop()
    while line and line[-1].base == " ":
        line.pop()
    return [*line, Cluster(ELLIPSIS)]


def layout(title: str, room: float, height: float) -> tuple[int, list[list[Cluster]]]:
    """The largest title size at which the title fits `room` pixels wide and `height` high (at
    most TITLE_MAX_LINES lines), with its lines; a title too long even at the smallest size is cut
    after the last line that fits, ending in an ellipsis."""
    lines: list[list[Cluster]] = []
    for size in TITLE_SIZES:
        most = min(TITLE_MAX_LINES, max(1, int((height - size) // (size * LINE_HEIGHT)) + 1))
        lines = wrap(title, _font(size), room)
        if len(lines) <= most:
            return size, lines
    return size, [*lines[:most - 1], shorten(lines[most - 1], _font(size), room)]


@functools.cache
def _ink_box(char: str, size: int) -> tuple[int, int, int, int]:
    """Where `char`'s ink lies relative to its baseline origin (left, top, right, bottom): the
    font's own boxes run from the baseline, so they say nothing about an accent's height."""
    pad = size * 2
    image = Image.new("L", (pad * 2, pad * 2), 0)
    ImageDraw.Draw(image).text((pad, pad), char, font=_font(size), fill=INK, anchor="ls")
    left, top, right, bottom = image.getbbox() or (pad, pad, pad, pad)
    return left - pad, top - pad, right - pad, bottom - pad


def _draw_marked(draw: ImageDraw.ImageDraw, x: float, y: float, c: Cluster, font: ImageFont.FreeTypeFont) -> None:
    """A letter with its marks, at baseline origin (x, y): each mark centred on the letter's ink,
    just above its top (an i or j loses its dot first) or, for a cedilla, just below it."""
    size = int(font.size)
    left, top, right, bottom = _ink_box(c.base, size)
    draw.text((x, y), c.base, font=font, fill=INK, anchor="ls")
    if c.base in "ij":  # dotless first: the dot is painted out, from just above the x-height up
        x_top = _ink_box("x", size)[1]
        draw.rectangle((x + left - 1, y + top - 1, x + right + 1, y + x_top - size * 0.05), fill=0)
        top = x_top
    centre = x + (left + right) / 2
    gap = round(size * 0.06)
    for mark in c.marks:
        glyph = MARKS[mark] or "."
        gl, gt, gr, gb = _ink_box(glyph, size)
        if mark in BELOW:  # its top just under the letter's bottom
            draw.text((centre - (gl + gr) / 2, y + bottom - gt), glyph, font=font, fill=INK, anchor="ls")
            bottom += gb - gt
            continue
        shift = y + top - gap - gb  # its bottom `gap` above the letter's (or the last mark's) top
        for dx in ((-size * 0.11, size * 0.11) if not MARKS[mark] else (0.0,)):  # a diaeresis: two dots
            draw.text((centre + dx - (gl + gr) / 2, shift), glyph, font=font, fill=INK, anchor="ls")
        top -= gap + gb - gt


def _draw_line(draw: ImageDraw.ImageDraw, x: float, y: float, line: list[Cluster],
               font: ImageFont.FreeTypeFont) -> None:
    for text, marked in _runs(line):
        if marked is None:
            draw.text((x, y), text, font=font, fill=INK, anchor="ls")
        else:
            _draw_marked(draw, x, y, marked, font)
        x += font.getlength(text)


# The card is drawn as two greyscale layers: where the text's ink is (INK, antialiased) and
# which surface lies below it (one of SURFACES). Each pixel's palette index is
# surface * LEVELS + ink level, so the PNG is a small palette image, encoded fast.
SURFACES = (BACKGROUND, BAND, ACCENT)
LEVELS = 32
INK = 255
_TO_LEVEL = [round(v * (LEVELS - 1) / 255) for v in range(256)]
_PALETTE = [round(s + (WHITE[i] - s) * level / (LEVELS - 1))
            for surface in SURFACES for level in range(LEVELS) for i, s in enumerate(surface)]


@functools.cache
def _background(site: str) -> tuple[Image.Image, Image.Image]:
    """What every card with this site name shares: its surfaces and the name's ink."""
    surfaces = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(surfaces)
    draw.rectangle((0, 0, STRIPE - 1, HEIGHT - 1), fill=SURFACES.index(ACCENT) * LEVELS)
    draw.rectangle((STRIPE, BAND_TOP, WIDTH - 1, HEIGHT - 1), fill=SURFACES.index(BAND) * LEVELS)
    ink = Image.new("L", (WIDTH, HEIGHT), 0)
    if site:
        baseline = BAND_TOP + (HEIGHT - BAND_TOP) / 2 + SITE_SIZE * 0.35
        _draw_line(ImageDraw.Draw(ink), MARGIN, baseline, clusters(site), _font(SITE_SIZE))
    return surfaces, ink


def render(title: str, label: str = "", site: str = "") -> bytes:
    """The card of one page: the PNG's bytes (the same bytes for the same texts and Pillow)."""
    shared_surfaces, shared_ink = _background(site)
    surfaces, ink = shared_surfaces.copy(), shared_ink.copy()
    draw = ImageDraw.Draw(ink)
    room = WIDTH - MARGIN - MARGIN
    top = 88.0
    if label:
        font = _font(LABEL_SIZE)
        text = clusters(label)
        pad_x, pad_y = 18, 12
        ascent = -font.getbbox("H", anchor="ls")[1]
        box_w = min(width(text, font), room - 2 * pad_x) + 2 * pad_x
        box_h = ascent + 2 * pad_y
        ImageDraw.Draw(surfaces).rounded_rectangle((MARGIN, top, MARGIN + box_w, top + box_h), radius=box_h / 2,
                                                   fill=SURFACES.index(ACCENT) * LEVELS)
        _draw_line(draw, MARGIN + pad_x, top + pad_y + ascent, text, font)
        top += box_h + 36
    size, lines = layout(title, room, BAND_TOP - 48 - top)
    font = _font(size)
    baseline = top + size * 0.8
    for line in lines:
        _draw_line(draw, MARGIN, baseline, line, font)
        baseline += size * LINE_HEIGHT
    card = ImageChops.add(ink.point(_TO_LEVEL), surfaces)
    card.putpalette(_PALETTE)
    out = io.BytesIO()
    # Level 3: half the encoding time of the default 6 (4.5 ms against 9.6 ms a card here, a
    # thousand cards on a cold build) for 18 KB instead of 14 KB; only link previews fetch them.
    card.save(out, "PNG", compress_level=3)
    return out.getvalue()
