"""Body rules: links and anchors between content files, images, and HTML that could run code.

Called by validate.py with the scan of every file, so a link can be checked
against the anchors of the file it points to.
"""

from __future__ import annotations

import difflib
import posixpath
from urllib.parse import unquote, urlsplit

from .load import SourceFile
from .problems import Problem, problem
from .scan import Link, Scan, slugify
from .schema import FORBIDDEN_ELEMENTS, IMAGE_SUFFIXES, LINK_SCHEMES, VIDEO_HOSTS
from .videos import parse_video


def check_body(source: SourceFile, scanned: Scan, anchors: dict[str, frozenset[str]],
               assets: set[str], problems: list[Problem]) -> None:
    """`anchors`: linkable page path → its anchors; `assets`: image paths below content/."""
    base = posixpath.dirname(source.rel)
    for tag in scanned.tags:
        _check_tag(source, tag, problems)
    for link in scanned.links:
        scheme = link.scheme
        if scheme == "//" or (scheme and scheme not in LINK_SCHEMES):
            problems.append(problem(source.path, link.line, link.column, "onveilige-link",
                                    f"De {'bron' if link.image else 'link'} '{_clip(link.target)}' gebruikt "
                                    f"'{scheme if scheme != '//' else '//'}', dat is niet toegestaan.",
                                    "Gebruik https://…, mailto:… of een relatief pad naar een .md-bestand."))
            continue
        if link.image:
            _check_image(source, link, base, assets, problems)
        elif scheme is None and not link.target.startswith("#"):
            _check_internal(source, link, base, anchors, problems)
        elif link.target.startswith("#") and len(link.target) > 1:
            own = anchors.get(source.rel, frozenset())
            if unquote(link.target[1:]) not in own:
                problems.append(problem(source.path, link.line, link.column, "kapotte-link",
                                        f"Het anker '{link.target}' bestaat niet op deze pagina.",
                                        _anchor_hint(own)))


def _check_tag(source: SourceFile, tag, problems: list[Problem]) -> None:
    if tag.name == "iframe":
        src = tag.attrs.get("src") or ""
        host = urlsplit(src).hostname or ""
        if host in VIDEO_HOSTS and parse_video(src) is None:
            problems.append(problem(source.path, tag.line, tag.column, "verboden-html",
                                    f"'{_clip(src)}' is geen adres van een video-speler.",
                                    "Kopieer het insluitadres van de video, bijvoorbeeld "
                                    "https://www.youtube-nocookie.com/embed/abc123def45."))
        elif host not in VIDEO_HOSTS:
            problems.append(problem(source.path, tag.line, tag.column, "verboden-html",
                                    f"Een <iframe> van '{host or 'onbekend'}' is niet toegestaan.",
                                    f"Alleen video's van {', '.join(sorted(VIDEO_HOSTS))}; beter: maak een "
                                    "item in videos/."))
    elif tag.name in FORBIDDEN_ELEMENTS:
        problems.append(problem(source.path, tag.line, tag.column, "verboden-html",
                                f"Het HTML-element <{tag.name}> is niet toegestaan in content.",
                                "Haal het weg en gebruik Markdown voor opmaak."))
    for attr in tag.attrs:
        if attr.startswith("on"):
            problems.append(problem(source.path, tag.line, tag.column, "event-attribuut",
                                    f"Het attribuut '{attr}' op <{tag.name}> voert code uit en is niet toegestaan.",
                                    "Haal het attribuut weg."))


def _check_image(source: SourceFile, link: Link, base: str, assets: set[str], problems: list[Problem]) -> None:
    if link.scheme in ("http", "https"):
        problems.append(problem(source.path, link.line, link.column, "externe-afbeelding",
                                f"De afbeelding '{_clip(link.target)}' komt van een andere website.",
                                "Zet de afbeelding in content/ en link er relatief naar; zo blijft de lezer "
                                "anoniem."))
        return
    check_image_path(source, link.target, link.line, link.column, assets, problems)
    if not (link.alt or "").strip():
        problems.append(problem(source.path, link.line, link.column, "geen-alt-tekst",
                                f"De afbeelding '{link.target}' heeft geen alt-tekst.",
                                "Beschrijf kort wat er te zien is, bijvoorbeeld ![Twee collega's aan een "
                                "bureau](foto.jpg)."))


def image_rel(source_rel: str, target: str) -> str:
    """The path below content/ of an image written relative to the file at `source_rel`."""
    base = posixpath.dirname(source_rel)
    return posixpath.normpath(posixpath.join(base, unquote(target.split("?")[0].split("#")[0])))


def check_image_path(source: SourceFile, target: str, line: int, column: int, assets: set[str],
                     problems: list[Problem], what: str = "") -> None:
    """An image in content/ (allowed suffix; the loader has refused oversized files already)."""
    path = image_rel(source.rel, target)
    what = what or f"De afbeelding '{target}'"
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


def _clip(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
