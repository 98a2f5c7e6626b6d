"""What the real content must always satisfy, whatever a valid author pull request adds.

Tests hold content/ to these invariants only: every file valid (errors fail, warnings are
allowed), every page built, every internal link resolving, no empty required block. They
never pin counts, dates, titles or which item is newest: exact values are tested on the
fixture corpora in tests/fixtures/. tests/test_content.py and tests/test_build.py apply
these to the real content, tests/test_author_pr.py to a copy extended by a typical pull request.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from sdw.model import Site, build_site
from sdw.pipeline import Project, check
from sdw.report import format_problem
from sdw.schema import TYPES

# Pages the theme links to from every page or from the 404 page: they must exist.
REQUIRED = {"doelgroep": ("werkgevers", "professionals", "werkzoekenden-en-werkenden"),
            "pagina": ("privacy", "toegankelijkheid")}


def content_model(root: Path) -> Site:
    """The model of `root`/content, after asserting that no file has an error (warnings allowed)."""
    outcome = check(Project(root))
    errors = outcome.result.errors
    assert errors == (), "\n".join(format_problem(p) for p in errors)
    return build_site(outcome.result.records, outcome.loaded.assets)


def check_model(site: Site) -> None:
    """Invariants of a valid content model."""
    for type_name, slugs in REQUIRED.items():
        present = {i.slug for i in site.of_type(type_name)}
        assert set(slugs) <= present, (type_name, set(slugs) - present)
    for article in site.articles:
        assert article.audiences, article.source_path  # every article names its audience
        assert article.title.strip() and article.summary.strip(), article.source_path
    if site.editions:  # the home page opens with the newest edition: it may not be an empty block
        assert site.articles_for(site.editions[0]), site.editions[0].source_path
    numbers = [e.number for e in site.editions]
    assert len(numbers) == len(set(numbers)), numbers
    for partner in site.of_type("partner"):
        since, until = partner.value("lid_sinds"), partner.value("lid_tot")
        assert since is None or isinstance(since, int), partner.source_path
        assert since is None or until is None or until >= since, partner.source_path


def listings(site: Site) -> list[str]:
    """Folders (below site/) of every generated overview page the model calls for."""
    folders = [t.folder for t in TYPES if t.folder] + ["artikelen", "archief"]
    return folders + [f"archief/{year}" for year in site.years()]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []  # <a href>
        self.heads: list[str] = []  # <link href>
        self.assets: list[str] = []  # <img src>, <script src>, <iframe src>, <source src>
        self.loaded: list[str] = []  # what the browser fetches: assets and stylesheets, icons, preloads
        self.lang: str | None = None

    @property
    def hrefs(self) -> list[str]:
        return self.anchors + self.heads

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])
        if tag == "link" and a.get("href"):
            self.heads.append(a["href"])
            if a.get("rel") in ("stylesheet", "icon", "preconnect", "preload"):
                self.loaded.append(a["href"])
        if tag in ("img", "script", "iframe", "source") and a.get("src"):
            self.assets.append(a["src"])
            self.loaded.append(a["src"])


def page_links(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def resolve(site_dir: Path, page: Path, href: str) -> Path | None:
    """The file a relative (or root-relative) link on `page` opens; None for external and in-page links."""
    href = href.split("#", 1)[0].split("?", 1)[0]
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("//"):
        return None
    base = site_dir if href.startswith("/") else page.parent
    target = Path(posixpath.normpath(posixpath.join(base.as_posix(), href.lstrip("/"))))
    if href.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site_dir: Path, attr: str = "hrefs") -> list[tuple[str, str]]:
    """(page, address) of every relative link (attr="hrefs") or loaded file (attr="assets") in
    every built HTML page that opens no file in site/."""
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        for href in getattr(page_links(page), attr):
            target = resolve(site_dir, page, href)
            if target is not None and not target.is_file():
                broken.append((page.relative_to(site_dir).as_posix(), href))
    return broken


def check_built(project: Path, site: Site) -> None:
    """Invariants of `project`/site built from `site` (the model of `project`/content)."""
    site_dir = project / "site"
    for item in site.items:
        page = site_dir / item.rel[:-len(".md")] / "index.html"
        assert page.is_file(), item.rel
    assert (site_dir / "index.html").is_file()
    for folder in listings(site):
        assert (site_dir / folder / "index.html").is_file(), folder
    for page in site_dir.rglob("*.html"):
        assert page_links(page).lang == "nl", page
    assert broken_links(site_dir) == []


def unreachable(site_dir: Path, site: Site, clicks: int = 3) -> list[str]:
    """Items whose page is not within `clicks` clicks of the home page. An audience, theme, partner
    or region without articles is left out: the site deliberately does not send readers to it
    (never an empty page); its page exists for the links authors wrote to it."""
    depth = {site_dir / "index.html"}
    frontier = [site_dir / "index.html"]
    for _ in range(clicks):
        following = []
        for page in frontier:
            for href in page_links(page).hrefs:
                target = resolve(site_dir, page, href)
                if target and target.is_file() and target not in depth:
                    depth.add(target)
                    following.append(target)
        frontier = following
    skipped = {i.key for i in site.items if i.type.articles_heading and not site.has_articles(i)}
    return [i.rel for i in site.items if site_dir / i.rel[:-3] / "index.html" not in depth and i.key not in skipped]
