"""Feeds and calendars: Atom (RFC 4287) feeds of new articles and iCalendar (RFC 5545) files of events.

Pure functions of the model and the build context, so a rebuild of unchanged
content gives byte-identical files: no timestamp here comes from the clock.
Every address is absolute (feed readers and calendars have no page to resolve
a relative link against); `url(rel)` turns a path below docs/ into one.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from . import texts as T
from .dates import PartialDate
from .model import Item, Site, event_last_day
from .schema import TYPES_BY_NAME, listing_rel

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM_TYPE = "application/atom+xml"
ICS_TYPE = "text/calendar"

FEED_LIMIT = 50  # newest entries per feed: a feed stays small however large the site grows
SITE_FEED = "feeds/alles.xml"
EVENTS_CALENDAR = "feeds/evenementen.ics"
# When there is nothing to date a feed by (no articles at all), a fixed instant, not the clock.
EPOCH = "2000-01-01T00:00:00Z"

ET.register_namespace("", ATOM_NS)


def audience_feed_path(audience: Item) -> str:
    return f"feeds/doelgroepen/{audience.slug}.xml"


def event_calendar_path(event: Item) -> str:
    """Next to the event's page: evenementen/<slug>.md → evenementen/<slug>.ics."""
    return event.rel[:-3] + ".ics"


# --- Atom -------------------------------------------------------------------------

def rfc3339(date: PartialDate) -> str:
    """Midnight UTC of the first day a (possibly partial) date means: 2021-11 → 2021-11-01T00:00:00Z."""
    return date.first_day().isoformat() + "T00:00:00Z"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def atom_feed(site: Site, *, path: str, title: str, subtitle: str, page_rel: str, items: Iterable[Item],
              url: Callable[[str], str], fallback_updated: str = EPOCH, limit: int = FEED_LIMIT) -> bytes:
    """An Atom feed of the newest `limit` dated items (newest first) at `path` below the site root.

    The feed's `updated` is its newest entry's date, so it only changes when the
    entries do; an empty feed takes `fallback_updated`.
    """
    entries = sorted((i for i in items if i.date), key=lambda i: i.sort_key)[:limit]
    root = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: "nl"})
    _el(root, "id", url(path))
    _el(root, "title", title, type="text")
    _el(root, "subtitle", subtitle, type="text")
    _el(root, "updated", max((rfc3339(e.date) for e in entries), default=fallback_updated))
    _el(root, "link", rel="self", type=ATOM_TYPE, href=url(path))
    _el(root, "link", rel="alternate", type="text/html", href=url(page_rel))
    author = _el(root, "author")
    _el(author, "name", T.SITE_NAME)
    _el(author, "uri", url("index.md"))
    _el(root, "icon", url("assets/images/favicon.svg"))
    themes_scheme = url(listing_rel(TYPES_BY_NAME["thema"]))
    for item in entries:
        entry = _el(root, "entry")
        _el(entry, "id", url(item.rel))
        _el(entry, "title", item.title, type="text")
        stamp = rfc3339(item.date)
        _el(entry, "published", stamp)
        _el(entry, "updated", stamp)
        _el(entry, "link", rel="alternate", type="text/html", href=url(item.rel))
        _el(entry, "summary", item.summary, type="text")
        _el(entry, "category", term=item.type.name, label=item.type.label)
        for slug in item.themes:
            _el(entry, "category", term=slug, label=site.get("thema", slug).title, scheme=themes_scheme)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --- iCalendar --------------------------------------------------------------------

CRLF = "\r\n"
PRODID = "-//Sterk door Werk//Evenementen//NL"


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line) <= 75 and len(line.encode("utf-8")) <= 75:  # most lines
        return line
    out: list[str] = []
    chunk, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(chunk)
            chunk, size, limit = " ", 1, 75
        chunk += char
        size += width
    out.append(chunk)
    return CRLF.join(out)


def _ics_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def vevent(event: Item, url: Callable[[str], str]) -> list[str]:
    """The content lines of one event (unfolded). Needs a full `datum` (validation rule SDW034)."""
    assert event.date is not None and event.date.day is not None, event.source_path
    start = event.date.first_day()
    last = event_last_day(event)
    page = url(event.rel)
    description = [event.summary]
    if event.extra.get("organisator"):
        description.append(f"{T.EVENT_ORGANISER}: {event.extra['organisator']}")
    description.append(page)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{ics_escape(event.rel[:-3])}@{urlsplit(url('index.md')).hostname or 'localhost'}",
        # The event's own first day, not the clock: a rebuild must not change the file.
        f"DTSTAMP:{_ics_date(start)}T000000Z",
        f"DTSTART;VALUE=DATE:{_ics_date(start)}",
        f"DTEND;VALUE=DATE:{_ics_date(max(last, start) + dt.timedelta(days=1))}",  # exclusive
        f"SUMMARY:{ics_escape(event.title)}",
        f"DESCRIPTION:{ics_escape(chr(10).join(description))}",
        f"URL:{page}",
    ]
    if event.extra.get("plaats"):
        lines.append(f"LOCATION:{ics_escape(event.extra['plaats'])}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar(events: Iterable[Item], url: Callable[[str], str], name: str | None = None) -> bytes:
    """An iCalendar file of whole-day events, oldest first. `name` makes it a subscribable calendar."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines += [f"X-WR-CALNAME:{ics_escape(name)}", f"X-WR-CALDESC:{ics_escape(T.CALENDAR_DESCRIPTION)}"]
    for event in sorted(events, key=lambda e: (e.date.first_day() if e.date else dt.date.min, e.rel)):
        lines += vevent(event, url)
    lines.append("END:VCALENDAR")
    return (CRLF.join(fold(line) for line in lines) + CRLF).encode("utf-8")
