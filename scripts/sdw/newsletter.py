"""Newsletter: the monthly e-mail of one edition ("Verhalen deze maand #N") and its page on the site.

Made from the model (the Site, the edition) and the build Context only, like every generated page,
so it cannot drift from the site: the edition's introduction, its stories, the month's partner
articles ("Elke maand uitgelicht"), the upcoming events and the contact line, under the site's own
headings and labels (schema, texts.py, the contact macro of overrides/sdw/engage.html). No MkDocs.

Three forms of one newsletter (`Newsletter`):
- an HTML e-mail from overrides/sdw/newsletter/email.html (Jinja, as the page partials), written
  with a <style> block and then inlined by css-inline: mail clients drop <style>, not style="";
- a plain-text alternative from email.txt, every link written out in full;
- one .eml (multipart/alternative, text then HTML, UTF-8, quoted-printable: no line over 76
  characters) that a mail provider can import, made deterministic (its Date comes from the
  content, see `sent_on`; its boundary is a hash of its parts), so a build on another day changes
  it only when what it shows changes (an event that has passed), like the home page.

The deploy build (generate.py) writes, for every edition, the "bekijk in de browser" page
`nieuwsbrief/<nummer>.md`: a site page like the listings (the site's cards), held to the readers'
Content-Security-Policy and accessibility checks like every page, with the .eml and the text next
to it. The HTML e-mail itself is not part of the site: every .html file there is a reader's page
with the site's frame and policy. `sdw nieuwsbrief <editie>` writes all three files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email import policy as email_policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from . import texts as T
from .markup import esc
from .model import Item, Site
from .pages import (
    HOME_LIMIT,
    Context,
    Page,
    RawFile,
    card_meta,
    cards,
    cards_block,
    chips_block,
    follow_block,
    heading_block,
    href,
    meta,
    own_image,
    own_image_rel,
    page_sharing,
)
from .schema import EDITION_TYPE, FEATURED_TYPES

if TYPE_CHECKING:
    from .pagestore import PageStore

FOLDER = "nieuwsbrief"  # below docs/ and the site: nieuwsbrief/<nummer>/
TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "sdw"
EVENTS_LIMIT = HOME_LIMIT  # as many upcoming events as the home page shows
WRAP = 78  # plain text: the width mail programs expect


class SettingsError(ValueError):
    """A newsletter setting in mkdocs.yml that cannot be used (the message is Dutch and names it)."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A plausible e-mail address, as overrides/sdw/engage.html accepts it for the contact line.
_ADDRESS = re.compile(r"(?!\.)(?!.*\.\.)[A-Za-z0-9._+'-]{1,64}(?<!\.)"
                      r"@(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+[A-Za-z]{2,63}")


@dataclass(frozen=True)
class NewsletterSettings:
    """What the newsletter needs from the deployment (mkdocs.yml `extra.newsletter` and
    `extra.contact`), handed to the generator in the build Context."""

    sender: str = f"{T.SITE_NAME} <nieuwsbrief@example.org>"  # From: "Naam <adres>"
    unsubscribe: str = "*|UNSUB|*"  # the provider's merge tag (or address) for unsubscribing
    contact: str = ""  # the contact line's address; empty: no contact line (as on the site)

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any]) -> NewsletterSettings:
        """The settings from mkdocs.yml's `extra:`; a SettingsError (Dutch) names a wrong one."""
        newsletter = extra.get("newsletter") or {}
        contact = extra.get("contact") or {}
        if not isinstance(newsletter, Mapping) or not isinstance(contact, Mapping):
            raise SettingsError("extra.newsletter en extra.contact in mkdocs.yml moeten lijsten van instellingen zijn.")
        defaults = cls()
        sender = str(newsletter.get("from") or "").strip() or defaults.sender  # not set: the default
        name, address = parseaddr(sender)
        if _CONTROL.search(sender) or not _ADDRESS.fullmatch(address or "") or (name and '"' in name):
            raise SettingsError(
                f"extra.newsletter.from (SDW_NEWSLETTER_FROM) moet een afzender zijn zoals "
                f"'Sterk door Werk <nieuwsbrief@example.nl>', niet {sender!r}.")
        unsubscribe = str(newsletter.get("unsubscribe") or "").strip() or defaults.unsubscribe
        if len(unsubscribe) > 200 or _CONTROL.search(unsubscribe) \
                or any(c in unsubscribe for c in '"<>`'):
            raise SettingsError(
                f"extra.newsletter.unsubscribe (SDW_NEWSLETTER_UNSUBSCRIBE) moet de afmeldcode van de "
                f"nieuwsbriefdienst zijn, zoals *|UNSUB|* of {{{{ unsubscribe }}}}, niet {unsubscribe!r}.")
        email = str(contact.get("email") or "").strip()
        return cls(sender=str(Address(display_name=name, addr_spec=address)) if name else address,
                   unsubscribe=unsubscribe, contact=email if _ADDRESS.fullmatch(email) else "")


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Newsletter:
    number: int
    subject: str
    preheader: str
    html: str
    text: str
    eml: bytes = field(repr=False)

    @property
    def name(self) -> str:
        """The files' name without suffix: nieuwsbrief-<nummer>."""
        return f"{FOLDER}-{self.number}"


def page_rel(edition: Item) -> str:
    """The newsletter's page below docs/ (its "bekijk in de browser" address)."""
    return f"{FOLDER}/{edition.number}.md"


def file_rel(edition: Item, suffix: str) -> str:
    """A file of the newsletter next to its page, below docs/."""
    return f"{FOLDER}/{edition.number}/{FOLDER}-{edition.number}{suffix}"


def sections(site: Site, edition: Item, today: dt.date) -> tuple[Section, ...]:
    """What the newsletter shows below the introduction, in order; a section without items is left
    out. The same selection as the site: the edition's page (its stories, its featured partner
    articles) and the home page (the upcoming events)."""
    found = []
    stories = tuple(a for a in site.articles_for(edition) if not a.type.featured_heading)
    if stories and edition.type.articles_heading:
        found.append(Section(edition.type.articles_heading.format(name=edition.title), stories))
    for ctype in FEATURED_TYPES:
        featured = site.featured(edition, ctype)
        if featured:
            found.append(Section(ctype.featured_heading or ctype.plural, featured))
    upcoming = site.split_events(today)[0][:EVENTS_LIMIT]
    if upcoming:
        found.append(Section(T.EVENTS_UPCOMING, upcoming))
    return tuple(found)


def subject(edition: Item) -> str:
    return T.NEWSLETTER_SUBJECT.format(site=T.SITE_NAME, title=edition.title)


def preheader(edition: Item, found: tuple[Section, ...]) -> str:
    """The line mail programs show after the subject: what is in this edition, else its summary."""
    if not found or found[0].items[0].type.agenda:
        return edition.summary
    titles = [i.title for i in found[0].items]
    listed = titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} {T.LIST_AND} {titles[-1]}"
    return T.NEWSLETTER_PREHEADER.format(heading=found[0].heading, titles=listed)


# --- the e-mail ------------------------------------------------------------------------------

@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = lambda text: Markup(esc(str(text)))  # as the page partials (sdw/markup.py)
    env.filters["wrap"] = _wrap
    env.filters["plain"] = plain_text
    # engage.html is compiled whole; its sign-up form, never called here, uses the renderer's
    # `url` filter (a page-relative address), which a newsletter has no use for.
    env.filters["url"] = str
    return env


def _wrap(text: str, indent: str = "") -> str:
    """Plain text wrapped at WRAP characters (a word longer than that, such as an address, stays whole)."""
    return "\n".join(textwrap.wrap(str(text), WRAP, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False)) or indent.rstrip()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """The text of a bit of HTML (the contact line for the plain-text part), spaces collapsed."""
    parser = _Text()
    parser.feed(str(markup))
    parser.close()
    return " ".join("".join(parser.parts).split())


def _entry(item: Item, context: Context) -> dict[str, Any]:
    image = own_image_rel(item)
    picture = item.type.picture
    return {"meta": card_meta(item), "title": item.title, "summary": item.summary, "url": context.url(item.rel),
            "image": {"url": context.url(image), "alt": (item.value(picture.alt) if picture and picture.alt
                                                         else "") or ""}
            if image and own_image(item) else None}


def email_data(site: Site, edition: Item, context: Context) -> dict[str, Any]:
    """What the e-mail templates show, every link absolute."""
    return _email_data(edition, sections(site, edition, context.today), context)


def _email_data(edition: Item, found: tuple[Section, ...], context: Context) -> dict[str, Any]:
    settings = context.newsletter or NewsletterSettings()
    return {
        "subject": subject(edition), "preheader": preheader(edition, found),
        "site": {"name": T.SITE_NAME, "url": context.base_url},
        "view": {"text": T.NEWSLETTER_VIEW_ONLINE, "url": context.url(page_rel(edition))},
        "edition": {"label": card_meta(edition), "title": edition.title, "intro": edition.summary,
                    "link": {"text": T.HOME_EDITION_OPEN.format(number=edition.number),
                             "url": context.url(edition.rel)}},
        "sections": [{"heading": s.heading, "entries": [_entry(i, context) for i in s.items]} for s in found],
        # For the contact macro of engage.html, which reads the site's setting the same way.
        "config": {"extra": {"contact": {"email": settings.contact}}},
        "why": T.NEWSLETTER_WHY,
        "unsubscribe": {"text": T.NEWSLETTER_UNSUBSCRIBE, "url": settings.unsubscribe},
    }


def inline_css(markup: str) -> str:
    """The e-mail's <style> put into style attributes, by css-inline (a maintained inliner,
    html5ever's parser): no <style> or <link> remains, nothing is fetched."""
    import css_inline

    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, keep_at_rules=False,
                                    load_remote_stylesheets=False)
    return inliner.inline(markup)


def sent_on(edition: Item, found: tuple[Section, ...], today: dt.date) -> dt.date:
    """The day in the .eml's Date: the edition's month (its first day), else the newest of its
    articles' dates, else the build date. (The provider sets the real one when it sends.)"""
    if edition.date:
        return edition.date.first_day()
    dates = [i.date.first_day() for s in found if not s.items[0].type.agenda for i in s.items if i.date]
    return max(dates, default=today)


def eml(data: dict[str, Any], html_part: str, text_part: str, context: Context, number: int,
        day: dt.date) -> bytes:
    """One message, multipart/alternative (text first, then HTML: the last is the preferred one)."""
    settings = context.newsletter or NewsletterSettings()
    message = EmailMessage(policy=email_policy.SMTP)
    message["Subject"] = data["subject"]
    message["From"] = settings.sender
    message["Date"] = format_datetime(dt.datetime.combine(day, dt.time(7, 0), tzinfo=dt.timezone.utc))
    host = urlsplit(context.base_url).hostname or "localhost"
    message["Message-ID"] = f"<{FOLDER}-{number}.{day:%Y%m%d}@{host}>"
    message.set_content(text_part, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html_part, subtype="html", charset="utf-8", cte="quoted-printable")
    message["Content-Language"] = "nl"  # after the parts: set_content clears the Content-* headers
    # "=_" never occurs in quoted-printable text, so the boundary cannot occur in a part.
    message.set_boundary("=_sdw_" + hashlib.sha256((text_part + html_part).encode("utf-8")).hexdigest()[:32])
    return message.as_bytes()


@dataclass(frozen=True)
class NewsletterInput:
    """Everything one file of an edition's newsletter shows (its page, its .eml or its text): what
    the builders below take, and what decides whether a kept file still holds (sdw.pagestore).
    The build date shows only through the sections (the upcoming events) and the .eml's day."""

    edition: Item
    sections: tuple[tuple[str, tuple[Item, ...]], ...]  # (heading, items) of each Section, in order
    day: dt.date  # the .eml's Date (sent_on)
    part: str  # which file: "page", ".eml" or ".txt"
    context: Context

    @classmethod
    def of(cls, site: Site, edition: Item, context: Context, part: str = "page") -> NewsletterInput:
        found = sections(site, edition, context.today)
        return cls(edition, tuple((s.heading, s.items) for s in found), sent_on(edition, found, context.today),
                   part, context)

    @property
    def found(self) -> tuple[Section, ...]:
        return tuple(Section(heading, items) for heading, items in self.sections)


def newsletter(site: Site, edition: Item, context: Context) -> Newsletter:
    """The newsletter of one edition."""
    return newsletter_of(NewsletterInput.of(site, edition, context))


def newsletter_of(made: NewsletterInput) -> Newsletter:
    """The newsletter of one edition, from its input only."""
    env, edition, context = _environment(), made.edition, made.context
    data = _email_data(edition, made.found, context)
    html_part = inline_css(env.get_template("newsletter/email.html").render(**data)).strip() + "\n"
    text_part = env.get_template("newsletter/email.txt").render(**data)
    text_part = re.sub(r"\n{3,}", "\n\n", text_part).strip() + "\n"
    return Newsletter(edition.number, data["subject"], data["preheader"], html_part, text_part,
                      eml(data, html_part, text_part, context, edition.number, made.day))


# --- on the site ----------------------------------------------------------------------------

def site_files(site: Site, context: Context, store: PageStore | None = None) -> list[Page | RawFile]:
    """For every edition: its newsletter's page ("bekijk in de browser"), the .eml and the text;
    with a one-shot build's store, each taken from an earlier build's when its input has the same
    content (the e-mail is made only when the .eml or the text is not kept)."""
    files: list[Page | RawFile] = []
    for edition in site.of_type(EDITION_TYPE.name) if EDITION_TYPE else ():
        made = NewsletterInput.of(site, edition, context)
        if store is None:
            mail = newsletter_of(made)
            files += [page_of(made), RawFile(file_rel(edition, ".eml"), mail.eml),
                      RawFile(file_rel(edition, ".txt"), mail.text.encode("utf-8"))]
        else:
            files += _kept_files(made, store)
    return files


def _kept_files(made: NewsletterInput, store: PageStore) -> list[Page | RawFile]:
    mail: list[Newsletter] = []

    def part(suffix: str) -> RawFile:
        if not mail:
            mail.append(newsletter_of(made))
        data = mail[0].eml if suffix == ".eml" else mail[0].text.encode("utf-8")
        return RawFile(file_rel(made.edition, suffix), data)

    return [store.get(made, page_rel(made.edition), lambda: page_of(made)),
            *(store.get(replace(made, part=suffix), file_rel(made.edition, suffix), lambda suffix=suffix: part(suffix))
              for suffix in (".eml", ".txt"))]


def page_of(made: NewsletterInput) -> Page:
    """The newsletter's page on the site, from its input only."""
    edition, context = made.edition, made.context
    src = page_rel(edition)
    blocks: list[dict[str, Any]] = [chips_block([(T.HOME_EDITION_OPEN.format(number=edition.number),
                                                  edition.rel)], src)]
    for heading, items in made.sections:
        blocks += [heading_block(heading), cards_block(cards(items, src))]
    for hint, suffix in ((T.NEWSLETTER_FILES_HINT, ".eml"), (T.NEWSLETTER_TEXT_HINT, ".txt")):
        target = file_rel(edition, suffix)
        blocks.append(follow_block(hint, target.rsplit("/", 1)[1], src, target))
    title = T.NEWSLETTER_PAGE_TITLE.format(title=edition.title)
    body = _environment().get_template("newsletter/page.html").render(
        title=title, lead=T.NEWSLETTER_PAGE_LEAD.format(number=edition.number), intro=edition.summary,
        blocks=blocks).strip()
    return Page(src, meta(title, edition.summary, "listing", sdw_toc=False, **page_sharing(context, src)), body)


def newsletter_link(edition: Item, src: str) -> dict[str, str]:
    """The edition page's link to its newsletter."""
    return href(T.NEWSLETTER_OPEN, src, page_rel(edition))


# --- `sdw nieuwsbrief` ----------------------------------------------------------------------

def find_edition(site: Site, wanted: str) -> Item | None:
    """An edition by its number ("1") or its file name ("verhalen-deze-maand-1", with or without
    .md or its folder)."""
    wanted = wanted.strip()
    name = Path(wanted).name.removesuffix(".md")
    for edition in site.of_type(EDITION_TYPE.name) if EDITION_TYPE else ():
        if wanted == str(edition.number) or name == edition.slug:
            return edition
    return None


def write_files(made: Newsletter, folder: Path) -> list[Path]:
    """nieuwsbrief-<n>.html, .txt and .eml in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, data in ((".html", made.html.encode("utf-8")), (".txt", made.text.encode("utf-8")),
                         (".eml", made.eml)):
        path = folder / f"{made.name}{suffix}"
        path.write_bytes(data)
        written.append(path)
    return written


__all__ = ["FOLDER", "Newsletter", "NewsletterInput", "NewsletterSettings", "Section", "SettingsError", "email_data",
           "find_edition", "inline_css", "newsletter", "newsletter_link", "newsletter_of", "page_of", "page_rel",
           "plain_text", "sections", "site_files", "write_files"]
