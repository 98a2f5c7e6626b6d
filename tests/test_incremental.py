"""The preview regenerates only what changed, and what it keeps is never stale.

The long-running preview keeps parses, checks, items, pages and feeds of unchanged
files in one BuildMemory (sdw.incremental), which `sdw serve` creates and passes to
every rebuild. These tests run rebuilds with one memory, as the preview does, and
compare the output after edits with a from-scratch generation in a fresh process.
Files that are gone leave the memory; a one-shot build keeps no state at all.
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from conftest import ROOT, copy_project
from content_invariants import content_model
from sdw.generate import Context, feed_inputs
from sdw.incremental import BuildMemory
from sdw.load import load_all
from sdw.model import build_site
from sdw.newsletter import file_rel, page_rel
from sdw.pages import ItemPageInput
from sdw.pipeline import Project, generate_docs
from sdw.validate import validate


def from_scratch(project, docs, today=None):
    code = ("import sys, datetime as dt; from pathlib import Path; from sdw.pipeline import Project, generate_docs; "
            "from sdw.generate import Context; "
            "c = Context(today=dt.date.fromisoformat(sys.argv[3])) if sys.argv[3] else None; "
            "o = generate_docs(Project(Path(sys.argv[1])), Path(sys.argv[2]), c); assert o.result.ok")
    subprocess.run([sys.executable, "-c", code, str(project), str(docs), today.isoformat() if today else ""],
                   check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def docs_of(project):
    docs = project / "docs"
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_editing_a_body_rewrites_only_that_page(tmp_path):
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    first = generate_docs(project, memory=memory)
    assert first.result.ok
    story = project.content_dir / "verhalen" / "pearl-hartgers.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nEen extra zin.\n", encoding="utf-8")
    outcome = generate_docs(project, memory=memory)
    assert outcome.written.written == ("verhalen/pearl-hartgers.md",)
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh1")
    # The memory reused (the very same objects) every item page, feed and calendar whose input
    # does not show the edited story, and only those.
    before = {p.path: p for p in first.pages}
    story_item = outcome.site.get("verhaal", "pearl-hartgers")
    inputs = {i.rel: ItemPageInput.of(outcome.site, i, Context()) for i in outcome.site.items}
    inputs.update({i.path: i for i in feed_inputs(outcome.site, Context())})
    shows = {path for path, i in inputs.items()
             if any(x is story_item for f in fields(i) for v in [getattr(i, f.name)]
                    for x in (v if isinstance(v, tuple) else (v,)))}
    reused = {p.path for p in outcome.pages if p is before.get(p.path)}
    assert reused == set(inputs) - shows and "verhalen/pearl-hartgers.md" in shows
    assert len(reused) > len(inputs) / 2
    # Without the memory nothing is reused, and the same bytes are written.
    again = generate_docs(project)
    assert not {p.path for p in again.pages if p is before.get(p.path)} and again.written.written == ()


def test_title_change_and_new_article_update_every_page_that_shows_them(tmp_path):
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    assert generate_docs(project, memory=memory).result.ok
    story = project.content_dir / "verhalen" / "tamara-van-ark.md"
    text = story.read_text(encoding="utf-8")
    changed = re.sub(r"^titel: .*$", 'titel: "Samen sterker dan ooit"', text, count=1, flags=re.M)
    assert changed != text
    story.write_text(changed, encoding="utf-8")
    (project.content_dir / "tips" / "nieuwe-tip.md").write_text(
        '---\ntitel: "Een nieuwe tip"\nsamenvatting: "Kort."\ndatum: 2026-11-23\ndoelgroepen:\n'
        "  - werkgevers\nthemas:\n  - ips\n---\n\nTekst.\n", encoding="utf-8")
    outcome = generate_docs(project, memory=memory)
    written = set(outcome.written.written)
    assert {"verhalen/tamara-van-ark.md", "tips/nieuwe-tip.md", "tips/index.md", "themas/ips.md",
            "doelgroepen/werkgevers.md", "verhalen/index.md", "index.md"} <= written
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh2")
    (project.content_dir / "tips" / "nieuwe-tip.md").unlink()
    outcome = generate_docs(project, memory=memory)
    assert "tips/nieuwe-tip.md" in outcome.written.removed
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh3")


def test_a_new_build_date_rewrites_what_shows_upcoming_events_and_nothing_else(tmp_path):
    from sdw.model import event_last_day

    # the day before the last event starts and the day after it ends: derived, never pinned
    last = max(content_model(ROOT).of_type("evenement"), key=event_last_day)
    before = last.date.first_day() - dt.timedelta(days=1)
    after = event_last_day(last) + dt.timedelta(days=1)
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    assert generate_docs(project, context=Context(today=before), memory=memory).result.ok
    outcome = generate_docs(project, context=Context(today=after), memory=memory)
    # and the newsletter of every edition, which shows the upcoming events too
    newsletters = {p for e in content_model(project.root).editions
                   for p in (page_rel(e), file_rel(e, ".eml"), file_rel(e, ".txt"))}
    assert set(outcome.written.written) == {"index.md", "evenementen/index.md", *newsletters}
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh4", after)
    later = Context(today=after + dt.timedelta(days=1))
    assert generate_docs(project, context=later, memory=memory).written.written == ()


EVENT = ("---\ntitel: \"Een tijdelijk evenement\"\nsamenvatting: \"Kort.\"\ndatum: 2026-11-{day:02d}\n"
         "doelgroepen:\n  - werkgevers\n---\n\nTekst.\n")
TIP = ("---\ntitel: \"Een tijdelijke tip\"\nsamenvatting: \"Kort.\"\ndatum: 2026-11-23\ndoelgroepen:\n"
       "  - werkgevers\nthemas:\n  - ips\n---\n\nTekst.\n")


def kept_for(memory: BuildMemory, rel: str) -> set[str]:
    """The names of the memos (and written files) that hold something of content/<rel>: keyed by
    its path (below content/ or the project), or by a file generated next to its page (.ics)."""
    def of_it(key) -> bool:
        return any(part in (rel, f"content/{rel}") or part.startswith(rel[:-3] + ".")
                   for part in ((key,) if isinstance(key, str) else key))

    names = {name for name, memo in memory.memos() if any(of_it(k) for k in memo.keys())}
    if any(of_it(r) for written in memory.on_disk.values() for r in written):
        names.add("on_disk")
    return names


def takes_memory(stage) -> bool:
    """Whether a stage keeps its memos in the memory (load and validate: once they are moved there)."""
    return "memory" in inspect.signature(stage).parameters


def test_a_deleted_file_leaves_every_memo(tmp_path):
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    assert generate_docs(project, memory=memory).result.ok
    baseline = len(memory)
    event, tip = project.content_dir / "evenementen" / "tijdelijk.md", project.content_dir / "tips" / "tijdelijk.md"
    event.write_text(EVENT.format(day=23), encoding="utf-8")
    tip.write_text(TIP, encoding="utf-8")
    assert generate_docs(project, memory=memory).result.ok
    own = ({"parsed"} if takes_memory(load_all) else set()) | (
        {"file_checks", "records"} if takes_memory(validate) else set())
    assert {"items", "related", "pages", "on_disk"} | own <= kept_for(memory, "tips/tijdelijk.md")
    assert {"items", "pages", "feeds", "on_disk"} | own <= kept_for(memory, "evenementen/tijdelijk.md")  # + .ics
    event.unlink()
    tip.unlink()
    outcome = generate_docs(project, memory=memory)
    assert outcome.result.ok and {"tips/tijdelijk.md", "evenementen/tijdelijk.ics"} <= set(outcome.written.removed)
    assert kept_for(memory, "tips/tijdelijk.md") == set() and kept_for(memory, "evenementen/tijdelijk.md") == set()
    assert len(memory) == baseline


def test_the_memory_stays_bounded_across_adding_and_deleting_files(tmp_path):
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    assert generate_docs(project, memory=memory).result.ok
    baseline = len(memory)
    for n in range(1, 4):
        added = [project.content_dir / "tips" / f"tip-{n}.md", project.content_dir / "evenementen" / f"event-{n}.md"]
        added[0].write_text(TIP, encoding="utf-8")
        added[1].write_text(EVENT.format(day=n), encoding="utf-8")
        assert generate_docs(project, memory=memory).result.ok
        assert len(memory) > baseline
        for path in added:
            path.unlink()
        assert generate_docs(project, memory=memory).result.ok
        assert len(memory) == baseline


def test_a_file_that_becomes_invalid_and_is_deleted_leaves_the_memory_too(tmp_path):
    """A build with errors stops before the model; deleting the file then still drops it."""
    project, memory = Project(copy_project(tmp_path / "p")), BuildMemory()
    tip = project.content_dir / "tips" / "tijdelijk.md"
    tip.write_text(TIP, encoding="utf-8")
    assert generate_docs(project, memory=memory).result.ok
    tip.write_text(TIP.replace("titel:", "titl:"), encoding="utf-8")
    assert not generate_docs(project, memory=memory).result.ok
    tip.unlink()
    assert generate_docs(project, memory=memory).result.ok
    assert kept_for(memory, "tips/tijdelijk.md") == set()


def test_a_one_shot_build_keeps_no_state_and_a_next_one_still_rewrites_nothing(tmp_path):
    """`sdw build` passes no memory: afterwards no module holds a memo with entries (every memo is
    a BuildMemory's), and a later build compares with the files on disk, leaving unchanged ones alone."""
    from sdw import memo
    from sdw.cli import build_context, main

    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    assert not [name for name, value in vars(memo).items() if not name.startswith("__")
                and (isinstance(value, (dict, list, set)) or type(value).__name__.startswith("WeakSet"))]
    held = [f"{module}.{name}" for module, loaded in list(sys.modules.items()) if module.startswith("sdw.")
            for name, value in vars(loaded).items()
            if isinstance(value, memo.Memo) and value is not memo.NO_MEMO]
    assert held == [] and len(memo.NO_MEMO) == 0
    docs = Path(project) / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    outcome = generate_docs(Project(project), context=build_context(Project(project)))
    assert outcome.written.written == () and outcome.written.removed == ()
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == before


def test_a_changed_partial_is_used_on_the_next_rebuild(tmp_path, monkeypatch):
    """A designer edits a card in overrides/sdw/blocks/ while `sdw serve` runs: the next rebuild
    makes the pages (and the cards kept with the items) again instead of reusing them."""
    import shutil as sh

    from sdw import markup
    from sdw.generate import generate
    from sdw.incremental import BuildMemory

    blocks = tmp_path / "blocks"
    sh.copytree(markup.BLOCKS, blocks)
    monkeypatch.setattr(markup, "BLOCKS", blocks)
    project = copy_project(tmp_path / "p")
    memory = BuildMemory()
    loaded = load_all(project / "content", project, memory=memory)
    site = build_site(validate(loaded, memory=memory).records, loaded.assets, memory=memory)
    context = Context("https://www.example.org/", dt.date(2026, 11, 29))
    first = {p.path: p.encode() for p in generate(site, context, memory)}
    card = blocks / "card.html"
    card.write_text(card.read_text(encoding="utf-8").replace('class="sdw-card__meta"', 'class="sdw-card__meta nieuw"'),
                    encoding="utf-8")
    second = {p.path: p.encode() for p in generate(site, context, memory)}
    changed = [path for path in first if first[path] != second[path]]
    assert changed and all(b'sdw-card__meta nieuw' in second[path] for path in changed)
    assert all(b'sdw-card__meta nieuw' not in data for data in first.values())
