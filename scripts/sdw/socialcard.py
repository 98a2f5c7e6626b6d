"""Social card: the picture a link preview shows for a page without one of its own.

Pure and renderer-free: a title, an optional type label and the site's name in, the bytes of a
1200x630 PNG out, in the site's colours (overrides/assets/stylesheets/sdw.css). The font is
Pillow's own (`ImageFont.load_default(size=...)`, Aileron Regular through FreeType, which
Pillow's wheels include): no font file to download and none assumed on the machine, so the same
Pillow draws the same picture anywhere. That font has ASCII and a few marks only: a letter with
an accent (ë, é, ï, ç, ...) is drawn as its letter with the accent placed above it (a cedilla
below), a few other characters become their nearest ASCII form, the rest is left out.

Drawing is what `ImageDraw.text` does, without its cost per call: FreeType renders each glyph at
whole pixels, so each glyph's mask is rendered once (per size and the 64th of a pixel its origin
falls on) and placed by the font's advances and kerning, blended in as draw.text blends a run,
which gives the very pixels of a draw.text call per run (tests/test_socialcard.py holds the two
against each other). The text is two greyscale layers, its ink and the surface below it, made
into one 8-bit palette image; what a site name and label share (surfaces, label, site name) is
drawn once. The PNG is written here: its deflate stream is made of independent pieces of
BAND_ROWS rows, and the pieces without title are compressed once per site name and label, so a
card compresses only the rows its title is in.

`card_name` is the file name: a hash of what decides the picture (the texts and this renderer's
version), so an existing file of that name is the picture already and write_pages draws only
missing cards (sdw.write.AddressedFile, made in sdw.sharing.Card). Pillow's version is not part
of it: the generated pages name their card, and must not change with an installed library (a
new Pillow draws the same card, perhaps a pixel apart; RENDERER_VERSION changes with the design).
"""

from __future__ import annotations

import functools
import hashlib
import math
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFont

# Change when the picture changes for the same texts (layout, colours, wrapping): every card
# gets a new name, so no stale card is kept. Also changed with the PNG's encoding (other bytes).
RENDERER_VERSION = "3"  # 3: cached glyphs, PNG in pieces (the pixels of 2, other bytes); 2: level 3

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


@functools.cache
def _length(text: str, size: int) -> float:
    return _font(size).getlength(text)


@functools.cache
def _pair(first: str, second: str, size: int) -> float:
    """What `second` adds to a run's length after `first`: its advance plus the font's kerning."""
    return _length(first + second, size) - _length(first, size)


def _offsets(text: str, size: int) -> tuple[list[float], float]:
    """Where each character of a run starts, relative to the run's start, and the run's length,
    both as one FreeType call over the run has them (kerning between neighbours included)."""
    offsets: list[float] = []
    length = 0.0
    previous = ""
    for char in text:
        length += _pair(previous, char, size) if previous else _length(char, size)
        offsets.append(length - _length(char, size))  # the kerning moves the letter, not its end
        previous = char
    return offsets, length


def width(line: list[Cluster], font: ImageFont.FreeTypeFont) -> float:
    """Pixels the clusters take, as _place_line advances over them."""
    size = int(font.size)
    return sum(_offsets(text, size)[1] for text, _ in _runs(line))


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


def _phase(value: float) -> float:
    """A position's fraction of a pixel as FreeType places a glyph by it: in 64ths, rounded."""
    return math.floor((value - int(value)) * 64 + 0.5) / 64


@functools.cache
def _glyph(char: str, size: int, phase_x: float, phase_y: float) -> tuple[Any, int, int]:
    """`char`'s antialiased mask, as draw.text draws it with its baseline origin at a point this
    fraction of a pixel past a whole one, and where the mask's corner lies from that whole point.
    FreeType renders every glyph at whole pixels (only its origin is rounded from the fraction),
    so these masks, placed by the font's advances, are the pixels one draw.text call makes."""
    mask, (x, y) = _font(size).getmask2(char, "L", anchor="ls", start=(phase_x, phase_y))
    return mask, x, y


class _Ink:
    """A layer of white text: glyphs placed (and an i's dot painted out) in order, drawn at the
    end onto a greyscale image just big enough for them."""

    def __init__(self) -> None:
        self.steps: list[tuple[Any, int, int, int, int]] = []  # (mask, or None to paint out; box)
        self.box = (math.inf, math.inf, -math.inf, -math.inf)  # of the masks

    def _add(self, mask: Any, left: int, top: int, right: int, bottom: int) -> None:
        self.steps.append((mask, left, top, right, bottom))
        if mask is not None:
            box = self.box
            self.box = (min(box[0], left), min(box[1], top), max(box[2], right), max(box[3], bottom))

    def text(self, x: float, y: float, text: str, size: int) -> float:
        """A run of text with its baseline origin at (x, y), as draw.text(anchor="ls") places
        it; returns its length."""
        offsets, length = _offsets(text, size)
        for char, offset in zip(text, offsets, strict=True):
            gx = x + offset
            mask, left, top = _glyph(char, size, _phase(gx), _phase(y))
            if mask.size[0] and mask.size[1]:
                left += int(gx)
                top += int(y)
                self._add(mask, left, top, left + mask.size[0], top + mask.size[1])
        return length

    def clear(self, left: float, top: float, right: float, bottom: float) -> None:
        """Paint out what is drawn so far in this box (as draw.rectangle(fill=0) would: its
        corners cut to whole pixels)."""
        self._add(None, int(left), int(top), int(right), int(bottom))

    def draw(self) -> tuple[Image.Image | None, tuple[int, int]]:
        """The ink (None without any) and where its top left corner lies."""
        if self.box[0] == math.inf:
            return None, (0, 0)
        x0, y0, x1, y1 = (int(v) for v in self.box)
        image = Image.new("L", (x1 - x0, y1 - y0), 0)
        draw = ImageDraw.Draw(image)
        for mask, left, top, right, bottom in self.steps:
            if mask is None:
                draw.rectangle((left - x0, top - y0, right - x0, bottom - y0), fill=0)
            else:  # what draw.text does with the mask FreeType renders: blend INK in by it
                draw.draw.draw_bitmap((left - x0, top - y0), mask, INK)
        return image, (x0, y0)


def _place_marked(ink: _Ink, x: float, y: float, c: Cluster, size: int) -> None:
    """A letter with its marks, at baseline origin (x, y): each mark centred on the letter's ink,
    just above its top (an i or j loses its dot first) or, for a cedilla, just below it."""
    left, top, right, bottom = _ink_box(c.base, size)
    ink.text(x, y, c.base, size)
    if c.base in "ij":  # dotless first: the dot is painted out, from just above the x-height up
        x_top = _ink_box("x", size)[1]
        ink.clear(x + left - 1, y + top - 1, x + right + 1, y + x_top - size * 0.05)
        top = x_top
    centre = x + (left + right) / 2
    gap = round(size * 0.06)
    for mark in c.marks:
        glyph = MARKS[mark] or "."
        gl, gt, gr, gb = _ink_box(glyph, size)
        if mark in BELOW:  # its top just under the letter's bottom
            ink.text(centre - (gl + gr) / 2, y + bottom - gt, glyph, size)
            bottom += gb - gt
            continue
        shift = y + top - gap - gb  # its bottom `gap` above the letter's (or the last mark's) top
        for dx in ((-size * 0.11, size * 0.11) if not MARKS[mark] else (0.0,)):  # a diaeresis: two dots
            ink.text(centre + dx - (gl + gr) / 2, shift, glyph, size)
        top -= gap + gb - gt


def _place_line(ink: _Ink, x: float, y: float, line: list[Cluster], size: int) -> None:
    for text, marked in _runs(line):
        if marked is None:
            x += ink.text(x, y, text, size)
        else:
            _place_marked(ink, x, y, marked, size)
            x += _offsets(text, size)[1]


# The card is drawn as two greyscale layers: where the text's ink is (INK, antialiased) and
# which surface lies below it (one of SURFACES). Each pixel's palette index is
# surface * LEVELS + ink level, so the PNG is a small palette image, encoded fast.
SURFACES = (BACKGROUND, BAND, ACCENT)
LEVELS = 32
INK = 255
_TO_LEVEL = [round(v * (LEVELS - 1) / 255) for v in range(256)]
_PALETTE = [round(s + (WHITE[i] - s) * level / (LEVELS - 1))
            for surface in SURFACES for level in range(LEVELS) for i, s in enumerate(surface)]


def _indices(surfaces: Image.Image, ink: _Ink, into: Image.Image) -> tuple[int, int]:
    """Puts the ink's palette indices (its level on the surface below it) into `into`, where the
    ink lies, and returns the rows it lies in (first, last + 1); around it `into` stays as it is."""
    image, (x, y) = ink.draw()
    if image is None:
        return 0, 0
    box = (x, y, x + image.width, y + image.height)
    into.paste(ImageChops.add(image.point(_TO_LEVEL), surfaces.crop(box)), box)
    return max(0, y), min(HEIGHT, y + image.height)


# The PNG's pixels are one deflate stream, here made of pieces of BAND_ROWS rows each compressed
# on its own (ending on a byte, nothing in one refers to another), so a piece without title is
# the same bytes on every card with that site name and label: those are compressed once, only the
# rows with the title on every card.
BAND_ROWS = 30
PIECE_LEVEL = 9  # once per site name and label
TITLE_LEVEL = 1  # every card: fastest; with the pieces at 9 a card is still smaller than at level 3 whole


def _scanlines(indices: Image.Image, first: int, end: int) -> bytes:
    """The rows' PNG scanlines: each row's palette indices after its filter type, 0 (none)."""
    data = indices.crop((0, first, WIDTH, end)).tobytes()
    return b"".join(b"\0" + data[at:at + WIDTH] for at in range(0, len(data), WIDTH))


def _deflate(data: bytes, level: int) -> bytes:
    """`data` as a piece of a deflate stream, independent of what comes before or after it."""
    encoder = zlib.compressobj(level, zlib.DEFLATED, -15)
    return encoder.compress(data) + encoder.flush(zlib.Z_SYNC_FLUSH)


def _adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two pieces of data one after the other, from theirs (zlib's
    adler32_combine, which Python's zlib does not offer)."""
    base = 65521
    rem = second_length % base
    low = first & 0xFFFF
    high = (rem * low) % base
    low += (second & 0xFFFF) + base - 1
    high += (first >> 16) + (second >> 16) + base - rem
    return (low % base) | (high % base) << 16


@dataclass(frozen=True)
class _Piece:
    deflated: bytes
    adler32: int
    length: int  # bytes of scanlines

    @classmethod
    def of(cls, scanlines: bytes, level: int) -> _Piece:
        return cls(_deflate(scanlines, level), zlib.adler32(scanlines), len(scanlines))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


_HEAD = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0))
         + _chunk(b"PLTE", bytes(_PALETTE)))
_TAIL = _chunk(b"IEND", b"")


def _png(pieces: list[_Piece]) -> bytes:
    """An 8-bit palette PNG (_PALETTE) of the pieces' scanlines, top to bottom."""
    adler = 1
    for piece in pieces:
        adler = _adler32_combine(adler, piece.adler32, piece.length)
    stream = b"".join((b"\x78\x01", *(p.deflated for p in pieces), b"\x03\x00", struct.pack(">I", adler)))
    return _HEAD + _chunk(b"IDAT", stream) + _TAIL


@dataclass(frozen=True)
class _Background:
    """What every card with one site name and label shares."""

    surfaces: Image.Image  # which surface lies where
    indices: Image.Image  # the palette indices of the card without a title
    top: float  # where the title's room begins
    pieces: tuple[_Piece, ...]  # the compressed rows of `indices`, BAND_ROWS a piece


@functools.lru_cache(maxsize=32)  # some 2 MB each; a site has one name and a dozen labels
def _background(site: str, label: str) -> _Background:
    surfaces = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(surfaces)
    draw.rectangle((0, 0, STRIPE - 1, HEIGHT - 1), fill=SURFACES.index(ACCENT) * LEVELS)
    draw.rectangle((STRIPE, BAND_TOP, WIDTH - 1, HEIGHT - 1), fill=SURFACES.index(BAND) * LEVELS)
    ink = _Ink()
    if site:
        baseline = BAND_TOP + (HEIGHT - BAND_TOP) / 2 + SITE_SIZE * 0.35
        _place_line(ink, MARGIN, baseline, clusters(site), SITE_SIZE)
    top = 88.0
    if label:
        font = _font(LABEL_SIZE)
        text = clusters(label)
        pad_x, pad_y = 18, 12
        ascent = -font.getbbox("H", anchor="ls")[1]
        box_w = min(width(text, font), ROOM - 2 * pad_x) + 2 * pad_x
        box_h = ascent + 2 * pad_y
        draw.rounded_rectangle((MARGIN, top, MARGIN + box_w, top + box_h), radius=box_h / 2,
                               fill=SURFACES.index(ACCENT) * LEVELS)
        _place_line(ink, MARGIN + pad_x, top + pad_y + ascent, text, LABEL_SIZE)
        top += box_h + 36
    indices = surfaces.copy()
    _indices(surfaces, ink, indices)
    pieces = tuple(_Piece.of(_scanlines(indices, row, min(HEIGHT, row + BAND_ROWS)), PIECE_LEVEL)
                   for row in range(0, HEIGHT, BAND_ROWS))
    return _Background(surfaces, indices, top, pieces)


ROOM = WIDTH - MARGIN - MARGIN  # the text's width


def render(title: str, label: str = "", site: str = "") -> bytes:
    """The card of one page: the PNG's bytes (the same bytes for the same texts and Pillow)."""
    shared = _background(site, label)
    size, lines = layout(title, ROOM, BAND_TOP - 48 - shared.top)
    ink = _Ink()
    baseline = shared.top + size * 0.8
    for line in lines:
        _place_line(ink, MARGIN, baseline, line, size)
        baseline += size * LINE_HEIGHT
    card = shared.indices.copy()
    first, end = _indices(shared.surfaces, ink, card)
    if first == end:
        return _png(list(shared.pieces))
    first, end = first // BAND_ROWS, (end - 1) // BAND_ROWS + 1  # the pieces the title is in
    rows = _scanlines(card, first * BAND_ROWS, min(HEIGHT, end * BAND_ROWS))
    return _png([*shared.pieces[:first], _Piece.of(rows, TITLE_LEVEL), *shared.pieces[end:]])
