"""The web editor's configuration (Decap CMS) is derived from the schema: every type a collection,
every field a widget with the schema's labels, hints and limits (issue 15, point 2)."""

from __future__ import annotations

import re

import pytest
import yaml
from sdw.cli import main
from sdw.cms import DATE_PATTERN, collection_name, config, to_yaml
from sdw.schema import PERSON_FIELDS, TYPES, TYPES_BY_NAME, Kind

CONFIG = config(repo="org/sterk-door-werk", branch="main")
COLLECTIONS = {c["name"]: c for c in CONFIG["collections"]}


def fields_of(name: str) -> dict[str, dict]:
    return {f["name"]: f for f in COLLECTIONS[name]["fields"]}


def test_every_type_and_every_field_is_in_the_configuration():
    """Fails when a schema type or field is missing (or one is there the schema does not have)."""
    assert sorted(COLLECTIONS) == sorted(collection_name(t) for t in TYPES)
    for ctype in TYPES:
        collection = COLLECTIONS[collection_name(ctype)]
        assert collection["folder"] == (f"content/{ctype.folder}" if ctype.folder else "content")
        assert collection["label"] == ctype.plural and collection["label_singular"] == ctype.label
        names = [f["name"] for f in collection["fields"]]
        assert names == [f.name for f in ctype.fields] + ["body"], ctype.name
        for f in ctype.fields:
            shown = fields_of(collection["name"])[f.name]
            assert shown["required"] is f.required, (ctype.name, f.name)
            assert shown["hint"].startswith(f.description), (ctype.name, f.name)


def test_the_editorial_workflow_in_dutch_on_github():
    assert CONFIG["backend"] == {"name": "github", "repo": "org/sterk-door-werk", "branch": "main",
                                 "squash_merges": True}
    assert CONFIG["publish_mode"] == "editorial_workflow" and CONFIG["locale"] == "nl"
    signed = config(repo="org/x", branch="werk", auth_url="https://inloggen.example.org")["backend"]
    assert signed["branch"] == "werk" and signed["base_url"] == "https://inloggen.example.org"


@pytest.mark.parametrize("ctype", [t for t in TYPES if t.ref_fields], ids=lambda t: t.name)
def test_references_are_relations_to_the_target_collection_storing_the_slug(ctype):
    for f in ctype.ref_fields:
        shown = fields_of(collection_name(ctype))[f.name]
        assert shown["widget"] == "relation"
        assert shown["collection"] == collection_name(TYPES_BY_NAME[f.target])
        assert shown["collection"] in COLLECTIONS
        assert shown["value_field"] == "{{slug}}" and shown["search_fields"] == ["titel"]
        assert shown.get("multiple", False) is (f.kind is Kind.REFS)
        if f.min_items:
            assert shown["min"] == f.min_items


def test_widgets_follow_the_field_kinds():
    story = fields_of("verhalen")
    assert story["titel"]["widget"] == "string" and story["titel"]["pattern"][0] == r"^[\s\S]{0,140}$"
    assert story["samenvatting"]["widget"] == "text"
    assert story["datum"]["widget"] == "string" and story["datum"]["pattern"][0] == DATE_PATTERN
    assert story["soort"] == {**story["soort"], "widget": "select",
                              "options": [{"label": "Interview", "value": "interview"},
                                          {"label": "Persoonlijk verhaal", "value": "persoonlijk-verhaal"},
                                          {"label": "Praktijkvoorbeeld", "value": "praktijkvoorbeeld"}]}
    assert story["afbeelding"]["widget"] == "image" and story["afbeelding"]["media_folder"] == "afbeeldingen"
    assert story["afbeelding_alt"]["label"] == "Beschrijving van de afbeelding"
    assert story["themas"]["label"] == "Thema's" and story["personen"]["label"] == "Personen"
    people = story["personen"]
    assert people["widget"] == "list" and people["min"] == 1
    assert [f["name"] for f in people["fields"]] == [p.name for p in PERSON_FIELDS]
    assert [f["required"] for f in people["fields"]] == [p.required for p in PERSON_FIELDS]
    event = fields_of("evenementen")
    assert event["datum"]["widget"] == "datetime" and event["datum"]["format"] == "YYYY-MM-DD"
    assert event["datum"]["time_format"] is False
    assert fields_of("partners")["lid_sinds"]["widget"] == "number"
    assert fields_of("partnerartikelen")["artikel_url"]["pattern"][0].startswith("^https?://")
    assert fields_of("videos")["body"]["required"] is True  # a video needs its transcript
    assert fields_of("tips")["body"]["required"] is False


@pytest.mark.parametrize("value, ok", [("2021", True), ("2021-03", True), ("2021-03-05", True),
                                       ("2021-13", False), ("21-03-2021", False), ("2021-3", False)])
def test_the_date_pattern_is_the_validators(value, ok):
    assert bool(re.fullmatch(DATE_PATTERN, value)) is ok


def test_sdw_cms_writes_yaml_that_reads_back_as_the_configuration(tmp_path, capsys):
    target = tmp_path / "admin" / "config.yml"
    assert main(["cms", "--repo", "org/sterk-door-werk", "--write", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Gemaakt door `sdw cms`")
    assert yaml.safe_load(text) == CONFIG
    assert yaml.safe_load(to_yaml(CONFIG)) == CONFIG
