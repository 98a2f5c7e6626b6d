"""Sharing and findability metadata for generated pages (generate stage).

Metadata for link previews (Open Graph) and search engines (schema.org JSON-LD),
as plain data in the page's front-matter; the renderer's templates print it.
Only what is known is stated: no authors (people in `personen` are interviewees),
dates with the precision the author gave (ISO 8601 "2018", "2018-12", "2018-12-05").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import texts as T
from .model import Item, Site
from .schema import SUBJECT_FIELDS

if TYPE_CHECKING:
    from .generate import Context

SCHEMA_ORG = "https://schema.org"


def publisher(context: Context) -> dict[str, Any]:
    return {"@type": "Organization", "name": T.SITE_NAME, "url": context.base_url}


def sharing(site: Site, item: Item, context: Context) -> dict[str, Any]:
    """`sdw_url` (the published address, also the canonical one), `sdw_og` (Open Graph type and,
    for articles, the publication date) and `sdw_jsonld` (schema.org) for one item's page."""
    url = context.url(item.rel)
    og: dict[str, str] = {"type": "article" if item.is_article else "website"}
    if item.is_article and item.date:
        og["published"] = item.date.iso()
    data: dict[str, Any] = {"sdw_url": url, "sdw_og": og}
    jsonld = _jsonld(site, item, context, url)
    if jsonld:
        data["sdw_jsonld"] = jsonld
    return data


def _properties(item: Item) -> dict[str, Any]:
    """The schema.org properties the item's type declares, for the values it has."""
    found: dict[str, Any] = {}
    for prop, name, wrapper in item.type.schema_org.properties:
        value = item.value(name)
        if not value or value == item.title:
            continue
        if hasattr(value, "iso"):
            value = value.iso()
        found[prop] = {"@type": wrapper, "name": value} if wrapper else value
    return found


def _jsonld(site: Site, item: Item, context: Context, url: str) -> dict[str, Any] | None:
    declared = item.type.schema_org
    if declared is None:
        return None
    kind = declared.type
    data: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": kind}
    if not item.is_article:  # an organisation (a partner)
        data["name"] = item.title
        data.update(_properties(item))
        data["description"] = item.summary
        data["mainEntityOfPage"] = url
        return data
    data["name" if kind == "Event" else "headline"] = item.title
    data["description"] = item.summary
    data["url"] = url
    if kind == "Event":
        if item.date:
            data["startDate"] = item.date.iso()
        data.update(_properties(item))
    else:
        if item.date:
            data["datePublished"] = item.date.iso()
        data["publisher"] = publisher(context)
    data["inLanguage"] = "nl"
    about = [site.get(f.target, slug) for f in SUBJECT_FIELDS for slug in item.refs(f.target)]
    if about:
        data["about"] = [{"@type": "Thing", "name": t.title, "url": context.url(t.rel)} for t in about]
    if kind != "Event":
        data.update(_properties(item))
    return data


def home_sharing(context: Context, description: str) -> dict[str, Any]:
    url = context.base_url
    return {
        "sdw_url": url,
        "sdw_og": {"type": "website"},
        "sdw_jsonld": {"@context": SCHEMA_ORG, "@graph": [
            {"@type": "WebSite", "name": T.SITE_NAME, "url": url, "description": description,
             "inLanguage": "nl", "publisher": {"@id": url + "#organisatie"}},
            {"@type": "Organization", "@id": url + "#organisatie", "name": T.SITE_NAME, "url": url},
        ]},
    }


def page_sharing(context: Context, rel: str) -> dict[str, Any]:
    """Listings: the published address and Open Graph type only."""
    return {"sdw_url": context.url(rel), "sdw_og": {"type": "website"}}
