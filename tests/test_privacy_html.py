"""No page's HTML makes the browser load anything from another host.

Checked on every built page (real content plus a fictional video, with the
newsletter and feedback endpoints unset): every attribute a browser fetches
on its own (src, srcset, poster, data, stylesheet/icon/preload/manifest
links, inline `url(...)`) points into the site. Outside that, other hosts may
only appear as plain links (<a href>), as the published address of the site
itself (canonical, og:url, JSON-LD), and as the click-to-load player's address
(`data-sdw-video-service`, `data-sdw-video-id`), which the script only turns into an iframe after a click.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from conftest import copy_project, with_video_content
from sdw.cli import main
from sdw.render import site_url

FETCHED = {"src", "srcset", "poster", "data", "background", "action", "formaction"}
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


class _Fetches(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (what, url)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for name in FETCHED & a.keys():
            for part in a[name].split(","):
                self.urls.append((f"<{tag} {name}>", part.strip().split(" ")[0]))
        if tag == "link" and LOADING_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append((f"<link rel={a['rel']}>", a.get("href", "")))
        for url in CSS_URL.findall(a.get("style", "")):
            self.urls.append((f"<{tag} style>", url))


def _foreign(url: str, own_host: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return False
    return bool(parts.netloc) and parts.hostname != own_host


def test_no_page_loads_anything_from_another_host(tmp_path, monkeypatch):
    for key in ("SDW_NEWSLETTER_URL", "SDW_FEEDBACK_URL"):
        monkeypatch.delenv(key, raising=False)
    project = copy_project(tmp_path / "p", with_video_content(tmp_path / "src"))
    assert main(["--root", str(project), "build"]) == 0
    own_host = urlsplit(site_url(project)).hostname
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 50
    checked, video_pages = 0, 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _Fetches()
        parser.feed(text)
        bad = [(what, url) for what, url in parser.urls if _foreign(url, own_host)]
        assert bad == [], f"{page.relative_to(project)} loads from another host: {bad}"
        assert "<iframe" not in text, f"{page.relative_to(project)}: a player that loads before a click"
        checked += len(parser.urls)
        video_pages += 'data-sdw-video-service="youtube" data-sdw-video-id="' in text
    assert checked > 500  # the parser saw the site's own scripts, styles and images
    assert video_pages >= 1  # ... and a page with a player whose address is only data until the click
