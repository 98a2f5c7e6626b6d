"""Video addresses: which players may be embedded, in which form, and where to watch instead.

Pure functions on URLs, shared by validation (normalise `video_url`), the
generator (the watch link) and the renderer hook (click-to-load players).
Only the hosts in schema.VIDEO_HOSTS are ever embedded; a YouTube address is
always turned into the youtube-nocookie embed form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .schema import VIDEO_HOSTS

# The player script (assets/javascripts/sdw-video.js) checks ids against the same patterns.
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")
VIMEO_ID = re.compile(r"\d{3,12}")
YOUTUBE_EMBED = "https://www.youtube-nocookie.com/embed/"
VIMEO_EMBED = "https://player.vimeo.com/video/"
assert {urlsplit(YOUTUBE_EMBED).hostname, urlsplit(VIMEO_EMBED).hostname} == VIDEO_HOSTS


@dataclass(frozen=True)
class Video:
    embed: str  # the player's address on an allowed host
    watch: str  # the video's page on the host's own site (a plain link)
    service: str  # the host's name for readers, e.g. "YouTube"
    host: str  # the host the player loads from, e.g. "youtube-nocookie.com"
    key: str = ""  # "youtube" or "vimeo": which player the script builds
    id: str = ""  # the video's id on that service (checked against YOUTUBE_ID / VIMEO_ID)


def parse_video(url: str) -> Video | None:
    """The embeddable form of a YouTube or Vimeo address, or None for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or parts.username or parts.port:
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    video_id = None
    if host in ("www.youtube-nocookie.com", "youtube-nocookie.com", "www.youtube.com", "youtube.com",
                "m.youtube.com"):
        if len(segments) == 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
        elif segments == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        if video_id and YOUTUBE_ID.fullmatch(video_id):
            return Video(YOUTUBE_EMBED + video_id, f"https://www.youtube.com/watch?v={video_id}",
                         "YouTube", "youtube-nocookie.com", "youtube", video_id)
        return None
    if host == "youtu.be" and len(segments) == 1 and YOUTUBE_ID.fullmatch(segments[0]):
        return parse_video(YOUTUBE_EMBED + segments[0])
    if host in ("vimeo.com", "www.vimeo.com") and len(segments) == 1:
        video_id = segments[0]
    elif host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
        video_id = segments[1]
    if video_id and VIMEO_ID.fullmatch(video_id):
        return Video(VIMEO_EMBED + video_id, f"https://vimeo.com/{video_id}", "Vimeo", "player.vimeo.com",
                     "vimeo", video_id)
    return None
