"""Filter data for lists of cards the browser can narrow (generate stage).

A filterable list carries its data on the cards themselves (data-doelgroepen="a b"
data-themas="..." data-soort="verhaal" data-jaar="2021") and, on the list, the facets
with the labels of their values and the words of the interface (data-sdw-filter, JSON).
assets/javascripts/sdw-filter.js builds the controls from that: no request, no
per-article data elsewhere, and without JavaScript the whole list shows.
"""

from __future__ import annotations

import json

from . import texts as T
from .model import Item, Site
from .schema import ARTICLE_TYPES, FACET_FIELDS, TYPES_BY_NAME

# The facets: the article fields declared `facet` (query key: the type they refer to; card
# attribute: the field's name), then the article's type and its year.
TYPE_FACET, YEAR_FACET = "soort", "jaar"
FACETS = (*(f.target for f in FACET_FIELDS), TYPE_FACET, YEAR_FACET)  # also the query-string keys
FACET_ATTRS = {**{f.target: f.name for f in FACET_FIELDS}, TYPE_FACET: TYPE_FACET, YEAR_FACET: YEAR_FACET}
LEGENDS = {**{f.target: TYPES_BY_NAME[f.target].label for f in FACET_FIELDS}, **T.FILTER_LEGENDS}


def facet_values(item: Item) -> dict[str, tuple[str, ...]]:
    """The values of every facet for one article, in FACETS order."""
    values = {f.target: item.refs(f.target) for f in FACET_FIELDS}
    values[TYPE_FACET] = (item.type.name,)
    values[YEAR_FACET] = (str(item.date.year),) if item.date else ()
    return values


def filter_data(site: Site, items: tuple[Item, ...] | list[Item]) -> str | None:
    """The facets of a list as JSON, or None when no value would narrow it.

    A value is offered when some but not all of the items have it (one that every
    item has cannot narrow the list); a facet without such values is left out.
    """
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        for facet, values in facet_values(item).items():
            for value in set(values):
                counts[(facet, value)] = counts.get((facet, value), 0) + 1
    options = {f.target: [(i.slug, i.title) for i in site.of_type(f.target)] for f in FACET_FIELDS}
    options[TYPE_FACET] = [(t.name, t.plural) for t in ARTICLE_TYPES]
    options[YEAR_FACET] = [(y, y) for y in sorted({v for f, v in counts if f == YEAR_FACET}, reverse=True)]
    facets = []
    for facet in FACETS:
        values = [[v, label] for v, label in options[facet] if 0 < counts.get((facet, v), 0) < len(items)]
        if values:
            facets.append({"name": facet, "attr": FACET_ATTRS[facet], "legend": LEGENDS[facet],
                           "values": values})
    if not facets:
        return None
    return json.dumps({"facets": facets, "texts": T.FILTER_TEXTS}, ensure_ascii=False, separators=(",", ":"))
