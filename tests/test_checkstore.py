"""One-shot builds keep what they read and checked of each content file in .build/check/
(sdw.checkstore) and take it back for a file with the same bytes: the validation's result (every
record, every problem with its file, line and words) is the same as without the store, for every
rule's failing and passing fixture, after an edit, and whatever happened to the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_project
from sdw import checkstore
from sdw.checkstore import CheckStore
from sdw.load import load_all
from sdw.pipeline import Project, generate_docs
from sdw.validate import Result, validate
from test_rules import BUILDERS, RULES_DIR, case_content


def checked(root: Path, folder: Path) -> tuple[Result, CheckStore]:
    store = CheckStore(folder)
    result = validate(load_all(root / "content", root, store=store), store=store)
    store.finish()
    return result, store


def markdown_files(root: Path) -> int:
    """The Markdown files a build reads (not those refused for their size or for being a link)."""
    return len(load_all(root / "content", root).files)


CASES = [(case.name, kind) for case in sorted(RULES_DIR.iterdir()) for kind in ("fail", "pass")
         if (case / kind).is_dir() or (kind == "fail" and case.name in BUILDERS)]


@pytest.mark.parametrize("case, kind", CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_every_rule_fixture_gives_the_same_result_from_the_store(tmp_path, case, kind):
    plain = validate(load_all(case_content(tmp_path, case, kind), tmp_path))
    folder = tmp_path / ".build" / "check"
    first, store = checked(tmp_path, folder)
    assert first == plain
    assert store.made == markdown_files(tmp_path) and store.kept == 0
    second, store = checked(tmp_path, folder)
    assert second == plain
    assert store.made == 0 and store.kept == markdown_files(tmp_path)
    if kind == "fail":
        assert plain.problems, "a failing fixture reports something"


@pytest.fixture
def site(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def test_an_edited_file_is_checked_again_and_the_others_are_not(site):
    folder = site / ".build" / "check"
    checked(site, folder)
    story = site / "content" / "verhalen" / "pearl-hartgers.md"
    story.write_text(story.read_text(encoding="utf-8").replace("---\n", "---\nonbekend: ja\n", 1), encoding="utf-8")
    result, store = checked(site, folder)
    assert store.made == 1 and store.kept == markdown_files(site) - 1
    assert result == validate(load_all(site / "content", site))
    assert [p.rule.name for p in result.problems if p.path.endswith("pearl-hartgers.md")] == ["onbekend-veld"]


def test_a_moved_file_is_checked_again_under_its_new_name(site):
    folder = site / ".build" / "check"
    checked(site, folder)
    old = site / "content" / "verhalen" / "pearl-hartgers.md"
    old.rename(old.with_name("pearl-h.md"))
    result, store = checked(site, folder)
    assert store.made == 1
    assert result == validate(load_all(site / "content", site))
    assert any(r.source.path == "content/verhalen/pearl-h.md" and r.slug == "pearl-h" for r in result.records)


def test_a_store_with_another_code_version_keeps_nothing(site, monkeypatch):
    folder = site / ".build" / "check"
    checked(site, folder)
    monkeypatch.setattr(checkstore, "version", lambda: "another")
    _, store = checked(site, folder)
    assert store.kept == 0


DAMAGE = {
    "garbage": lambda data: b"\x00\xffnot a store\n" * 3,
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "lines cut short": lambda data: b"".join(line[: len(line) * 2 // 3] + b"\n" for line in data.splitlines()),
    "unknown class": lambda data: data.replace(b'"c":"RawScalar"', b'"c":"Path"'),
    "fields missing": lambda data: data.replace(b'"c":"Person","v":[', b'"c":"Person","v":[1,'),
    "shared out of range": lambda data: data.replace(b'{"r":', b'{"r":9999'),
    "body longer than the file": lambda data: b"\n".join(_longer_tail(line) for line in data.split(b"\n")),
}


def _longer_tail(line: bytes) -> bytes:
    """The line with a body said to be longer than its file."""
    if b"\t" not in line:
        return line
    key, rest = line.split(b" ", 1)
    source, checks = rest.split(b"\t")
    fields = json.loads(source)
    fields[3] = 10**8
    return key + b" " + json.dumps(fields).encode() + b"\t" + checks


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_store_only_costs_time(site, damage):
    folder = site / ".build" / "check"
    checked(site, folder)
    stored = folder / checkstore.STORE
    stored.write_bytes(DAMAGE[damage](stored.read_bytes()))
    result, store = checked(site, folder)
    assert result == validate(load_all(site / "content", site))
    assert store.made > 0
    again, store = checked(site, folder)  # and the store is whole again
    assert again == result and store.made == 0


def test_a_value_the_format_cannot_write_keeps_its_file_out_of_the_store(site, monkeypatch):
    import sdw.validate as validate_module

    check_file = validate_module._check_file

    def with_a_float(source):
        own, candidate = check_file(source)
        if candidate is not None and source.rel == "verhalen/pearl-hartgers.md":
            candidate.values["gewicht"] = 1.5
        return own, candidate

    monkeypatch.setattr(validate_module, "_check_file", with_a_float)
    folder = site / ".build" / "check"
    first, _ = checked(site, folder)
    second, store = checked(site, folder)
    assert store.made == 1 and second == first


def test_sdw_build_keeps_the_store_and_a_second_generation_reads_every_file_from_it(site, tmp_path):
    project = Project(site)
    assert generate_docs(project, tmp_path / "a", keep_pages=True).result.ok
    stored = site / ".build" / "check" / checkstore.STORE
    assert len(stored.read_bytes().splitlines()) == markdown_files(site)
    seen: list[CheckStore] = []
    finish = CheckStore.finish

    def spy(self):
        seen.append(self)
        finish(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(CheckStore, "finish", spy)
        assert generate_docs(project, tmp_path / "b", keep_pages=True).result.ok
    assert seen[0].made == 0 and seen[0].kept == markdown_files(site)
    docs = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    assert docs == {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}


def test_the_preview_and_sdw_check_keep_no_store(site, tmp_path):
    assert generate_docs(Project(site), tmp_path / "a").result.ok
    assert not (site / ".build" / "check").exists()
