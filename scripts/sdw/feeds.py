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

import icalendar

from . import texts as T
from .dates import PartialDate
from .model import Item, Site, event_last_day
from .schema import SUBJECT_FIELDS, TYPES_BY_NAME, ContentType, listing_rel

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


def item_feed_path(item: Item) -> str:
    """The feed of the articles that refer to an item of a type with `item_feed` (an audience)."""
    return f"feeds/{item.type.item_feed.folder}/{item.slug}.xml"


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
    # What an article is about (its themes) as categories, each with the overview of its type as scheme.
    schemes = {f.target: url(listing_rel(TYPES_BY_NAME[f.target])) for f in SUBJECT_FIELDS}
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
        for target, scheme in schemes.items():
            for slug in item.refs(target):
                _el(entry, "category", term=slug, label=site.get(target, slug).title, scheme=scheme)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --- iCalendar --------------------------------------------------------------------
# Written with the icalendar package, which escapes TEXT values (RFC 5545 3.3.11), folds
# lines at 75 octets without splitting a UTF-8 character (3.1) and ends them with CRLF.

PRODID = "-//Sterk door Werk//Evenementen//NL"


def fact_label(ctype: ContentType, field: str) -> str:
    """The label a type's page gives a field (its declared fact), else the field's name."""
    return next((f.label for f in ctype.facts if f.field == field), field)


def vevent(event: Item, url: Callable[[str], str]) -> icalendar.Event:
    """One whole-day event. Needs a full `datum` (validation rule SDW034)."""
    assert event.date is not None and event.date.day is not None, event.source_path
    start = event.date.first_day()
    last = event_last_day(event)
    page = url(event.rel)
    agenda = event.type.agenda
    description = [event.summary]
    organiser = event.value(agenda.organiser)
    if organiser:
        description.append(f"{fact_label(event.type, agenda.organiser)}: {organiser}")
    description.append(page)
    component = icalendar.Event()
    component.add("uid", f"{event.rel[:-3]}@{urlsplit(url('index.md')).hostname or 'localhost'}")
    # The event's own first day, not the clock: a rebuild must not change the file.
    component.add("dtstamp", dt.datetime.combine(start, dt.time(), dt.timezone.utc))
    component.add("dtstart", start)  # a date: VALUE=DATE
    component.add("dtend", max(last, start) + dt.timedelta(days=1))  # exclusive
    component.add("summary", event.title)
    component.add("description", "\n".join(description))
    component.add("url", page)
    place = event.value(agenda.place)
    if place:
        component.add("location", place)
    component.add("transp", "TRANSPARENT")
    return component


def calendar(events: Iterable[Item], url: Callable[[str], str], name: str | None = None) -> bytes:
    """An iCalendar file of whole-day events, oldest first. `name` makes it a subscribable calendar."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-caldesc", T.CALENDAR_DESCRIPTION)
    for event in sorted(events, key=lambda e: (e.date.first_day() if e.date else dt.date.min, e.rel)):
        cal.add_component(vevent(event, url))
    # Properties in the order added here, not the library's canonical order (which may change
    # between its versions): the same content gives the same bytes.
    return cal.to_ical(sorted=False)
