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
from dataclasses import dataclass, field, make_dataclass
from functools import cached_property
from itertools import chain
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .dates import PartialDate
from .load import Asset
from .memo import NO_MEMO, Memo
from .schema import (
    AGENDA_TYPES,
    ARTICLE_ATTRS,
    ARTICLE_TYPES,
    EDITION_TYPE,
    REF_TARGETS,
    TYPES,
    TYPES_BY_NAME,
    ContentType,
    Kind,
)
from .validate import Person, Record

if TYPE_CHECKING:
    from .incremental import BuildMemory

WORDS_PER_MINUTE = 200

# --- Each type's values as a typed, frozen record, made from its declaration -----------------

_PYTHON_TYPES: dict[Kind, Any] = {
    Kind.DATE: PartialDate | None, Kind.DAY: PartialDate | None, Kind.YEAR: int | None,
    Kind.INT: int | None, Kind.REFS: tuple[str, ...], Kind.PEOPLE: tuple[Person, ...],
}
_EMPTY_LISTS = (Kind.REFS, Kind.PEOPLE)


def values_class(ctype: ContentType) -> type:
    """A frozen dataclass with one attribute per field of the type: a misspelt field name is an
    AttributeError, not a silently missing value."""
    return make_dataclass(
        ctype.name.capitalize() + "Values",
        [(f.name, _PYTHON_TYPES.get(f.kind, str | None)) for f in ctype.fields],
        frozen=True, slots=True)


_VALUES: dict[int, tuple[ContentType, type]] = {id(t): (t, values_class(t)) for t in TYPES}


def _values_of(ctype: ContentType) -> type:
    found = _VALUES.get(id(ctype))
    if found is None or found[0] is not ctype:  # a type declared elsewhere (tests)
        found = _VALUES[id(ctype)] = (ctype, values_class(ctype))
    return found[1]


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
    values: Any = None  # every field of the type, by name (values_class)

    def value(self, name: str) -> Any:
        """The value of one of the type's fields (None, or () for a list, when not given)."""
        return getattr(self.values, name)

    @property
    def key(self) -> tuple[str, str]:
        return (self.type.name, self.slug)

    @property
    def is_article(self) -> bool:
        return self.type.is_article

    @cached_property
    def rendered(self) -> dict:
        """Markup made from this item alone (its cards, see pages.rendered_card), kept while the
        item lives: an unchanged file keeps its Item across the preview's rebuilds."""
        return {}

    @cached_property
    def label(self) -> str:
        """What readers call the item: its type's label, or the value of the type's `label_from`
        field ("Interview")."""
        return self.type.label_of(self.value(self.type.label_from)) if self.type.label_from else self.type.label

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
        """The slugs of the items of type `target` this item refers to."""
        return self._refs.get(target, ())

    @cached_property
    def _refs(self) -> Mapping[str, tuple[str, ...]]:
        refs: dict[str, tuple[str, ...]] = {}
        for f in self.type.ref_fields:
            value = self.value(f.name)
            refs[f.target] = refs.get(f.target, ()) + (value if isinstance(value, tuple) else (value,) if value else ())
        return refs

    @property
    def number(self) -> int:
        """The number of a numbered item (an edition)."""
        return self.value(self.type.numbered_by) if self.type.numbered_by else 0


@dataclass(frozen=True)
class Site:
    items: tuple[Item, ...]
    assets: tuple[Asset, ...]
    _by_key: Mapping[tuple[str, str], Item]
    _by_type: Mapping[str, tuple[Item, ...]]
    _referrers: Mapping[tuple[str, str], tuple[Item, ...]]
    # The preview's memo of related items (BuildMemory.related); a one-shot build keeps none.
    _related_memo: Memo = field(default=NO_MEMO, repr=False, compare=False)

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
        return self.of_type(EDITION_TYPE.name) if EDITION_TYPE else ()

    def edition_of(self, article: Item) -> Item | None:
        return self.get(EDITION_TYPE.name, article.edition) if EDITION_TYPE and article.edition else None

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

    @cached_property
    def events(self) -> tuple[Item, ...]:
        """The items of the agenda types (newest first)."""
        return tuple(sorted((i for t in AGENDA_TYPES for i in self.of_type(t.name)), key=lambda i: i.sort_key))

    def split_events(self, today: dt.date) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """Events still to come or going on `today` (soonest first), and past ones (newest first).
        Asked for by every edition's newsletter, so each day's answer is kept."""
        if today not in self._split_events:
            upcoming, past = [], []
            for event in self.events:
                (upcoming if event_last_day(event) >= today else past).append(event)
            upcoming.sort(key=lambda e: (e.date.first_day() if e.date else dt.date.max, e.title.lower()))
            self._split_events[today] = (tuple(upcoming), tuple(past))
        return self._split_events[today]

    @cached_property
    def _split_events(self) -> dict[dt.date, tuple[tuple[Item, ...], tuple[Item, ...]]]:
        return {}

    def has_articles(self, item: Item) -> bool:
        """Whether a page that lists the articles referring to `item` has any to show."""
        return bool(self._referrers.get(item.key))

    def shown(self, type_name: str) -> tuple[Item, ...]:
        """The items of a type that readers are sent to: of a type whose pages list the articles
        that refer to them (audiences, themes, partners, regions), only those with articles."""
        items = self.of_type(type_name)
        if items and items[0].type.articles_heading:
            return tuple(i for i in items if self.has_articles(i))
        return items

    def featured(self, edition: Item, ctype: ContentType) -> tuple[Item, ...]:
        """Articles of a featured type (partner articles) for an edition: those that joined it and
        those dated in its month, newest first."""
        month = (edition.date.year, edition.date.month) if edition.date and edition.date.month else None
        return tuple(a for a in self.of_type(ctype.name)
                     if a.edition == edition.slug or (month and a.date and (a.date.year, a.date.month) == month))

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
        lists += [self._referrers.get((target, slug), ()) for target in _SIGNALS for slug in item.refs(target)]
        pools = tuple(found[:per_signal] for found in lists)
        # The same item with the same candidates (by identity) gets the same answer: the
        # preview rebuilds the site on every save, and most items' candidates did not change.
        return self._related_memo.get(item.source_path, (item, pools, limit),
                                      lambda: self._rank(item, pools, limit))

    def related_basis(self) -> str:
        """Everything `related` reads of the site, as text: every article in order, with its path,
        sort key, people and the references and signals it can share. Two sites with the same
        basis give each article the same related items (sdw.pagestore.KeptRelated keeps them)."""
        return repr([(a.rel, a.sort_key, tuple(p.name for p in a.people), tuple(a.refs(t) for t in _SIGNALS),
                      _shared_signals(a)) for a in self.articles])

    def _rank(self, item: Item, pools: tuple[tuple[Item, ...], ...], limit: int) -> tuple[Item, ...]:
        # A candidate's score is the number of bits its signals share with the item's (see
        # _signal_bits); ties go to the newest (`_ranking`), then to candidate order (a stable sort).
        flat = list(chain.from_iterable(pools))
        candidates = dict(zip(map(id, flat), flat, strict=True))  # the first place of each, at C speed
        candidates.pop(id(item), None)
        ranking, bits = self._ranking, self._signal_bits
        mask = 0
        for kind, value, _ in _shared_signals(item):
            mask |= bits.get((kind, value), 0)
        scored = []
        for position, key in enumerate(candidates):
            signals, place = ranking[key]
            scored.append((-(mask & signals).bit_count(), place, position))
        chosen = list(candidates.values())
        return tuple(chosen[entry[2]] for entry in heapq.nsmallest(limit, scored))

    @cached_property
    def _signal_bits(self) -> Mapping[tuple[str, str], int]:
        """Bits of their own for each person, edition, theme, partner and region of the site's
        articles, as many as a shared one weighs in `related` (a person 3, an edition or a theme
        2, a partner or a region 1): the score of two articles is `(a & b).bit_count()` of their
        bits. (A value no article has can be shared with none.)"""
        bits: dict[tuple[str, str], int] = {}
        at = 0
        for article in self.articles:
            for kind, value, weight in _shared_signals(article):
                if (kind, value) not in bits:
                    bits[(kind, value)] = ((1 << weight) - 1) << at
                    at += weight
        return bits

    @cached_property
    def _ranking(self) -> Mapping[int, tuple[int, int]]:
        """By id, every article's signals (`_signal_bits`, all of them or'ed) and its place by
        sort_key, newest first (equal keys share a place): ints compare faster than the keys, in
        the same order."""
        bits = self._signal_bits
        found: dict[int, tuple[int, int]] = {}
        place, last = -1, None
        for article in self.articles:
            if article.sort_key != last:
                place, last = place + 1, article.sort_key
            mask = 0
            for kind, value, _ in _shared_signals(article):
                mask |= bits[(kind, value)]
            found[id(article)] = (mask, place)
        return found


def _shared_signals(item: Item) -> list[tuple[str, str, int]]:
    """(kind, value, weight) of everything an article can share with another in `Site.related`
    (a value twice is harmless: its bits are or'ed)."""
    found = [("person", p.name, 3) for p in item.people]
    found += [("theme", t, 2) for t in item.themes] + [("partnership", p, 1) for p in item.partners]
    if item.edition:
        found.append(("edition", item.edition, 2))
    if item.region:
        found.append(("region", item.region, 1))
    return found


# Shared references that make two articles related (audiences are too broad to say so).
_SIGNALS = tuple(t for t in REF_TARGETS if t != ARTICLE_ATTRS["audiences"].target)


def event_last_day(event: Item) -> dt.date:
    """The last day of an event: its end date, else its date (the last day that can mean)."""
    agenda = event.type.agenda
    end = (event.value(agenda.end) if agenda else None) or event.date
    return end.last_day() if end else dt.date.min


def build_site(records: tuple[Record, ...], assets: tuple[Asset, ...] = (),
               memory: BuildMemory | None = None, related: Memo | None = None) -> Site:
    """The site's items and indexes. With the preview's memory, an unchanged record (the same
    object) keeps its Item and cached figures, and an unchanged item with the same candidates
    keeps its related items. `related`: the memo of related items otherwise (a one-shot
    build's sdw.pagestore.KeptRelated)."""
    memo = memory.items if memory is not None else NO_MEMO
    items = tuple(memo.get(r.source.path, r, lambda r=r: _item(r)) for r in records)
    by_key = {i.key: i for i in items}
    by_type: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_type[item.type.name].append(item)
    ordered = {t: tuple(sorted(v, key=_type_order)) for t, v in by_type.items()}
    referrers: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in sorted((i for i in items if i.is_article), key=lambda i: i.sort_key):
        for target in REF_TARGETS:
            for slug in item.refs(target):
                referrers[(target, slug)].append(item)
    return Site(
        items,
        tuple(assets),
        MappingProxyType(by_key),
        MappingProxyType(ordered),
        MappingProxyType({k: tuple(v) for k, v in referrers.items()}),
        memory.related if memory is not None else related if related is not None else NO_MEMO,
    )


def _type_order(item: Item) -> tuple:
    if item.is_article:
        return item.sort_key
    if item.type.numbered_by:
        return (-item.number, item.title.lower())
    order = item.value(item.type.sort_by) if item.type.sort_by else None
    return (order if order is not None else 10_000, item.title.lower())


def _item(record: Record) -> Item:
    return new_item(record.type, record.slug, record.values, body=record.source.body,
                    source_path=record.source.path, rel=record.source.rel)


def new_item(ctype: ContentType, slug: str, values: Mapping[str, Any], *, rel: str, body: str = "",
             source_path: str = "") -> Item:
    """An item of `ctype` from its checked field values by name (those not given are empty)."""
    unknown = set(values) - {f.name for f in ctype.fields}
    if unknown:
        raise TypeError(f"{ctype.name} has no field {', '.join(sorted(unknown))}")
    record = _values_of(ctype)(**{f.name: values.get(f.name, () if f.kind in _EMPTY_LISTS else None)
                                  for f in ctype.fields})
    shared = {f.attr: getattr(record, f.name) for f in ctype.fields if f.attr}
    return Item(type=ctype, slug=slug, body=body, source_path=source_path or f"content/{rel}", rel=rel,
                values=record, **shared)


__all__ = ["ARTICLE_TYPES", "TYPES_BY_NAME", "Item", "Site", "build_site", "new_item"]
