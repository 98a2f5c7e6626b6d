"""Content-Security-Policy for every built page (render stage): defence in depth in the browser.

The sanitiser (sdw/sanitize.py) keeps script out of page bodies; this makes the
browser refuse it as well, should anything ever slip through. Every HTML page
MkDocs writes gets, as the first elements of <head> right after <meta charset>
(a policy in a <meta> governs only what the parser meets after it):

    <meta http-equiv="Content-Security-Policy" content="...">
    <meta name="referrer" content="strict-origin-when-cross-origin">

The policy allows script only from the site's own files plus the SHA-256 hashes
of the few inline scripts the *templates* put on the page (Material's small
page-start scripts). Which inline scripts may be hashed is not guessed from the
page: the allowed shapes are read at build time from Material's own template
sources (material/templates/partials/javascripts/*.html) and from our
overrides/, each `{{ ... }}` standing for a base URL ("." / ".." / "../.." or an
absolute path like "/" on the 404 page, or the configured scope). An inline
script in the template part of a page that matches none of them fails the
build; an inline script in the page *body* (page.content, which appears
verbatim in the output) is never hashed, so the browser blocks it. JSON data
scripts (application/json, application/ld+json) do not run and need no hash.

Why each directive is what it is:

- script-src: 'self' and hashes. Never 'unsafe-inline' or 'unsafe-eval'.
- style-src 'unsafe-inline': Material sets inline style attributes from its
  scripts and Markdown tables carry style="text-align: ..."; the 404 page has
  a <style> of its own. Style cannot run script in any current browser, so this
  costs no script safety (at worst an injected style could restyle the page;
  the sanitiser allows no style but text-align in bodies).
- img-src 'self' data: Material's icons are data: SVGs in its CSS.
- connect-src / form-action: 'self' plus the origin of the configured feedback
  endpoint / newsletter action (extra.feedback.endpoint, extra.newsletter.action,
  checked in on_config). Note: Chromium applies form-action to redirects after
  a form is posted too, so a newsletter service that answers with a redirect to
  another host must have that host added here.
- frame-src: only the video players' hosts (sdw.schema.VIDEO_HOSTS).
- worker-src 'self': our search worker (online; offline it runs in an iframe).
- no frame-ancestors, report-uri or sandbox: browsers ignore them in a <meta>
  (with a console warning).

The referrer policy is strict-origin-when-cross-origin, not no-referrer:
YouTube's embedded player refuses to play without a referrer origin (error
153). Other hosts still learn only the origin, never the page address; the
feedback request and the newsletter form send no referrer at all.

The offline build (site-offline/, opened from file://): Chromium lets 'self'
match every file: URL when the page itself is a file: URL, so the same policy
covers our scripts, Material's inlined search index (search/search_index.js,
a <script src>) and the search worker. That worker runs through the vendored
iframe-worker shim in an about:blank iframe, which inherits the page's policy
(and its 'self'); the shim writes only <script src> elements into it (see
assets/javascripts/vendor/iframe-worker-bootstrap.js), and an about:blank frame
is not subject to frame-src. So the offline policy needs nothing extra.

The preview (`sdw serve`, live reload): MkDocs' server injects an inline
script with a per-request value into every page it serves, which no hash can
cover; there, and only there, script-src is 'self' 'unsafe-inline' without
hashes. `sdw build` never takes that path.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from .schema import VIDEO_HOSTS

REFERRER = "strict-origin-when-cross-origin"

# What the browser runs as classic or module script (HTML's JavaScript MIME types),
# and the data blocks we write; any other type outside the body fails the build.
_JS_TYPES = frozenset(
    {"", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
     "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
     "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
     "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript"})
_DATA_TYPES = frozenset({"application/json", "application/ld+json"})

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SCRIPT_OPEN = re.compile(r"<script\b", re.I)
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEAD = re.compile(r"<head\b[^>]*>\s*<meta\s+charset=\"?utf-8\"?\s*/?>", re.I)

# What a `{{ ... }}` in a template script may have become: a relative base URL
# (".", "..", "../.."), or an absolute path ("/", "/sub/": the 404 page).
_BASE_URL = r"(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~%-]+/)*)"
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_OTHER = re.compile(r"\{#.*?#\}|\{%.*?%\}", re.S)


def _attributes(text: str) -> dict[str, str]:
    found = {}
    for name, dq, sq, bare in _ATTR.findall(text):
        found.setdefault(name.lower(), dq or sq or bare)
    return found


def _kind(attrs: dict[str, str]) -> str:
    """'external', 'inline' (runs), 'data' (JSON, never runs) or 'other'."""
    if "src" in attrs:
        return "external"
    kind = attrs.get("type", "").strip()
    if not kind and attrs.get("language", "").strip():
        kind = "text/" + attrs["language"].strip()
    essence = kind.split(";")[0].strip().lower()
    if essence in _JS_TYPES:
        return "inline"
    return "data" if essence in _DATA_TYPES else "other"


def _normalise(text: str) -> str:
    """The text as the browser hashes it: the HTML parser turns CRLF and CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@functools.lru_cache(maxsize=256)
def script_hash(text: str) -> str:
    digest = hashlib.sha256(_normalise(text).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _template_scripts(source: str) -> list[str]:
    """The inline executable scripts of one Jinja template, Jinja statements and comments removed."""
    source = _JINJA_OTHER.sub("", source)
    return [body for attrs, body in _SCRIPT.findall(source)
            if _kind(_attributes(_JINJA_EXPR.sub("x", attrs))) == "inline"]


def _pattern(script: str, scope: str) -> re.Pattern:
    value = _BASE_URL + (f"|{re.escape(scope)}" if scope else "")
    parts = _JINJA_EXPR.split(_normalise(script))
    return re.compile(f"(?:{value})".join(re.escape(p) for p in parts))


def material_partials() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "javascripts"


@functools.lru_cache(maxsize=8)
def allowed_shapes(custom_dir: str | None, scope: str = "") -> tuple[re.Pattern, ...]:
    """Regexes of every inline script the templates may write: Material's page-start
    scripts (partials/javascripts/*.html of the installed package) and any inline
    script in our own templates (custom_dir, i.e. overrides/)."""
    sources = sorted(material_partials().glob("*.html"))
    if not sources:
        raise PluginError(f"Content-Security-Policy: no Material templates found in {material_partials()}; "
                          "cannot tell which inline scripts are Material's.")
    if custom_dir:
        sources += sorted(Path(custom_dir).rglob("*.html"))
    scripts = {s for path in sources for s in _template_scripts(path.read_text(encoding="utf-8"))}
    return tuple(_pattern(s, scope) for s in sorted(scripts))


def origin(url: str) -> str:
    """scheme://host[:port] of a configured endpoint, checked to be safe inside a policy."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    result = f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")
    if parts.scheme not in ("http", "https") or not re.fullmatch(r"https?://(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?",
                                                                  result):
        raise PluginError(f"Content-Security-Policy: cannot use {url!r} as a source (not a plain web origin).")
    return result


def _setting(config, group: str, key: str) -> str:
    return str((config.extra.get(group) or {}).get(key) or "").strip()


def policy(config, hashes: list[str], *, preview: bool = False) -> str:
    """The policy text for a page whose template scripts have these hashes."""
    connect = ["'self'"]
    endpoint = _setting(config, "feedback", "endpoint")
    if endpoint:
        connect.append(origin(endpoint))
    form = ["'self'"]
    action = _setting(config, "newsletter", "action")
    if action:
        form.append(origin(action))
    script = ["'self'", "'unsafe-inline'"] if preview else ["'self'", *sorted(set(hashes))]
    frames = [f"https://{host}" for host in sorted(VIDEO_HOSTS)]
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", script),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", list(dict.fromkeys(connect))),
        ("frame-src", frames),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("form-action", list(dict.fromkeys(form))),
        ("base-uri", ["'self'"]),
        ("object-src", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def _template_parts(output: str, body: str) -> list[tuple[int, str]]:
    """The output without the page body: (offset, text) of the part before and after it."""
    start = output.find(body) if body else -1
    if start < 0:
        return [(0, output)]
    end = start + len(body)
    return [(0, output[:start]), (end, output[end:])]


def inline_hashes(output: str, body: str, shapes: tuple[re.Pattern, ...], where: str) -> list[str]:
    """Hashes of the template's inline scripts; a build error for any we do not know."""
    hashes = []
    for offset, part in _template_parts(output, body):
        scripts = list(_SCRIPT.finditer(part))
        if len(scripts) != len(_SCRIPT_OPEN.findall(part)):
            raise PluginError(f"Content-Security-Policy ({where}): a <script> outside the page body is not "
                              "closed where expected; cannot tell which scripts the template wrote.")
        for match in scripts:
            kind = _kind(_attributes(match.group(1)))
            if kind in ("external", "data"):
                continue
            text = match.group(2)
            if kind == "other":
                raise PluginError(f"Content-Security-Policy ({where}): <script{match.group(1)}> outside the page "
                                  "body has a type this site does not use; only JavaScript and JSON data "
                                  "(application/json, application/ld+json) are known.")
            if not any(shape.fullmatch(_normalise(text)) for shape in shapes):
                line = output.count("\n", 0, offset + match.start()) + 1
                raise PluginError(
                    f"Content-Security-Policy ({where}, line {line}): an inline <script> outside the page body "
                    f"matches none of Material's page-start scripts (material/templates/partials/javascripts/) "
                    f"or ours: {text.strip()[:120]!r}. Move our own code into a file under "
                    "overrides/assets/javascripts/ and load it with <script src>; if a new Material version "
                    "brought it, check that its partials still match sdw/csp.py.")
            hashes.append(script_hash(text))
    return hashes


def protect(output: str, body: str, config, where: str, *, preview: bool = False) -> str:
    """The page with its policy and referrer policy first in <head>, right after <meta charset>."""
    head = _head(output, where)
    scope = str(config.extra.get("scope") or "")
    shapes = allowed_shapes(config.theme.custom_dir, scope)
    hashes = inline_hashes(output, body, shapes, where)
    return _insert_policy(output, head, policy(config, hashes, preview=preview), REFERRER)


def _head(output: str, where: str) -> re.Match:
    head = _HEAD.search(output)
    if head is None:
        raise PluginError(f"Content-Security-Policy ({where}): <head> does not start with <meta charset=\"utf-8\">; "
                          "the policy must come right after it.")
    return head


def _insert_policy(output: str, head: re.Match, text: str, referrer: str) -> str:
    meta = (f'\n<meta http-equiv="Content-Security-Policy" content="{_attribute(text)}">'
            f'\n<meta name="referrer" content="{referrer}">')
    return output[: head.end()] + meta + output[head.end():]


def _attribute(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;")


# --- settings our scripts take from the build, never from the page --------------

def _marker(setting: str) -> re.Pattern:
    return re.compile(r"/\* sdw:" + re.escape(setting) + r' \*/ *"(?:[^"\\\n]|\\.)*"')


def set_script_setting(text: str, setting: str, value: str, where: str) -> str:
    """Write a configured value (a JSON string) into a built script, in place of the string
    literal after its marker comment `/* sdw:<setting> */ ""`. Idempotent: a rebuild of an
    already configured file writes the value again."""
    marker = _marker(setting)
    if not marker.search(text):
        raise PluginError(f"{where}: the marker /* sdw:{setting} */ \"\" is missing; the script cannot get "
                          f"{setting} from the build configuration.")
    literal = f"/* sdw:{setting} */ " + json.dumps(value)
    return marker.sub(lambda _: literal, text)


# --- the web editor (admin/, Decap CMS) -------------------------------------------

# GitHub's API (the editor's backend) and the hosts it shows an author's avatar and pictures
# from; only contacted after an author logs in.
GITHUB_API = "https://api.github.com"
GITHUB_IMAGES = ("https://avatars.githubusercontent.com", "https://raw.githubusercontent.com")


def admin_policy(local_url: str = "") -> str:
    """The web editor's own policy (admin/index.html); readers never load this page.

    Decap CMS is a single-page application that differs from our pages in four ways, and only
    these are allowed here:
    - script-src 'unsafe-eval': it checks config.yml against its JSON schema with ajv, which
      compiles the schema into a function (`new Function`); without it the editor stops with
      "Error loading the CMS configuration". Inline script stays forbidden (no 'unsafe-inline',
      no hashes), so markup in an author's text cannot run even in the preview.
    - style-src 'unsafe-inline': it styles itself with CSS-in-JS (<style> elements it writes).
    - connect-src: GitHub's API, where it reads and writes the repository after the author has
      logged in (or decap-server on this machine, `sdw edit`), and blob: (a picture an author
      uploads is read back from its blob: address when the entry is saved); img-src also allows
      blob: (pictures picked but not yet saved) and GitHub's image hosts.
    - worker-src / frame-src blob: and 'self': the preview pane is a frame it fills itself.
    tests/browser/test_edit.py watches for policy violations. Logging in opens GitHub's OAuth
    page in a pop-up window, which a page's policy does not govern.
    """
    connect = ["'self'", "blob:", GITHUB_API]
    if local_url:
        connect.append(origin(local_url))
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'unsafe-eval'"]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:", "blob:", *GITHUB_IMAGES]),
        ("font-src", ["'self'", "data:"]),
        ("connect-src", connect),
        ("frame-src", ["'self'", "blob:"]),
        ("worker-src", ["'self'", "blob:"]),
        ("form-action", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("object-src", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def protect_admin(output: str, text: str, where: str) -> str:
    """The admin page with its policy first in <head>; it must have no inline script at all."""
    head = _head(output, where)
    if any(_kind(_attributes(attrs)) == "inline" for attrs, _ in _SCRIPT.findall(output)):
        raise PluginError(f"Content-Security-Policy ({where}): the web editor's page may not have inline script.")
    return _insert_policy(output, head, text, "no-referrer")
