"""Body rules: links and anchors between content files, images, and markup outside sdw.policy.

Called by validate.py with the scan of every file, so a link can be checked
against the anchors of the file it points to. Every element and attribute an
author wrote (in HTML, attribute lists or admonitions) is judged by the same
policy functions the sanitiser keeps or drops it by.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from . import policy
from .load import RefusedAsset, SourceFile
from .policy import clip
from .problems import Problem, problem
from .scan import Link, Scan, Tag, slugify
from .schema import (
    IMAGE_SUFFIXES,
    MAX_ANGLE_BRACKETS,
    MAX_HEADINGS,
    MAX_LIST_INDENT,
    MAX_MARKUP_CHARACTERS,
    MAX_QUOTE_DEPTH,
    MAX_RESCAN_CHARACTERS,
    SAFE_NAME_PATTERN,
    SITE_HOSTS,
)
from .videos import parse_video

_NONE: Mapping[str, RefusedAsset] = MappingProxyType({})


def check_body(source: SourceFile, scanned: Scan, anchors: dict[str, frozenset[str]],
               assets: set[str], problems: list[Problem], refused: Mapping[str, RefusedAsset] = _NONE) -> None:
    """`anchors`: linkable page path → its anchors; `assets`: image paths below content/;
    `refused`: images that exist but are not published (path below content/ → why)."""
    base = posixpath.dirname(source.rel)
    check_cost(source, scanned, problems)
    for tag in scanned.tags:
        _check_tag(source, tag, problems)
    for heading in scanned.headings:
        violation = None if heading.explicit else policy.heading_id_violation(heading.anchor)
        if violation:
            _report(source, heading.line, heading.column, violation, problems)
    check_heading_levels(source, scanned, problems)
    for link in scanned.links:
        if link.text is not None and not _NOT_TEXT.sub("", link.text):
            problems.append(problem(source.path, link.line, link.column, "link-zonder-tekst",
                                    f"De link naar '{clip(link.target)}' heeft geen tekst: er staat niets tussen "
                                    "de blokhaken, dus lezers zien niets om op te klikken.",
                                    "Zet tussen de blokhaken waar de link heen gaat, bijvoorbeeld "
                                    "[het convenant](../convenant.md)."))
        if link.scheme in ("http", "https") and not link.image and _own_site_link(source, link, anchors, problems):
            continue
        if not link.in_html:  # an HTML element's addresses were judged with its other attributes
            # Markdown leaves character references in a target for the browser to decode.
            violation = policy.url_violation("img" if link.image else "a", html.unescape(link.target))
            if violation:
                _report(source, link.line, link.column, violation, problems)
                continue
        elif policy.url_scheme(link.target) is not None:
            continue
        if link.image:
            _check_image(source, link, base, assets, problems, refused)
        elif link.scheme is None and not link.target.startswith("#"):
            _check_internal(source, link, base, anchors, problems)
        elif link.target.startswith("#") and len(link.target) > 1:
            own = anchors.get(source.rel, frozenset())
            if unquote(link.target[1:]) not in own:
                problems.append(problem(source.path, link.line, link.column, "kapotte-link",
                                        f"Het anker '{link.target}' bestaat niet op deze pagina.",
                                        _anchor_hint(own)))


_HTML_HEADING = {f"h{n}": n for n in range(1, 7)}
_NOT_TEXT = re.compile(r"[\s*_`~]+")  # spaces and emphasis marks: a link text of only these is empty


def _marks(level: int) -> str:
    return "'" + "#" * level + "'"


def check_heading_levels(source: SourceFile, scanned: Scan, problems: list[Problem]) -> None:
    """SDW045: the page title is the only level-1 heading, and no heading skips a level
    (Markdown headings, '==='/'---' underlined ones and HTML <h1>-<h6> alike)."""
    found = [(h.line, h.mark_column or h.column, h.level) for h in scanned.headings if h.level]
    found += [(t.line, t.column, _HTML_HEADING[t.name]) for t in scanned.tags
              if t.origin == "html" and t.name in _HTML_HEADING]
    previous = 1  # the page title
    for line, column, level in sorted(found):
        if level == 1:
            problems.append(problem(source.path, line, column, "kopniveau",
                                    "Dit kopje heeft niveau 1 ('#', '===' of <h1>), maar de titel van de pagina is al "
                                    "het hoofdkopje (niveau 1).",
                                    "Gebruik ## voor een kopje in de tekst, en ### voor een kopje daaronder."))
        elif level > previous + 1:
            expected = previous + 1
            after = ("de titel van de pagina" if previous == 1
                     else f"een kopje van niveau {previous} ({_marks(previous)})")
            problems.append(problem(source.path, line, column, "kopniveau",
                                    f"Dit kopje heeft niveau {level} ({_marks(level)}), maar na {after} hoort "
                                    f"niveau {expected} ({_marks(expected)}): er wordt een niveau overgeslagen.",
                                    f"Maak er een kopje van niveau {expected} van: begin de regel met "
                                    f"{_marks(expected)} in plaats van {_marks(level)}."))
        previous = level


def _own_site_link(source: SourceFile, link: Link, anchors: dict[str, frozenset[str]],
                   problems: list[Problem]) -> bool:
    """SDW047: a link with the full address of a page of this site. True when reported."""
    try:
        parts = urlsplit(html.unescape(link.target.strip()))
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if host not in SITE_HOSTS:
        return False
    path = unquote(parts.path).strip("/")
    last = path.rsplit("/", 1)[-1]
    if "." in last and not last.endswith((".html", ".md")):
        return False  # a feed, calendar or other file: no .md file to link to instead
    path = re.sub(r"(?:^|/)index\.html$|\.html$|\.md$", "", path).strip("/")
    candidates = [f"{path}.md", f"{path}/index.md"] if path else ["index.md"]
    target = next((c for c in candidates if c in anchors), None)
    if target is not None:
        relative = posixpath.relpath(target, posixpath.dirname(source.rel) or ".")
        relative += f"#{parts.fragment}" if parts.fragment else ""
        hint = (f"Link met het pad naar het .md-bestand, gezien vanaf dit bestand: '{relative}'. Zo werkt de link "
                "ook in de voorbeeldweergave, in de offline versie en op een ander webadres.")
    else:
        hint = ("Die pagina staat niet in content/; controleer het adres. Link naar een pagina van de site met het pad "
                "naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld ../themas/ips.md.")
    problems.append(problem(source.path, link.line, link.column, "volledig-adres-eigen-site",
                            f"De link '{clip(link.target)}' wijst met het volledige webadres naar een pagina van "
                            "deze site.", hint))
    return True


def check_cost(source: SourceFile, scanned: Scan, problems: list[Problem]) -> None:
    """A body the renderer would take too long over: refused before anything is built."""
    cost = scanned.cost
    reasons = []
    if cost.rescans > MAX_RESCAN_CHARACTERS:
        reasons.append("er staan '[' of '](' in die nergens worden gesloten")
    if cost.headings > MAX_HEADINGS:
        reasons.append(f"er staan {cost.headings} kopjes in (de grens is {MAX_HEADINGS})")
    if cost.angles > MAX_ANGLE_BRACKETS:
        reasons.append(f"er staan {cost.angles} tekens '<' in (de grens is {MAX_ANGLE_BRACKETS})")
    if cost.markup > MAX_MARKUP_CHARACTERS:
        reasons.append(f"er staan {cost.markup} opmaaktekens in zoals * _ [ ] < > & \\ "
                       f"(de grens is {MAX_MARKUP_CHARACTERS})")
    if cost.list_indent > MAX_LIST_INDENT:
        reasons.append(f"lijstjes zijn {cost.list_indent} spaties diep ingesprongen (de grens is {MAX_LIST_INDENT})")
    if cost.quote_depth > MAX_QUOTE_DEPTH:
        reasons.append(f"citaten zijn {cost.quote_depth} niveaus diep genest (de grens is {MAX_QUOTE_DEPTH})")
    if reasons:
        line, column = source.body_line, 1
        if cost.offset >= 0:
            line += source.body.count("\n", 0, cost.offset)
            column = cost.offset - source.body.rfind("\n", 0, cost.offset)
        problems.append(problem(source.path, line, column, "te-complex",
                                "Deze tekst kan niet veilig worden opgebouwd: " + "; ".join(reasons) + ".",
                                "Kijk of er per ongeluk een lange reeks tekens in de tekst is geplakt. Een heel "
                                "lange tekst kun je opsplitsen in meer artikelen."))


def _report(source: SourceFile, line: int, column: int, violation: policy.Violation,
            problems: list[Problem]) -> None:
    problems.append(problem(source.path, line, column, violation.rule, violation.message, violation.hint))


def _check_tag(source: SourceFile, tag: Tag, problems: list[Problem]) -> None:
    """An element (or attribute list, or admonition) against sdw.policy, as the sanitiser judges it."""
    if tag.origin == "html":
        violation = policy.element_violation(tag.name)
        if violation:
            _report(source, tag.line, tag.column, violation, problems)
            return  # the sanitiser drops the element with all its attributes
        src = tag.attrs.get("src") or ""
        if tag.name == "iframe" and not policy.url_violation("iframe", src) and parse_video(src) is None:
            problems.append(problem(source.path, tag.line, tag.column, "verboden-html",
                                    f"'{clip(src)}' is geen adres van een video-speler.",
                                    "Kopieer het insluitadres van de video, bijvoorbeeld "
                                    "https://www.youtube-nocookie.com/embed/abc123def45."))
            return
        if tag.name == "iframe" and "src" not in tag.attrs:
            problems.append(problem(source.path, tag.line, tag.column, "verboden-html",
                                    "Een <iframe> zonder adres (src) is niet toegestaan.",
                                    "Kopieer de insluitcode van de video, of beter: maak een item in videos/."))
            return
    where = {"attr-list": "In een attributenlijst { … }: ", "admonition": "In een blok met !!!: "}.get(tag.origin, "")
    for name, value in tag.attrs.items():
        violation = policy.attribute_violation(tag.name, name, value, source=tag.origin == "html")
        if violation:
            message = where + violation.message[0].lower() + violation.message[1:] if where else violation.message
            _report(source, tag.line, tag.column, policy.Violation(violation.rule, message, violation.hint),
                    problems)


def _check_image(source: SourceFile, link: Link, base: str, assets: set[str], problems: list[Problem],
                 refused: Mapping[str, RefusedAsset]) -> None:
    if link.scheme in ("http", "https"):
        problems.append(problem(source.path, link.line, link.column, "externe-afbeelding",
                                f"De afbeelding '{clip(link.target)}' komt van een andere website.",
                                "Zet de afbeelding in content/ en link er relatief naar; zo blijft de lezer "
                                "anoniem."))
        return
    check_image_path(source, link.target, link.line, link.column, assets, problems, refused=refused)
    if not (link.alt or "").strip():
        problems.append(problem(source.path, link.line, link.column, "geen-alt-tekst",
                                f"De afbeelding '{link.target}' heeft geen alt-tekst.",
                                "Beschrijf kort wat er te zien is, bijvoorbeeld ![Twee collega's aan een "
                                "bureau](foto.jpg)."))


# A relative path of safe folder and file names, as the loader accepts them for images.
_IMAGE_PATH = re.compile(rf"(?:(?:\.\.?|{SAFE_NAME_PATTERN})/)*{SAFE_NAME_PATTERN}")


def image_target_rel(source_rel: str, target: str) -> str:
    """The path below content/ of an image target as written in the file at `source_rel`: an
    address, so without its ?query and #fragment and with %XX decoded."""
    base = posixpath.dirname(source_rel)
    return posixpath.normpath(posixpath.join(base, unquote(target.split("?")[0].split("#")[0])))


def check_image_path(source: SourceFile, target: str, line: int, column: int, assets: set[str],
                     problems: list[Problem], what: str = "",
                     refused: Mapping[str, RefusedAsset] = _NONE) -> None:
    """An image in content/ (allowed suffix, safe name), published: an image the loader refused
    (its name, bytes or size) is named as refused, with the reason, not as missing."""
    path = image_target_rel(source.rel, target)
    hit = refused.get(path)
    if hit is not None:
        reason = " omdat ze te groot is" if hit.problem.rule.name == "bestand-te-groot" else ""
        problems.append(problem(source.path, line, column, "afbeelding-ontbreekt",
                                f"De afbeelding '{target}' komt niet op de site: ze is geweigerd{reason} "
                                f"({hit.problem.rule.id} {hit.problem.rule.name}, zie {hit.path}).",
                                f"{hit.problem.hint} Dan werkt deze verwijzing vanzelf." if reason else
                                "Los eerst de melding bij de afbeelding zelf op; dan werkt deze verwijzing vanzelf."))
        return
    what = what or f"De afbeelding '{clip(target)}'"
    if not _IMAGE_PATH.fullmatch(target):
        problems.append(problem(source.path, line, column, "afbeelding-ontbreekt",
                                f"{what} heeft tekens die niet in de naam van een afbeelding mogen.",
                                "Gebruik in map- en bestandsnamen alleen letters, cijfers, '-', '_' en '.', "
                                "bijvoorbeeld afbeeldingen/foto-pearl.jpg."))
        return
    if posixpath.splitext(path)[1].lower() not in IMAGE_SUFFIXES or path not in assets:
        problems.append(problem(source.path, line, column, "afbeelding-ontbreekt",
                                f"{what} bestaat niet in content/.",
                                "Controleer de naam en het pad (relatief aan dit bestand). Toegestaan: "
                                f"{', '.join(sorted(IMAGE_SUFFIXES))}, tot 500 kB."))


def _check_internal(source: SourceFile, link: Link, base: str, anchors: dict[str, frozenset[str]],
                    problems: list[Problem]) -> None:
    raw_path, _, fragment = link.target.partition("#")
    path = unquote(raw_path.split("?", 1)[0])
    resolved = posixpath.normpath(posixpath.join(base, path))
    if path.endswith("/"):
        resolved = posixpath.join(resolved, "index.md")
    if resolved not in anchors:
        if not path.endswith(".md"):
            hint = "Link naar het .md-bestand zelf, bijvoorbeeld ../themas/ips.md (niet naar het webadres)."
        else:
            close = difflib.get_close_matches(resolved, sorted(anchors), n=1, cutoff=0.7)
            hint = (f"Bedoelde je '{posixpath.relpath(close[0], base or '.')}'?" if close
                    else "Controleer het pad: het is relatief aan de map van dit bestand.")
        problems.append(problem(source.path, link.line, link.column, "kapotte-link",
                                f"De link '{link.target}' wijst naar een bestand dat niet bestaat.", hint))
        return
    target_anchors = anchors[resolved]
    if fragment and target_anchors and unquote(fragment) not in target_anchors:
        problems.append(problem(source.path, link.line, link.column, "kapotte-link",
                                f"Het anker '#{fragment}' bestaat niet in {resolved}.", _anchor_hint(target_anchors)))


def _anchor_hint(anchors: frozenset[str]) -> str:
    if not anchors:
        return "Die pagina heeft geen kopjes om naar te linken."
    return f"Kies uit: {', '.join(sorted(anchors)[:12])}."


def anchors_of(title: str, scanned: Scan) -> frozenset[str]:
    """Anchors a content page will have: its title (h1) and every heading in its body."""
    return frozenset({slugify(title)} | scanned.anchors)
