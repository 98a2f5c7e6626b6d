"""MkDocs hooks (renderer side only): pick the template for each page, sanitise its body.

Generated pages say what they are (`sdw_type` in their metadata); this maps
that to overrides/sdw/<type>.html when such a template exists, else to the
generic item template. The generator never names a template file. After
sanitising (on a second thread, see on_page_content), video players become
click-to-load placeholders (sdw/players.py). Material's search plugin reads
each body without the parts it skips anyway (without_excluded). The
newsletter and feedback endpoints in `extra:` are checked here.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import posixpath
import re
import secrets
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import CombinedEvent, event_priority

from sdw import cms, csp, minify, sanitize, searchindex
from sdw.buildcache import previous_site, search_elsewhere, search_plugin
from sdw.pages import frame_links
from sdw.players import place_players
from sdw.render import OFFLINE_ENV
from sdw.schema import AGENDA_TYPES, ARTICLE_TYPES
from sdw.thesaurus import SCRIPT as THESAURUS_SCRIPT
from sdw.write import write_whole

_templates: set[str] = set()
_GENERIC = {"home": "sdw/home.html", "listing": "sdw/listing.html"}


_FIELD_NAME = re.compile(r"[A-Za-z0-9_.:\[\]-]{1,64}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _endpoint(value, setting: str, env: str) -> str:
    """An endpoint from `extra:`: empty (feature off), https://, or http:// on this machine (tests)."""
    value = str(value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.hostname and (parts.scheme == "https" or _on_this_machine(value)):
        return value
    raise ConfigurationError(f"{setting} ({env}) moet een webadres zijn dat met https:// begint, niet {value!r}.")


def _on_this_machine(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "http" and parts.hostname in _LOOPBACK


def _offline() -> bool:
    """This build makes the offline copy (render.py sets the variable for each build)."""
    return os.environ.get(OFFLINE_ENV, "false").lower() == "true"


def on_config(config):
    _templates.clear()
    for folder in config.theme.dirs:
        _templates.update(p.name for p in (Path(folder) / "sdw").glob("*.html"))
    newsletter = dict(config.extra.get("newsletter") or {})
    newsletter["action"] = _endpoint(newsletter.get("action"), "extra.newsletter.action", "SDW_NEWSLETTER_URL")
    field = str(newsletter.get("email_field") or "EMAIL")
    if not _FIELD_NAME.fullmatch(field):
        raise ConfigurationError(f"extra.newsletter.email_field ({field!r}) is geen geldige veldnaam.")
    newsletter["email_field"] = field
    feedback = dict(config.extra.get("feedback") or {})
    feedback["endpoint"] = _endpoint(feedback.get("endpoint"), "extra.feedback.endpoint", "SDW_FEEDBACK_URL")
    config.extra["newsletter"], config.extra["feedback"] = newsletter, feedback
    config.extra["cms"] = _cms_settings(config.extra.get("cms"))
    return config


def _cms_settings(value) -> dict:
    """The web editor's settings (extra.cms), checked: they end up in a policy and a config file."""
    settings = {key: str((value or {}).get(key) or "").strip() for key in ("repo", "branch", "auth_url", "local")}
    settings["branch"] = settings["branch"] or "main"
    if settings["repo"] and not cms.REPO_PATTERN.fullmatch(settings["repo"]):
        raise ConfigurationError(f"extra.cms.repo (SDW_CMS_REPO) moet eigenaar/naam zijn, niet {settings['repo']!r}.")
    if not cms.BRANCH_PATTERN.fullmatch(settings["branch"]) or ".." in settings["branch"]:
        raise ConfigurationError(f"extra.cms.branch (SDW_CMS_BRANCH) is geen geldige branchnaam: "
                                 f"{settings['branch']!r}.")
    settings["auth_url"] = _endpoint(settings["auth_url"], "extra.cms.auth_url", "SDW_CMS_AUTH_URL")
    local = settings["local"]
    if local and not _on_this_machine(local):
        raise ConfigurationError(f"extra.cms.local (SDW_CMS_LOCAL) moet een adres op deze computer zijn "
                                 f"(http://127.0.0.1:…), niet {local!r}.")
    return settings


def on_files(files, config):
    """The web editor (admin/) is for the published site only: the offline copy leaves it out."""
    if _offline():
        for file in [f for f in files if f.src_uri.startswith(ADMIN + "/")]:
            files.remove(file)
    return files


def on_env(env, config, files):
    """A fresh memo per build for partials that do not depend on the page (see partials/nav.html).

    `tojson` (JSON-LD, Material's config) writes compact JSON: no spaces, UTF-8 as is;
    Jinja still turns <, >, & and ' into \\u escapes, so it is safe inside <script>.
    """
    env.globals["sdw_memo"] = {}
    # MkDocs makes a new Jinja environment per build, which compiles every template
    # again (about 0.9 s here); compiled templates are kept in .build/jinja/ instead.
    # Jinja checks each entry against the template's source, so an edit is never missed.
    cache = Path(config.config_file_path or ".").resolve().parent / ".build" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    env.globals["sdw_article_types"] = [t.name for t in ARTICLE_TYPES]
    env.globals["sdw_agenda_types"] = [t.name for t in AGENDA_TYPES]  # their pages end with the contact line
    # The frame's links (head, footer, 404 page) from the generator's own constants; a link whose
    # page does not exist is left out rather than broken.
    env.globals["sdw_frame"] = {
        group: [{**link, "href": found.url} for link in links
                for found in [files.get_file_from_path(link["href"])]
                if found is not None and not generated_meta(found).get("sdw_empty")]
        for group, links in frame_links().items()}
    # The audiences with articles, as the generator listed them on the home page.
    home = files.get_file_from_path("index.md")
    audiences = generated_meta(home).get("sdw_audiences", []) if home is not None else []
    env.globals["sdw_frame"]["audiences"] = [
        {"label": str(a.get("label", "")), "href": found.url} for a in audiences if isinstance(a, dict)
        for found in [files.get_file_from_path(str(a.get("href", "")))] if found is not None]
    return env


def generated_meta(file) -> dict:
    """The front-matter the generator wrote for a page in docs/ (one JSON object, see
    pages.Page.render), read before MkDocs reads the page; {} for any other file."""
    if not file.src_uri.endswith(".md"):
        return {}
    text = file.content_string
    if not text.startswith("---\n{\n"):
        return {}
    end = text.find("\n}\n---\n")
    try:
        data = json.loads(text[4:end + 2]) if end > 0 else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _without_empty(items: list, empty: set) -> list:
    kept = []
    for item in items:
        if item.is_page and item.file.src_uri in empty:
            continue
        if item.is_section:
            item.children = _without_empty(item.children, empty)
            if not item.children:
                continue
        kept.append(item)
    return kept


def on_nav(nav, config, files):
    """Never an empty page in the navigation: a page the generator marked `sdw_empty` (a listing
    with nothing to show) leaves it, and so does a section left without pages. The page itself
    stays reachable by its address and offers the nearest routes."""
    empty = {p.file.src_uri for p in nav.pages if generated_meta(p.file).get("sdw_empty")}
    if empty:
        nav.items = _without_empty(nav.items, empty)
        nav.pages = [p for p in nav.pages if p.file.src_uri not in empty]
    return nav


# The navigation page marked active while a page outside the navigation is rendered (its tab).
_SECTION: list = []


def _mark_section(page, nav) -> None:
    """A page outside the navigation (an article, a theme, a partner) marks the tab of its
    folder's overview, as a reader expects: the story is under Verhalen."""
    if page in nav.pages:
        return
    overviews = {p.file.src_uri: p for p in nav.pages if p.file.src_uri.endswith("/index.md")}
    folder = posixpath.dirname(page.file.src_uri)
    while folder:
        found = overviews.get(f"{folder}/index.md")
        if found is not None:
            found.active = True  # MkDocs marks its parents (the section) active too
            _SECTION.append(found)
            return
        folder = posixpath.dirname(folder)


def _unmark_section() -> None:
    while _SECTION:
        _SECTION.pop().active = False


# The generator's neutral words in Material's terms (the one place where they meet). Authors
# cannot write these names: the trust policy reserves `sdw-` classes and every `data-*`.
MATERIAL_WORDS = (
    ('data-sdw-unindexed=""', 'data-search-exclude=""'),  # not in the search index
    (".sdw-button--primary", ".md-button--primary"),
    (".sdw-button", ".md-button"),
)
MATERIAL_HIDE = (("sdw_nav", "navigation"), ("sdw_toc", "toc"))  # page setting False -> hidden sidebar


def material_terms(markdown: str, meta: dict) -> str:
    """The generated page in Material's terms: its markup words, and `hide:` from the page settings."""
    for neutral, material in MATERIAL_WORDS:
        markdown = markdown.replace(neutral, material)
    hidden = [part for key, part in MATERIAL_HIDE if meta.get(key) is False]
    if hidden:
        meta["hide"] = hidden
    return markdown


def on_page_markdown(markdown, page, config, files):
    kind = page.meta.get("sdw_type")
    if kind:
        markdown = material_terms(markdown, page.meta)
    if kind and "template" not in page.meta:
        if kind in _GENERIC:
            page.meta["template"] = _GENERIC[kind]
        elif f"{kind}.html" in _templates:
            page.meta["template"] = f"sdw/{kind}.html"
        else:
            page.meta["template"] = "sdw/item.html"
    # MkDocs' Jinja does not autoescape, and Material prints title and description
    # as they are (<title>, <meta content="...">): an author's quote mark or "<"
    # would end the attribute or element. Markup keeps `| e` from escaping twice.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup.escape(value)
    # The author's body sits between the generator's markers: stamp the real pair with
    # this build's secret, so the cleaning after conversion knows which part is the
    # author's (strict) and which the generator's (see sanitize.clean_page).
    # A page without an author body is trusted as generated only when the generator says
    # it made it (sdw_type); anything else in docs/ is cleaned as strictly as a body.
    stamped = sanitize.stamp_markers(markdown, _SECRET)
    _SECRETS[page.file.src_uri] = None if stamped is None and kind else _SECRET
    return markdown if stamped is None else stamped


# A new secret per process: authors cannot know it, and it never reaches the output
# (the cleaners strip comments; split_author cuts the markers out).
_SECRET = secrets.token_hex(16)
_SECRETS: dict[str, str | None] = {}


@event_priority(50)  # before the search plugin (0) reads page.content
def _page_context_first(context, page, config, nav):
    """The page's cleaned body (see on_page_content), then its canonical address: the
    published one the generator computed (`sdw_url`), also in the offline build, whose
    own links end in .html (the sitemap uses it too)."""
    pending = _CLEANING.pop(page.file.src_uri, None)
    if pending is not None:
        html, videos = place_players(pending.result(), page.title or "")
        page.meta["sdw_video"] = videos > 0
        page.content = print_urls(html, page, config)
    if page.content:
        # The search plugin (next) parses the body with Python's HTMLParser, the slowest
        # step of a build; it skips what is marked data-search-exclude (cards, headers,
        # players) anyway, so it gets the body without those parts and the page its
        # whole body back right after (_page_context_last, priority -50).
        _FULL[page.file.src_uri] = page.content
        page.content = without_excluded(page.content)
    url = page.meta.get("sdw_url")
    if url:
        page.canonical_url = url
    _unmark_section()
    _mark_section(page, nav)
    return context


_FULL: dict[str, str] = {}


@event_priority(-50)  # after the search plugin, before the template is rendered
def _page_context_last(context, page, config, nav):
    full = _FULL.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    # The search plugin just added this page's documents: their analysis is done now, in the
    # process that renders the page (sdw.partner renders some), and kept with them by the build
    # cache, so the index at the end of the build only counts and scores (searchindex.build).
    index = _search_index(config)
    if index is not None:
        for doc in reversed(index.entries):
            if searchindex.ANALYSED in doc:
                break
            searchindex.analyse(doc)
    return context


def _search_index(config):
    """Material's search index (its plugin's SearchIndex, whose `entries` are the documents), or
    None without the search plugin."""
    plugin = search_plugin(config)
    return getattr(plugin, "search_index", None) if plugin is not None else None


on_page_context = CombinedEvent(_page_context_first, _page_context_last)


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_EXCLUDE = "data-search-exclude"
_TAG_NAME = re.compile(r"<([a-z][a-z0-9]*)\b")


def _excluding_tag(html: str, pos: int, found: int) -> tuple[int, str]:
    """Start and name of the tag whose attribute `data-search-exclude` begins at `found`,
    if it is one the search parser skips; else (-1, "")."""
    start = html.rfind("<", pos, found)
    after = html[found + len(_EXCLUDE): found + len(_EXCLUDE) + 1]
    if start < 0 or html.rfind(">", start, found) >= 0 or not html[found - 1].isspace() \
            or not (after in "=>/" or after.isspace()):
        return -1, ""  # in text or in another attribute's value, or a longer attribute name
    tag = _TAG_NAME.match(html, start)
    name = tag.group(1) if tag else ""
    if name in _VOID or (len(name) == 2 and name[0] == "h" and name[1] in "123456"):
        return -1, ""
    return start, name


def without_excluded(html: str) -> str:
    """The HTML without the elements Material's search parser skips (data-search-exclude).

    Cut the way that parser reads them: from the start tag to the first end tag
    of the same name (it matches elements by tag name only). Void elements and
    headings are left alone (the parser does not skip the first, and opens a new
    section at the second before it looks at the attribute). Text on both sides
    of a cut joins into one piece, which the parser collapses the same way.
    """
    found = html.find(_EXCLUDE)
    if found < 0:
        return html
    parts: list[str] = []
    pos = 0
    while found >= 0:
        start, name = _excluding_tag(html, pos, found)
        if not name:
            found = html.find(_EXCLUDE, found + 1)
            continue
        end = html.find(f"</{name}>", found)
        if end < 0:
            break
        parts.append(html[pos:start])
        pos = end + len(name) + 3
        found = html.find(_EXCLUDE, pos)
    parts.append(html[pos:])
    return "".join(parts)


# Material's page script fetches search/search_index.json on every page load
# (offline: search/search_index.js, when search opens). We build our prebuilt,
# split index from its documents (sdw/searchindex.py, into search/sdw/) and leave
# a stub there whose config names our manifest: the worker loads the manifest when
# the search field gets focus, and the rest only as queries need it.
LAZY_INDEX = f"{searchindex.FOLDER}/{searchindex.MANIFEST}"  # below search/


# Our own assets as the reader downloads them: without comments and indentation
# (the sources in overrides/ keep both).
MINIFIED = {"assets/stylesheets/sdw.css": minify.css}

# Settings a script takes from the build configuration, never from the page (any
# element could carry a data-endpoint): written into the built file in place of the
# string after its marker comment, e.g. `/* sdw:extra.feedback.endpoint */ ""`.
CONFIGURED = {"assets/javascripts/sdw-feedback.js": ("extra.feedback.endpoint", ("feedback", "endpoint"))}


# The search worker's lunr (for lunr.nl's stop words and stemmer) in one file: a worker's
# importScripts fetches its files one after another, and a reader waits for them when she starts
# typing. The parts stay as they are (their licence comments included), only joined, in order.
LUNR_PARTS = ("lunr.min.js", "lunr.stemmer.support.min.js", "lunr.nl.min.js")
LUNR_BUNDLE = "assets/javascripts/vendor/lunr-nl.js"


def _bundle_lunr(site: Path) -> None:
    vendor = site / LUNR_BUNDLE
    parts = [vendor.with_name(name) for name in LUNR_PARTS]
    if all(p.is_file() for p in parts):
        write_whole(vendor, ("\n;\n".join(p.read_text(encoding="utf-8") for p in parts) + "\n").encode("utf-8"))


def _minify(config):
    site = Path(config.site_dir)
    targets = [(site / rel, fn) for rel, fn in MINIFIED.items()]
    targets += [(p, minify.js) for p in (site / "assets" / "javascripts").rglob("sdw*.js")]
    for path, fn in targets:
        if path.is_file():
            text = fn(path.read_text(encoding="utf-8"))
            rel = path.relative_to(site).as_posix()
            if rel in CONFIGURED:
                setting, (group, key) = CONFIGURED[rel]
                value = str((config.extra.get(group) or {}).get(key) or "")
                text = csp.set_script_setting(text, setting, value, rel)
            write_whole(path, text.encode("utf-8"))


# Content-Security-Policy on every page (sdw/csp.py). The preview's live reload needs
# an inline script no hash can cover: only `sdw serve` relaxes script-src.
_PREVIEW = False


def on_startup(command, dirty):
    global _PREVIEW
    _PREVIEW = command == "serve"


def on_post_page(output, page, config):
    """The policy first in <head>: hashes of the template's inline scripts, never the body's."""
    _unmark_section()
    # Without the templates' indentation (about 7% of an article's gzipped weight), then the policy.
    # The body is found in the page by its text, so it is looked for as minified the same way.
    body = minify.html(page.content or "").strip()
    return csp.protect(minify.html(output), body, config, page.file.src_uri, preview=_PREVIEW)


def on_post_template(output_content, template_name, config):
    """The same for pages rendered from a template alone (404.html; not sitemap.xml)."""
    if not template_name.endswith(".html"):
        return output_content
    return csp.protect(output_content, "", config, template_name, preview=_PREVIEW)


_CONFIG_START = '{"config":'  # how Material writes search_index.json (separators without spaces)
# A build's documents, taken from the search plugin before it writes them (_take_documents).
_DOCS: list | None = None


def _write_search_index(config) -> None:
    """search/sdw/ from the documents of Material's index, and the stub in its place."""
    global _DOCS
    folder = Path(config.site_dir) / "search"
    index = folder / "search_index.json"
    docs, _DOCS = _DOCS, None
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    try:  # its config; the documents are the plugin's (read back only without it)
        settings = json.JSONDecoder().raw_decode(text, len(_CONFIG_START))[0] if text.startswith(
            _CONFIG_START) else None
    except ValueError:
        settings = None
    held = _search_index(config)
    if docs is None and held is not None:
        docs = held.entries  # the preview's, as the plugin merged them with the previous build's
    if not isinstance(settings, dict) or docs is None:
        data = json.loads(text)
        settings, docs = data.get("config", {}), data.get("docs") or []
    if not search_elsewhere(config):  # (else the build cache's process makes it: sdw.searchchild)
        thesaurus = searchindex.read_thesaurus(Path(config.site_dir) / THESAURUS_SCRIPT)
        previous = previous_site(config)
        searchindex.write(searchindex.site_folder(Path(config.site_dir)), docs, thesaurus,
                          None if previous is None else searchindex.site_folder(previous))
    stub = {"config": {**settings, "sdw_index": f"search/{LAZY_INDEX}"}, "docs": []}
    write_whole(index, json.dumps(stub, ensure_ascii=False).encode("utf-8"))


ADMIN = "admin"
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def _write_admin(config) -> None:
    """admin/index.html (with its own policy, sdw/csp.py admin_policy) and admin/config.yml, made
    from the schema (sdw/cms.py). The editor's previews use the stylesheets of the home page."""
    site = Path(config.site_dir)
    source = Path(config.theme.custom_dir) / ADMIN / "index.html"
    home = site / "index.html"
    styles = _STYLESHEET.findall(home.read_text(encoding="utf-8")) if home.is_file() else []
    styles = ["../" + href for href in styles if not urlsplit(href).scheme and not href.startswith("/")]
    settings = config.extra["cms"]
    connected = bool(settings["repo"] or settings["local"])
    page = cms.admin_page(source.read_text(encoding="utf-8"), styles, connected)
    page = csp.protect_admin(page, csp.admin_policy(settings["local"]), "admin/index.html")
    (site / ADMIN).mkdir(exist_ok=True)
    write_whole(site / ADMIN / "index.html", page.encode("utf-8"))
    data = cms.config(settings["repo"], settings["branch"], config.site_url or "", settings["auth_url"],
                      settings["local"])
    write_whole(site / ADMIN / "config.yml", cms.to_yaml(data).encode("utf-8"))


@event_priority(50)  # after the build cache put back its pages' documents (100), before the search plugin (0)
def _take_documents(config):
    """Material's search plugin would write every document into search_index.json, only for
    _write_search_index to replace it with a stub: it gets none, and writes the stub's settings.
    Not in the preview, whose plugin merges a rebuild's documents with the previous build's."""
    global _DOCS
    index = _search_index(config)
    if index is not None and not _PREVIEW:
        _DOCS, index.entries = index.entries, []


@event_priority(-50)  # after the search plugin writes the index (0), before offline inlines it (-100)
def _post_build_last(config):
    _minify(config)
    _bundle_lunr(Path(config.site_dir))
    csp.allowed_shapes.cache_clear()  # the next build (preview) reads the templates again
    _write_search_index(config)
    if _offline():
        return
    _write_admin(config)


on_post_build = CombinedEvent(_take_documents, _post_build_last)


# Cleaning a body is nh3's work in Rust, without the interpreter lock: one thread
# does it for every page while MkDocs converts the next pages' Markdown. MkDocs
# converts all pages first and renders their templates after (on_page_context),
# so a body is always cleaned before anything reads it.
_POOL: ThreadPoolExecutor | None = None
_CLEANING: dict[str, Future] = {}
_BACKLOG: deque[Future] = deque()
MAX_BACKLOG = 32


def _clear_page_state() -> None:
    global _DOCS
    _SECRETS.clear()
    _CLEANING.clear()
    _BACKLOG.clear()
    _FULL.clear()
    _DOCS = None


def on_pre_build(config):
    global _POOL
    _clear_page_state()
    _POOL = _POOL or ThreadPoolExecutor(max_workers=1, thread_name_prefix="sdw-sanitize")


def on_page_content(html, page, config, files):
    """Second fence after validation: no script, handler or unsafe URL reaches a reader, and
    the author's part of the page keeps only what sdw.policy allows. Sanitising starts
    here, on the second thread; on_page_context takes the result, turns players into
    click-to-load placeholders (only those pages load sdw-video.js) and gives internal
    links their published address for print (see print_urls). Until then the page holds
    an empty body, never the uncleaned one."""
    secret = _SECRETS.pop(page.file.src_uri, _SECRET)  # not seen in on_page_markdown: all the author's
    _CLEANING[page.file.src_uri] = _POOL.submit(sanitize.clean_page, html, secret)  # _POOL: see on_pre_build
    _BACKLOG.append(_CLEANING[page.file.src_uri])
    if len(_BACKLOG) > MAX_BACKLOG:  # the thread fell behind: wait, so uncleaned pages never pile up
        _BACKLOG.popleft().result()
    return ""


def on_shutdown():
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True)
        _POOL = None
    _clear_page_state()


_INTERNAL_LINK = re.compile(r'<a href="(?![a-z][a-z0-9+.-]*:|//|#)([^"]+)"')


def print_urls(html: str, page, config) -> str:
    """Give every relative link `data-sdw-url`: the full published address it opens.

    The print style writes it after the link text (CSS can show an attribute but
    cannot resolve a relative link). Offline builds link to .html files; the
    address printed is still the published one (directory URLs), so a printed
    copy of either build names the same pages.
    """
    site = config.site_url or ""
    if not site:
        return html
    site = site if site.endswith("/") else site + "/"
    folder = "/" + page.url[: page.url.rfind("/") + 1]  # what a relative link starts from

    def published(match: re.Match) -> str:
        href = match.group(1)
        if "&" in href:
            href = htmllib.unescape(href)
        target, _, fragment = href.partition("#")
        if "?" in target or not target:
            target = urljoin(site + folder[1:], target)
        else:
            # posixpath instead of urljoin: the same answer for plain paths, five times faster
            path = posixpath.normpath(folder + target)
            if (target.endswith(("/", "/.", "/..")) or target in (".", "..")) and path != "/":
                path += "/"
            target = site + path.lstrip("/")
        if target.endswith("/index.html"):
            target = target[: -len("index.html")]
        elif target.endswith(".html"):
            target = target[: -len(".html")] + "/"
        url = target + ("#" + fragment if fragment else "")
        return f'{match.group(0)} data-sdw-url="{htmllib.escape(url)}"'

    return _INTERNAL_LINK.sub(published, html)
