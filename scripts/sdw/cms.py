"""The web editor's configuration (Decap CMS `admin/config.yml`), derived from the schema.

Authors who never touch Git edit in the browser: Decap CMS reads this configuration and shows
one form per content type, and with the editorial workflow "Opslaan" opens a pull request, so
the same checks and preview run as for any other change. Nothing here is written by hand: every
collection, field, label, hint, widget and limit comes from the declarations in sdw.schema, the
same tables the validator and CONTRIBUTING.md are made from. MkDocs-free; the render stage or
`sdw cms` writes the result.

Widgets by field kind:
    TEXT    string (a summary: text), with the schema's maximum length as a pattern
    DATE    string with the pattern of a full, month or year date (the datetime widget cannot
            leave out the day, which a partial date does)
    DAY     datetime, date only, stored as YYYY-MM-DD
    YEAR, INT  number (whole)
    URL, VIDEO  string with an http(s) pattern
    IMAGE   image, stored next to the entry in afbeeldingen/, with its alt text field after it
    CHOICE  select of the schema's choices
    REF(S)  relation to the target type's collection, searchable by title, storing the slug
    PEOPLE  list of objects (naam, rol, organisatie)
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from . import texts
from .dates import FIRST_YEAR, LAST_YEAR
from .model import WORDS_PER_MINUTE
from .schema import (
    ARTICLE_TYPES,
    PERSON_FIELDS,
    SUMMARY_MAX,
    TYPES,
    TYPES_BY_NAME,
    ContentType,
    Fact,
    Field,
    Kind,
    choice_label,
)

# Where authors' pictures go, next to the entry (the validator wants a path from the file).
MEDIA_FOLDER = "afbeeldingen"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
URL_PATTERN = r"^https?://\S+$"
BODY_LABEL = "Tekst"
BODY_HINT = "De tekst van de pagina. Gebruik kopjes (##) om de tekst in stukken te delen."


def collection_name(ctype: ContentType) -> str:
    return ctype.folder or "paginas"


def _limit(f: Field) -> dict[str, Any]:
    if not f.max_length:
        return {}
    return {"pattern": [rf"^[\s\S]{{0,{f.max_length}}}$", f"Hoogstens {f.max_length} tekens."]}


# Field names that are spelled without their apostrophe in YAML (an author types `themas:`).
SPOKEN = {"themas": "Thema's", "regios": "Regio's", "videos": "Video's"}


def label(f: Field) -> str:
    """The field's name as an author reads it: "lid_sinds" -> "Lid sinds", "themas" -> "Thema's"."""
    return SPOKEN.get(f.name) or f.name.replace("_", " ").capitalize()




def field_config(f: Field, alt_of: str | None = None) -> dict[str, Any]:
    """One front-matter field as a Decap field: its widget, label, hint and limits. `alt_of`: the
    picture this field describes (required with it; the validator holds that)."""
    data: dict[str, Any] = {"label": f"Beschrijving van de {alt_of}" if alt_of else label(f),
                            "name": f.name, "hint": f.description, "required": f.required}
    kind = f.kind
    if kind is Kind.TEXT:
        long = (f.max_length or 0) >= SUMMARY_MAX
        data.update(widget="text" if long else "string", **_limit(f))
    elif kind is Kind.DATE:
        data.update(widget="string", pattern=[DATE_PATTERN, "Schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ."])
    elif kind is Kind.DAY:
        data.update(widget="datetime", format="YYYY-MM-DD", date_format="DD-MM-YYYY", time_format=False,
                    picker_utc=True)
    elif kind in (Kind.YEAR, Kind.INT):
        data.update(widget="number", value_type="int")
        if kind is Kind.YEAR:
            data.update(min=FIRST_YEAR, max=LAST_YEAR)
    elif kind in (Kind.URL, Kind.VIDEO):
        data.update(widget="string", pattern=[URL_PATTERN, "Een webadres dat begint met https://."])
    elif kind is Kind.IMAGE:
        data.update(widget="image", choose_url=False, media_folder=MEDIA_FOLDER, public_folder=MEDIA_FOLDER)
    elif kind is Kind.CHOICE:
        data.update(widget="select", options=[{"label": choice_label(c), "value": c} for c in f.choices])
    elif kind in (Kind.REF, Kind.REFS):
        target = TYPES_BY_NAME[f.target or ""]
        data.update(widget="relation", collection=collection_name(target), search_fields=["titel"],
                    value_field="{{slug}}", display_fields=["titel"])
        if kind is Kind.REFS:
            data["multiple"] = True
            if f.min_items:
                data["min"] = f.min_items
    elif kind is Kind.PEOPLE:
        data.update(widget="list", summary="{{fields.naam}}", fields=[field_config(p) for p in PERSON_FIELDS])
        if f.min_items:
            data["min"] = f.min_items
    else:  # a new kind must be given a widget here
        raise AssertionError(f"no widget for {kind}")
    if f.example and kind not in (Kind.REFS, Kind.PEOPLE, Kind.IMAGE):
        data["hint"] += f" Voorbeeld: {f.example_value}"
    return data


def collection_config(ctype: ContentType) -> dict[str, Any]:
    """One content type as a folder collection: its folder, file names and fields, then the text."""
    alts = {f.alt: f.name for f in ctype.fields if f.alt}
    fields = [field_config(f, alts.get(f.name)) for f in ctype.fields]
    # sanitize_preview: the preview cleans the author's HTML too (the page's policy already blocks script).
    fields.append({"label": BODY_LABEL, "name": "body", "widget": "markdown", "hint": BODY_HINT,
                   "required": ctype.min_body_words > 0, "sanitize_preview": True})
    return {
        "name": collection_name(ctype),
        "label": ctype.plural,
        "label_singular": ctype.label,
        "description": ctype.description,
        "folder": f"content/{ctype.folder}" if ctype.folder else "content",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        # The file name is the address: lower case, hyphens (the validator's SLUG_PATTERN).
        "slug": "{{slug}}",
        "identifier_field": "titel",
        "summary": "{{titel}}",
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "fields": fields,
    }


def config(repo: str = "", branch: str = "main", site_url: str = "", auth_url: str = "",
           local_url: str = "") -> dict[str, Any]:
    """The whole configuration: GitHub backend with the editorial workflow, Dutch, one collection
    per content type. `repo` (owner/name), `branch` and `auth_url` (the OAuth client that signs
    authors in with GitHub, see README) come from the deployment's settings. `local_url`: the
    address of decap-server on this machine (`sdw edit`), which saves straight into content/ (its
    file mode knows no editorial workflow; review starts with the author's own pull request)."""
    backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch,
                               "squash_merges": True}
    if auth_url:
        backend["base_url"] = auth_url
    data: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"content/{MEDIA_FOLDER}",
        "public_folder": f"/{MEDIA_FOLDER}",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection_config(t) for t in TYPES],
    }
    if site_url:
        data["site_url"] = data["display_url"] = site_url
    if local_url:
        data["local_backend"] = {"url": local_url}
        del data["publish_mode"]
        backend["repo"] = repo or "lokaal/content"  # required by the schema, unused by the local backend
    return data


REPO_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
BRANCH_PATTERN = re.compile(r"[A-Za-z0-9._/-]{1,200}")
ADMIN_MARKER = "<!-- sdw:admin -->"
# Where the vendored Decap CMS build lies inside admin/ (scripts/vendor-decap.sh puts it there).
DECAP_SCRIPT = "decap-cms/decap-cms.js"
NOT_CONNECTED = (
    '<main class="sdw-admin-off"><h1>Webeditor</h1>'
    "<p>De webeditor is op deze site nog niet gekoppeld aan een GitHub-repository. Beheerders: zet "
    "<code>SDW_CMS_REPO</code> (zie de README, &quot;Web editor&quot;). Auteurs: voeg een verhaal toe "
    "met een pull request, zoals CONTRIBUTING.md uitlegt.</p></main>")


def _fact(f: Fact) -> dict[str, Any]:
    shown = {"label": f.label, "field": f.field, "show": f.show.value, "linkText": f.link_text, "note": f.note,
             "end": f.end, "both": f.both, "startOnly": f.start_only, "endOnly": f.end_only}
    return {key: value for key, value in shown.items() if value not in (None, "")}


def preview_data() -> dict[str, Any]:
    """What the previews (overrides/admin/sdw-admin.js) show of each type beyond its fields, from
    the same declarations the item pages are made from: label, the facts above the text and in
    "Over dit artikel", who speaks, the player, and the kicker's reading time."""
    article_names = {t.name for t in ARTICLE_TYPES}
    types = {}
    for t in TYPES:
        types[collection_name(t)] = {
            "label": t.label, "type": t.name, "article": t.name in article_names, "labelFrom": t.label_from,
            "peopleLabel": t.people_label, "facts": [_fact(f) for f in t.facts if not f.about],
            "about": [_fact(f) for f in t.facts if f.about],
            "player": {"url": t.player.url, "poster": t.player.poster} if t.player else None}
    return {"types": types, "wordsPerMinute": WORDS_PER_MINUTE,
            "texts": {"readingTime": texts.READING_TIME, "aboutArticle": texts.ABOUT_ARTICLE}}


def admin_page(template: str, stylesheets: list[str], connected: bool) -> str:
    """admin/index.html from the hand-written overrides/admin/index.html: Decap CMS, then our
    previews (sdw-admin.js), given the site's stylesheets and the types' labels as JSON data (not
    script). Not connected to a repository (no SDW_CMS_REPO): a Dutch notice, and no editor."""
    if ADMIN_MARKER not in template:
        raise ValueError(f"overrides/admin/index.html lacks the marker {ADMIN_MARKER}")
    if not connected:
        return template.replace(ADMIN_MARKER, NOT_CONNECTED)
    data = {"styles": stylesheets, **preview_data()}
    # Inside <script>, "<" could end the element early: JSON allows writing it as \u003c.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return template.replace(ADMIN_MARKER, (
        f'<script type="application/json" id="sdw-admin">{text}</script>\n'
        f'<script src="{DECAP_SCRIPT}"></script>\n<script src="sdw-admin.js"></script>'))


def to_yaml(data: Any) -> str:
    """The configuration as YAML, as Decap reads it from admin/config.yml."""
    header = ("# Gemaakt door `sdw cms` uit scripts/sdw/schema.py: niet met de hand bewerken.\n"
              "# Generated from the schema; edit scripts/sdw/schema.py instead.\n")
    # libyaml's emitter writes the same text as PyYAML's, five times as fast (38 → 7 ms).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
