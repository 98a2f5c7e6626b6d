"""Click-to-load video players, made from sanitised page HTML (render stage).

Runs after sanitize.clean_page(): the page body can no longer hold anything but
safe markup, and what this adds is built here from a checked address, never taken
from content. Two inputs become the same placeholder:

- the generator's `<div class="sdw-video" data-sdw-video="…" data-sdw-title="…">`
  with the poster image of a video item (generated_players, on the generator's
  part of the page only: an author's part cannot carry data-* or sdw- classes, and
  is never searched for these blocks);
- an `<iframe>` an author wrote with a player of an allowed host (author_players).

The placeholder names the service and the video id (`data-sdw-video-service`,
`data-sdw-video-id`), never an address: the player script builds the address
itself from its own table of hosts, after checking the id's form.

The placeholder shows the poster (or a plain frame), a play button (hidden
until assets/javascripts/sdw-video.js reveals it), a Dutch notice that a click
loads the player from a third party, and a plain link to watch the video on
the host's own site, which works without JavaScript. The player's iframe is
only created by the script after a click, so no request reaches YouTube or
Vimeo when the page loads.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from . import texts as T
from .markup import render
from .videos import parse_video

_IFRAME = r"<iframe\b(?P<attrs{n}>[^>]*)>.*?</iframe>"
_AUTHOR_IFRAME = re.compile(r"<p>\s*" + _IFRAME.format(n=1) + r"\s*</p>|" + _IFRAME.format(n=2), re.S)
_GENERATED = re.compile(r'<div class="sdw-video"(?P<attrs>[^>]*)>(?P<inner>.*?)</div>', re.S)
_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def _attrs(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def placeholder(url: str, title: str, poster: str = "") -> str | None:
    """The click-to-load block for a player address, or None when it is not an allowed player."""
    video = parse_video(url)
    if video is None:
        return None
    return render(
        "player.html", service=video.key, id=video.id, frame_title=T.VIDEO_FRAME_TITLE.format(title=title),
        poster=Markup(poster),  # the poster <img> of the sanitised page, or nothing
        play_name=T.VIDEO_PLAY_NAME.format(title=title), play=T.VIDEO_PLAY,
        note=T.VIDEO_NOTE.format(service=video.service, host=video.host), watch=video.watch,
        watch_text=T.VIDEO_WATCH.format(service=video.service))


def generated_players(page_html: str, page_title: str) -> tuple[str, int]:
    """The generator's video blocks (cleaned generated markup only) as placeholders; count them."""
    if "sdw-video" not in page_html:  # most pages
        return page_html, 0
    count = 0

    def generated(match: re.Match) -> str:
        nonlocal count
        attrs = _attrs(match["attrs"])
        img = _IMG.search(match["inner"])
        poster = img.group(0) if img else ""
        block = placeholder(attrs.get("data-sdw-video", ""), attrs.get("data-sdw-title") or page_title, poster)
        if block is None:
            return match.group(0)
        count += 1
        return block

    return _GENERATED.sub(generated, page_html), count


def author_players(page_html: str, page_title: str) -> tuple[str, int]:
    """Players an author embedded (cleaned: only iframes of the video hosts are left) as placeholders."""
    if "<iframe" not in page_html:  # most pages
        return page_html, 0
    count = 0

    def iframe(match: re.Match) -> str:
        nonlocal count
        attrs = _attrs(match["attrs1"] or match["attrs2"] or "")
        block = placeholder(attrs.get("src", ""), attrs.get("title") or page_title or T.VIDEO_FALLBACK_TITLE)
        if block is None:  # the sanitiser already dropped the address of any other host
            return ""
        count += 1
        return block

    return _AUTHOR_IFRAME.sub(iframe, page_html), count


def place_players(parts: tuple[str, str, str], page_title: str) -> tuple[str, int]:
    """A cleaned page (sanitize.clean_page: generated before, author's body, generated after)
    with its players made click-to-load: the generator's blocks in its own parts only, the
    author's iframes in the author's part only. Returns the page and the number of players."""
    before, author, after = parts
    before, first = generated_players(before, page_title)
    author, authored = author_players(author, page_title)
    after, last = generated_players(after, page_title)
    return before + author + after, first + authored + last
