"""Sharing and findability metadata for generated pages (generate stage).

Metadata for link previews (Open Graph) and search engines (schema.org JSON-LD),
as plain data in the page's front-matter; the renderer's templates print it.
Only what is known is stated: no authors (people in `personen` are interviewees),
dates with the precision the author gave (ISO 8601 "2018", "2018-12", "2018-12-05").

Every page has a picture for link previews (`sdw_og.image`: absolute URL, alt text, and the
size when known): an item's own picture, else its social card (`sdw_og.card`, the texts
socialcard.py draws), a PNG below CARD_FOLDER named after its content. generate() gives the
pages without a picture yet (listings) their card and adds one file per card to the site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import socialcard
from . import texts as T
from .model import Item, Site
from .schema import SUBJECT_FIELDS

if TYPE_CHECKING:
    from .generate import Context

SCHEMA_ORG = "https://schema.org"
CARD_FOLDER = "assets/social"  # below docs/ (and the site)


@dataclass(frozen=True)
class Card:
    """The texts of a social card: they decide its picture and its file name."""

    title: str
    label: str = ""
    site: str = T.SITE_NAME

    @property
    def path(self) -> str:
        """Below docs/: a new name whenever the picture changes (so an existing file is current)."""
        return f"{CARD_FOLDER}/{socialcard.card_name(self.title, self.label, self.site)}"

    @property
    def alt(self) -> str:
        """What the picture shows, in its order."""
        return " · ".join(text for text in (self.label, self.title, self.site) if text)

    def render(self) -> bytes:
        return socialcard.render(self.title, self.label, self.site)


def card_image(card: Card, context: Context) -> dict[str, Any]:
    """`sdw_og` entries for a page whose link preview shows `card`."""
    return {"image": {"url": context.url(card.path), "width": socialcard.WIDTH, "height": socialcard.HEIGHT,
                      "type": socialcard.MIME, "alt": card.alt},
            "card": {"title": card.title, "label": card.label, "site": card.site}}


def page_card(meta: dict[str, Any]) -> Card | None:
    """The card a generated page's link preview shows, if it shows one."""
    card = meta.get("sdw_og", {}).get("card")
    return Card(**card) if card else None


def with_card(meta: dict[str, Any], context: Context) -> dict[str, Any]:
    """A page's metadata with its own card as its picture, when it has no picture yet (listings:
    their title, without a label)."""
    og = meta.get("sdw_og")
    if og is None or "image" in og:
        return meta
    return {**meta, "sdw_og": {**og, **card_image(Card(str(meta["title"])), context)}}


def _picture(item: Item, context: Context) -> dict[str, Any]:
    """The item's own picture (its type's picture field, a path the validator checked), else its card."""
    picture = item.type.picture
    image = item.value(picture.name) if picture else None
    if not image:
        return card_image(Card(item.title, item.type.label), context)
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(item.rel), image))
    return {"image": {"url": context.url(rel), "alt": item.value(picture.alt) or item.title}}


def publisher(context: Context) -> dict[str, Any]:
    return {"@type": "Organization", "name": T.SITE_NAME, "url": context.base_url}


def sharing(site: Site, item: Item, context: Context) -> dict[str, Any]:
    """`sdw_url` (the published address, also the canonical one), `sdw_og` (Open Graph type, the
    picture and, for articles, the publication date) and `sdw_jsonld` (schema.org) for one item's page."""
    url = context.url(item.rel)
    og: dict[str, Any] = {"type": "article" if item.is_article else "website"}
    if item.is_article and item.date:
        og["published"] = item.date.iso()
    og.update(_picture(item, context))
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
        # The card says what the site is; the site's name is the page's title already.
        "sdw_og": {"type": "website", **card_image(Card(T.HOME_MISSION), context)},
        "sdw_jsonld": {"@context": SCHEMA_ORG, "@graph": [
            {"@type": "WebSite", "name": T.SITE_NAME, "url": url, "description": description,
             "inLanguage": "nl", "publisher": {"@id": url + "#organisatie"}},
            {"@type": "Organization", "@id": url + "#organisatie", "name": T.SITE_NAME, "url": url},
        ]},
    }


def page_sharing(context: Context, rel: str) -> dict[str, Any]:
    """Listings: the published address and Open Graph type (generate() adds their card)."""
    return {"sdw_url": context.url(rel), "sdw_og": {"type": "website"}}
