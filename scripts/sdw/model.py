"""Model: typed, frozen objects built from validated records, with the site's indexes.

Everything later stages need to ask ("which articles are for werkgevers?",
"what is related to this story?") is answered here, from data only.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .dates import PartialDate
from .load import Asset
from .memo import Memo
from .schema import ARTICLE_TYPES, TYPES_BY_NAME, ContentType
from .validate import Person, Record

WORDS_PER_MINUTE = 200

TAXONOMY_FIELDS = {"doelgroep": "doelgroepen", "thema": "themas", "partner": "partners",
                   "regio": "regio", "editie": "editie"}


@dataclass(frozen=True)
class Item:
    type: ContentType
    slug: str
    title: str
    summary: str
    body: str
    source_path: str  # e.g. content/verhalen/x.md, for messages
    rel: str  # path below content/, e.g. verhalen/x.md; generated pages keep it
    date: PartialDate | None = None
    audiences: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    region: str | None = None
    edition: str | None = None
    people: tuple[Person, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # type-specific fields

    @property
    def key(self) -> tuple[str, str]:
        return (self.type.name, self.slug)

    @property
    def is_article(self) -> bool:
        return self.type.is_article

    @cached_property
    def reading_minutes(self) -> int:
        # Words as a reader counts them: separated by spaces. (Counting runs of letters
        # would also count every part of a link's address and split "re-integratie".)
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))

    @cached_property
    def sort_key(self) -> tuple:
        """Newest first when sorted ascending."""
        date = self.date.sort_key if self.date else (0, 0, 0)
        return (tuple(-x for x in date), self.title.lower())

    @cached_property
    def theme_set(self) -> frozenset[str]:
        return frozenset(self.themes)

    @cached_property
    def partner_set(self) -> frozenset[str]:
        return frozenset(self.partners)

    @cached_property
    def person_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.people)

    def refs(self, target: str) -> tuple[str, ...]:
        value = {"doelgroep": self.audiences, "thema": self.themes, "partner": self.partners,
                 "regio": (self.region,) if self.region else (),
                 "editie": (self.edition,) if self.edition else ()}.get(target, ())
        if self.type.name == "editie" and target == "thema":
            value = tuple(self.extra.get("themas", ()))
        return value


@dataclass(frozen=True)
class Site:
    items: tuple[Item, ...]
    assets: tuple[Asset, ...]
    _by_key: Mapping[tuple[str, str], Item]
    _by_type: Mapping[str, tuple[Item, ...]]
    _referrers: Mapping[tuple[str, str], tuple[Item, ...]]

    def get(self, type_name: str, slug: str) -> Item:
        return self._by_key[(type_name, slug)]

    def of_type(self, type_name: str) -> tuple[Item, ...]:
        return self._by_type.get(type_name, ())

    @cached_property
    def articles(self) -> tuple[Item, ...]:
        """Every article, newest first."""
        return tuple(sorted((i for i in self.items if i.is_article), key=lambda i: i.sort_key))

    def articles_for(self, target: Item) -> tuple[Item, ...]:
        """Articles (newest first) that refer to this audience, theme, partner, region or edition."""
        return self._referrers.get(target.key, ())

    @cached_property
    def editions(self) -> tuple[Item, ...]:
        """Newest edition first."""
        return tuple(sorted(self.of_type("editie"), key=lambda e: -e.extra["nummer"]))

    @cached_property
    def _edition_index(self) -> Mapping[int, int]:
        return MappingProxyType({id(e): i for i, e in enumerate(self.editions)})

    def edition_neighbours(self, edition: Item) -> tuple[Item | None, Item | None]:
        """(previous, next) edition by number; None at either end."""
        editions = self.editions
        index = self._edition_index[id(edition)]
        older = editions[index + 1] if index + 1 < len(editions) else None
        newer = editions[index - 1] if index > 0 else None
        return older, newer

    def split_events(self, today: dt.date) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """Events still to come or going on `today` (soonest first), and past ones (newest first)."""
        upcoming, past = [], []
        for event in self.of_type("evenement"):
            (upcoming if event_last_day(event) >= today else past).append(event)
        upcoming.sort(key=lambda e: (e.date.first_day() if e.date else dt.date.max, e.title.lower()))
        return tuple(upcoming), tuple(past)

    def years(self) -> tuple[int, ...]:
        return tuple(sorted({a.date.year for a in self.articles if a.date}, reverse=True))

    @cached_property
    def _by_person(self) -> Mapping[str, tuple[Item, ...]]:
        people: dict[str, list[Item]] = defaultdict(list)
        for article in self.articles:
            for person in article.people:
                people[person.name].append(article)
        return MappingProxyType({k: tuple(v) for k, v in people.items()})

    def related(self, item: Item, limit: int = 4, per_signal: int = 24) -> tuple[Item, ...]:
        """Articles sharing people, edition, themes, partners or region with `item`, best first.

        Candidates come from the indexes, at most the newest `per_signal` for each
        shared person, edition, theme, partner and region, so the cost per item
        stays bounded however large the site grows.
        """
        names = item.person_names
        lists = [self._by_person.get(n, ()) for n in names]
        lists += [self._referrers.get((target, slug), ()) for target in ("editie", "thema", "partner", "regio")
                  for slug in item.refs(target)]
        pools = tuple(found[:per_signal] for found in lists)
        # The same item with the same candidates (by identity) gets the same answer: the
        # preview rebuilds the site on every save, and most items' candidates did not change.
        return _RELATED.get(item.source_path, (item, pools, limit),
                            lambda: self._rank(item, pools, limit))

    @staticmethod
    def _rank(item: Item, pools: tuple[tuple[Item, ...], ...], limit: int) -> tuple[Item, ...]:
        names = item.person_names
        candidates = {id(a): a for found in pools for a in found if a is not item}
        themes, partners, edition, region = item.theme_set, item.partner_set, item.edition, item.region
        scored = []
        for position, other in enumerate(candidates.values()):
            score = 3 * len(names & other.person_names) if names else 0
            if edition and edition == other.edition:
                score += 2
            if themes:
                score += 2 * len(themes & other.theme_set)
            if partners:
                score += len(partners & other.partner_set)
            if region and region == other.region:
                score += 1
            scored.append((-score, other.sort_key, position, other))
        # Best score, then newest; `position` keeps ties in candidate order (a stable sort).
        return tuple(entry[3] for entry in heapq.nsmallest(limit, scored))


def event_last_day(event: Item) -> dt.date:
    """The last day of an event: its `einddatum`, else its `datum` (the last day it can mean)."""
    end = event.extra.get("einddatum") or event.date
    return end.last_day() if end else dt.date.min


_ITEMS: Memo = Memo()  # an unchanged record (same object) keeps its Item and cached figures
_RELATED: Memo = Memo()  # an unchanged item with the same candidates keeps its related items


def build_site(records: tuple[Record, ...], assets: tuple[Asset, ...] = ()) -> Site:
    items = tuple(_ITEMS.get(r.source.path, r, lambda r=r: _item(r)) for r in records)
    by_key = {i.key: i for i in items}
    by_type: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_type[item.type.name].append(item)
    ordered = {t: tuple(sorted(v, key=_type_order)) for t, v in by_type.items()}
    referrers: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in sorted((i for i in items if i.is_article), key=lambda i: i.sort_key):
        for target in TAXONOMY_FIELDS:
            for slug in item.refs(target):
                referrers[(target, slug)].append(item)
    return Site(
        items,
        tuple(assets),
        MappingProxyType(by_key),
        MappingProxyType(ordered),
        MappingProxyType({k: tuple(v) for k, v in referrers.items()}),
    )


def _type_order(item: Item) -> tuple:
    if item.is_article:
        return item.sort_key
    order = item.extra.get("volgorde")
    return (order if order is not None else 10_000, item.title.lower())


def _item(record: Record) -> Item:
    v = dict(record.values)
    common = {"titel", "samenvatting", "datum", "doelgroepen", "themas", "partners", "regio", "editie",
              "personen"}
    extra = {k: val for k, val in v.items() if k not in common}
    if record.type.name == "editie" and "themas" in v:
        extra["themas"] = v["themas"]
    return Item(
        type=record.type,
        slug=record.slug,
        title=v["titel"],
        summary=v["samenvatting"],
        body=record.source.body,
        source_path=record.source.path,
        rel=record.source.rel,
        date=v.get("datum"),
        audiences=v.get("doelgroepen", ()) if record.type.is_article else (),
        themes=v.get("themas", ()) if record.type.is_article else (),
        partners=v.get("partners", ()),
        region=v.get("regio"),
        edition=v.get("editie"),
        people=v.get("personen", ()),
        extra=MappingProxyType(extra),
    )


__all__ = ["ARTICLE_TYPES", "TYPES_BY_NAME", "Item", "Site", "build_site"]
