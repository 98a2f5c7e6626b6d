"""Atom feeds (RFC 4287), iCalendar files (RFC 5545) and upcoming/past events by build date."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from conftest import FIXTURES, ROOT
from sdw import feeds as F
from sdw.dates import PartialDate
from sdw.generate import Context, RawFile, generate, home_page, item_page, type_listing
from sdw.load import load_all
from sdw.model import build_site, new_item
from sdw.schema import TYPES_BY_NAME
from sdw.validate import validate

A = "{http://www.w3.org/2005/Atom}"
BASE_URL = "https://sdw.example.org/"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
ABSOLUTE = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)


# --- a throwaway corpus ----------------------------------------------------------------

def article(folder: str, slug: str, title: str, date: str, audiences: list[str], extra: str = "") -> tuple[str, str]:
    lines = "\n".join(f"  - {a}" for a in audiences)
    return (f"{folder}/{slug}.md",
            f'---\ntitel: "{title}"\nsamenvatting: "Samenvatting van {title}."\ndatum: {date}\n'
            f"doelgroepen:\n{lines}\n{extra}---\n\nTekst.\n")


def make_site(tmp_path: Path, files: list[tuple[str, str]]):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    for rel, text in files:
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = validate(load_all(content, tmp_path))
    assert result.ok, result.problems
    return build_site(result.records)


def outputs(site, today=dt.date(2026, 11, 23)) -> dict[str, bytes]:
    """The feeds and calendars (not the newsletters' files, tests/test_newsletter.py)."""
    return {p.path: p.encode() for p in generate(site, Context(BASE_URL, today))
            if isinstance(p, RawFile) and not p.path.startswith("nieuwsbrief/")}


# --- an RFC 4287 checker ------------------------------------------------------------------

def rfc3339(text: str | None) -> dt.datetime:
    assert text and RFC3339.fullmatch(text), text
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def one(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(A + tag)
    assert len(found) == 1, f"{parent.tag} has {len(found)} <{tag}>"
    return found[0]


def check_atom(data: bytes, self_url: str) -> ET.Element:
    """The MUSTs of RFC 4287 that a generated feed can break, plus what we promise on top."""
    root = ET.fromstring(data)
    assert root.tag == A + "feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert ABSOLUTE.match(one(root, "id").text)  # atom:id is an absolute IRI
    assert one(root, "title").text.strip()
    feed_updated = rfc3339(one(root, "updated").text)
    links = root.findall(A + "link")
    selfs = [x for x in links if x.get("rel") == "self"]
    assert [x.get("href") for x in selfs] == [self_url]
    alternates = [x for x in links if x.get("rel", "alternate") == "alternate"]
    assert len(alternates) == 1 and alternates[0].get("href").startswith(BASE_URL)
    assert len({(x.get("type"), x.get("hreflang")) for x in alternates}) == len(alternates)
    feed_author = root.find(A + "author")
    if feed_author is not None:
        assert one(feed_author, "name").text.strip()
    entries = root.findall(A + "entry")
    ids, stamps = [], []
    for entry in entries:
        ids.append(one(entry, "id").text)
        assert ABSOLUTE.match(ids[-1])
        assert one(entry, "title").text.strip()
        stamps.append(rfc3339(one(entry, "updated").text))
        assert rfc3339(one(entry, "published").text) <= stamps[-1]
        assert feed_author is not None or entry.find(A + "author") is not None  # author at feed or each entry
        entry_links = [x for x in entry.findall(A + "link") if x.get("rel", "alternate") == "alternate"]
        assert len(entry_links) == 1 and entry_links[0].get("href").startswith(BASE_URL)
        assert entry.find(A + "content") is not None or one(entry, "summary").text.strip()
        for category in entry.findall(A + "category"):
            assert category.get("term")
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    assert stamps == sorted(stamps, reverse=True), "newest first"
    if stamps:
        assert feed_updated == stamps[0]
    return root


def entry_ids(root: ET.Element) -> list[str]:
    return [e.find(A + "id").text for e in root.findall(A + "entry")]


# --- feeds ------------------------------------------------------------------------------------

@pytest.fixture
def big_site(tmp_path):
    """60 tips for werkgevers, 5 stories for professionals, dates of every precision."""
    files = [article("tips", f"tip-{n:02d}", f"Tip {n}", f"20{10 + n // 12:02d}-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
                     ["werkgevers"]) for n in range(60)]
    files += [article("nieuws", "alleen-jaar", "Alleen een jaar", "2024", ["professionals", "werkgevers"],
                      "themas:\n  - ips\n"),
              article("nieuws", "alleen-maand", "Alleen een maand", "2024-07", ["professionals"]),
              article("evenementen", "congres", "Congres", "2025-02-03", ["professionals"])]
    return make_site(tmp_path, files)


def test_feeds_meet_rfc_4287_and_partial_dates_give_valid_timestamps(big_site):
    out = outputs(big_site)
    site_feed = check_atom(out[F.SITE_FEED], BASE_URL + F.SITE_FEED)
    by_id = {e.find(A + "id").text: e for e in site_feed.findall(A + "entry")}
    assert by_id[BASE_URL + "nieuws/alleen-jaar/"].find(A + "updated").text == "2024-01-01T00:00:00Z"
    assert by_id[BASE_URL + "nieuws/alleen-maand/"].find(A + "published").text == "2024-07-01T00:00:00Z"
    year_only = by_id[BASE_URL + "nieuws/alleen-jaar/"]
    assert [(c.get("term"), c.get("label")) for c in year_only.findall(A + "category")] == [
        ("nieuws", "Nieuws"), ("ips", "IPS")]
    assert year_only.find(A + "summary").text == "Samenvatting van Alleen een jaar."
    for slug in ("werkgevers", "professionals"):
        path = f"feeds/doelgroepen/{slug}.xml"
        check_atom(out[path], BASE_URL + path)


def test_site_feed_has_the_newest_50_articles_newest_first(big_site):
    root = check_atom(outputs(big_site)[F.SITE_FEED], BASE_URL + F.SITE_FEED)
    expected = [BASE_URL + a.rel[:-3] + "/" for a in big_site.articles][:50]
    assert entry_ids(root) == expected and len(expected) == 50
    assert one(root, "updated").text == "2025-02-03T00:00:00Z"  # the congres, the newest item


def test_audience_feeds_hold_exactly_that_audiences_newest_articles(big_site):
    out = outputs(big_site)
    professionals = entry_ids(ET.fromstring(out["feeds/doelgroepen/professionals.xml"]))
    assert professionals == [BASE_URL + p for p in ("evenementen/congres/", "nieuws/alleen-maand/",
                                                    "nieuws/alleen-jaar/")]
    werkgevers = entry_ids(ET.fromstring(out["feeds/doelgroepen/werkgevers.xml"]))
    expected = [BASE_URL + a.rel[:-3] + "/" for a in big_site.articles if "werkgevers" in a.audiences][:50]
    assert werkgevers == expected and len(werkgevers) == 50
    assert BASE_URL + "evenementen/congres/" not in werkgevers


# Feeds and calendars generated from a content folder in a new interpreter: no memo, another
# string hash seed (set iteration order), another moment on the clock.
FRESH = """
import json, sys, datetime as dt
from pathlib import Path
from sdw.generate import Context, RawFile, generate
from sdw.load import load_all
from sdw.model import build_site
from sdw.validate import validate
root = Path(sys.argv[1])
site = build_site(validate(load_all(root / "content", root)).records)
files = generate(site, Context(sys.argv[2], dt.date.fromisoformat(sys.argv[3])))
json.dump({f.path: f.encode().decode("utf-8") for f in files
           if isinstance(f, RawFile) and not f.path.startswith("nieuwsbrief/")}, sys.stdout)
"""


def outputs_in_a_new_process(root: Path, today: dt.date, hash_seed: str) -> dict[str, bytes]:
    run = subprocess.run([sys.executable, "-c", FRESH, str(root), BASE_URL, today.isoformat()], check=True,
                         capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "PYTHONHASHSEED": hash_seed})
    return {path: text.encode("utf-8") for path, text in json.loads(run.stdout).items()}


def test_feeds_do_not_depend_on_the_clock_or_the_process(big_site, tmp_path):
    """The same content gives the same bytes on another build day and in another build (no memo,
    another hash seed): unchanged files are not rewritten and a rebuild changes nothing."""
    a, b = outputs(big_site, dt.date(2026, 1, 1)), outputs(big_site, dt.date(2030, 6, 1))
    assert a == b and F.EVENTS_CALENDAR in a and F.SITE_FEED in a
    for seed in ("1", "2"):
        assert outputs_in_a_new_process(tmp_path, dt.date(2026, 1, 1), seed) == a


def test_an_audience_without_articles_still_gets_a_valid_feed(tmp_path):
    site = make_site(tmp_path, [article("tips", "tip", "Een tip", "2021-03-04", ["werkgevers"])])
    out = outputs(site)
    root = check_atom(out["feeds/doelgroepen/professionals.xml"], BASE_URL + "feeds/doelgroepen/professionals.xml")
    assert entry_ids(root) == [] and one(root, "updated").text == "2021-03-04T00:00:00Z"


# --- iCalendar ------------------------------------------------------------------------------

EVENTS = [
    article("evenementen", "lang", "Congres, werk; zorg \\\\ samen", "2026-11-20", ["werkgevers"],
            'einddatum: 2026-11-24\nplaats: "Zaal 1, Voorbeeldstad; begane grond"\norganisator: "Voorbeeld"\n'),
    article("evenementen", "kort", "Een middag", "2026-11-23", ["werkgevers"]),
    article("evenementen", "later", "Later", "2027-01-05", ["professionals"]),
    article("evenementen", "voorbij", "Voorbij", "2026-11-22", ["professionals"]),
]


def unfold(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def test_calendar_is_rfc_5545(tmp_path):
    out = outputs(make_site(tmp_path, EVENTS))
    data = out[F.EVENTS_CALENDAR]
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    lines = unfold(data)
    assert lines[:4] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sterk door Werk//Evenementen//NL",
                         "CALSCALE:GREGORIAN"]
    assert "X-WR-CALNAME:Sterk door Werk: evenementen" in lines
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"evenementen/{s}@sdw.example.org" for s in ("lang", "kort", "later", "voorbij")}
    long = events["evenementen/lang@sdw.example.org"]
    assert str(long["SUMMARY"]) == "Congres, werk; zorg \\ samen"  # escaping round-trips
    assert str(long["LOCATION"]) == "Zaal 1, Voorbeeldstad; begane grond"
    assert long.decoded("DTSTART") == dt.date(2026, 11, 20)
    assert long.decoded("DTEND") == dt.date(2026, 11, 25)  # exclusive: the day after einddatum
    assert str(long["DESCRIPTION"]) == ("Samenvatting van Congres, werk; zorg \\ samen.\nOrganisatie: Voorbeeld\n"
                                        + BASE_URL + "evenementen/lang/")
    assert str(long["URL"]) == BASE_URL + "evenementen/lang/"
    assert long.decoded("DTSTAMP") == dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
    short = events["evenementen/kort@sdw.example.org"]
    assert (short.decoded("DTSTART"), short.decoded("DTEND")) == (dt.date(2026, 11, 23), dt.date(2026, 11, 24))
    assert "LOCATION" not in short


def test_each_event_has_its_own_calendar_file_linked_from_its_page(tmp_path):
    site = make_site(tmp_path, EVENTS)
    out = outputs(site)
    cal = icalendar.Calendar.from_ical(out["evenementen/kort.ics"])
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Een middag"]
    assert "X-WR-CALNAME" not in cal  # a single event to import, not a calendar to subscribe to
    page = item_page(site, site.get("evenement", "kort"), Context(BASE_URL))
    assert "[Zet in uw agenda](kort.ics)" in page.body


def test_awkward_text_round_trips_and_folding_never_splits_a_character():
    """TEXT escaping (RFC 5545 3.3.11) and folding (3.1) of what an author may write, read back by
    icalendar as an independent parser."""
    title = "Eén, twee; drie \\ vier\nvijf — café; \\ " + "ë" * 40
    # A backslash right before n , or ; is checked on the written line: icalendar 6's reader
    # decodes "\\n" (an escaped backslash, then n) as backslash + newline; 7 reads it right.
    place = r"Zaal C:\nieuw\, achter\; boven"
    event = new_item(TYPES_BY_NAME["evenement"], "raar", {
        "titel": title, "samenvatting": "Kort; maar, goed.", "datum": PartialDate(2026, 11, 20),
        "plaats": place, "organisator": "A, B; C \\ D"}, rel="evenementen/raar.md")
    data = F.calendar([event], Context(BASE_URL).url)
    physical = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical) and len(physical) > 12  # long lines were folded
    for line in physical:
        line.decode("utf-8")  # each physical line is whole UTF-8
    lines = unfold(data)
    assert r"SUMMARY:Eén\, twee\; drie \\ vier\nvijf — café\; \\ ëë" in "\n".join(lines)
    assert r"LOCATION:Zaal C:\\nieuw\\\, achter\\\; boven" in lines
    [read] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(read["SUMMARY"]) == title
    assert str(read["DESCRIPTION"]) == "Kort; maar, goed.\nOrganisatie: A, B; C \\ D\n" + BASE_URL + "evenementen/raar/"
    assert str(read["UID"]) == "evenementen/raar@sdw.example.org"


# --- upcoming and past -----------------------------------------------------------------------

@pytest.mark.parametrize("today, upcoming, past", [
    (dt.date(2026, 11, 19), ["lang", "voorbij", "kort", "later"], []),
    (dt.date(2026, 11, 23), ["lang", "kort", "later"], ["voorbij"]),  # ongoing "lang" counts as upcoming
    (dt.date(2026, 11, 24), ["lang", "later"], ["kort", "voorbij"]),  # last day of "lang"
    (dt.date(2026, 11, 25), ["later"], ["kort", "voorbij", "lang"]),
    (dt.date(2027, 1, 6), [], ["later", "kort", "voorbij", "lang"]),
])
def test_events_split_into_upcoming_soonest_first_and_past_newest_first(tmp_path, today, upcoming, past):
    site = make_site(tmp_path, EVENTS)
    soon, done = site.split_events(today)
    assert [e.slug for e in soon] == upcoming
    assert [e.slug for e in done] == past


def _section(body: str, heading: str) -> str:
    rest = body[body.index(heading):]
    end = rest.find("\n## ", 1)
    return rest if end < 0 else rest[:end]


def test_events_listing_and_home_follow_the_build_date(tmp_path):
    site = make_site(tmp_path, EVENTS)
    events = TYPES_BY_NAME["evenement"]
    listing = type_listing(site, events, Context(BASE_URL, dt.date(2026, 11, 23))).body
    upcoming, past = _section(listing, "## Komende evenementen"), _section(listing, "## Eerdere evenementen")
    assert upcoming.index("(lang.md)") < upcoming.index("(kort.md)") < upcoming.index("(later.md)")
    assert "voorbij.md" not in upcoming and "(voorbij.md)" in past
    assert "[Abonneer u op de agenda (iCalendar)](../feeds/evenementen.ics)" in listing
    home = home_page(site, Context(BASE_URL, dt.date(2026, 11, 23))).body
    assert "evenementen/lang.md" in home and "evenementen/voorbij.md" not in home

    later = Context(BASE_URL, dt.date(2030, 1, 1))
    listing = type_listing(site, events, later).body
    assert "Er staan op dit moment geen evenementen gepland." in _section(listing, "## Komende evenementen")
    home = home_page(site, later).body
    # Nothing upcoming: no events block on the home page (never a block of nothing)
    assert "## Evenementen" not in home and "evenementen/" not in home


def test_item_page_memo_follows_the_build_context(tmp_path):
    from sdw.incremental import BuildMemory

    site, memory = make_site(tmp_path, EVENTS), BuildMemory()
    item = site.get("evenement", "kort")
    first = item_page(site, item, Context(BASE_URL, dt.date(2026, 11, 23)), memory)
    assert item_page(site, item, Context(BASE_URL, dt.date(2026, 11, 23)), memory) is first  # equal context: reused
    assert item_page(site, item, Context(BASE_URL, dt.date(2026, 11, 23))) is not first  # no memory: made anew
    assert item_page(site, item, Context(BASE_URL, dt.date(2026, 11, 24)), memory) is not first
    assert item_page(site, item, Context("https://elders.example.org/", dt.date(2026, 11, 24)), memory) is not first


def test_feed_memo_follows_the_feed_input(tmp_path):
    from sdw.generate import feed_files
    from sdw.incremental import BuildMemory

    site, memory = make_site(tmp_path, EVENTS), BuildMemory()
    first = {f.path: f for f in feed_files(site, Context(BASE_URL, dt.date(2026, 11, 23)), memory)}
    again = feed_files(site, Context(BASE_URL, dt.date(2026, 11, 23)), memory)
    assert all(f is first[f.path] for f in again)  # the same inputs: every feed and calendar reused
    assert not any(f is first[f.path] for f in feed_files(site, Context(BASE_URL, dt.date(2026, 11, 23))))
    elsewhere = feed_files(site, Context("https://elders.example.org/", dt.date(2026, 11, 23)), memory)
    assert not any(f is first[f.path] for f in elsewhere)
    assert [f.encode() for f in elsewhere] != [f.encode() for f in again]


# --- audience pages ------------------------------------------------------------------------

def test_audience_page_links_its_feed_visibly_and_in_the_head(tmp_path):
    site = make_site(tmp_path, EVENTS)
    page = item_page(site, site.get("doelgroep", "werkgevers"), Context(BASE_URL))
    assert "[Volg via Atom-feed](../feeds/doelgroepen/werkgevers.xml)" in page.body
    assert page.meta["sdw_alternate"] == {"href": "feeds/doelgroepen/werkgevers.xml", "type": "application/atom+xml",
                                          "title": "Sterk door Werk: artikelen voor werkgevers"}
