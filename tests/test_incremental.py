"""The preview regenerates only what changed, and what it keeps is never stale.

The long-running preview memoises parses, checks, items and pages of unchanged
files. These tests compare its output after edits with a from-scratch
generation in a fresh process.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

from conftest import ROOT, copy_project
from content_invariants import content_model
from sdw.generate import Context
from sdw.pipeline import Project, generate_docs


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
    project = Project(copy_project(tmp_path / "p"))
    assert generate_docs(project).result.ok
    story = project.content_dir / "verhalen" / "pearl-hartgers.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nEen extra zin.\n", encoding="utf-8")
    outcome = generate_docs(project)
    assert outcome.written.written == ("verhalen/pearl-hartgers.md",)
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh1")


def test_title_change_and_new_article_update_every_page_that_shows_them(tmp_path):
    project = Project(copy_project(tmp_path / "p"))
    assert generate_docs(project).result.ok
    story = project.content_dir / "verhalen" / "tamara-van-ark.md"
    text = story.read_text(encoding="utf-8")
    changed = re.sub(r"^titel: .*$", 'titel: "Samen sterker dan ooit"', text, count=1, flags=re.M)
    assert changed != text
    story.write_text(changed, encoding="utf-8")
    (project.content_dir / "tips" / "nieuwe-tip.md").write_text(
        '---\ntitel: "Een nieuwe tip"\nsamenvatting: "Kort."\ndatum: 2026-11-23\ndoelgroepen:\n'
        "  - werkgevers\nthemas:\n  - ips\n---\n\nTekst.\n", encoding="utf-8")
    outcome = generate_docs(project)
    written = set(outcome.written.written)
    assert {"verhalen/tamara-van-ark.md", "tips/nieuwe-tip.md", "tips/index.md", "themas/ips.md",
            "doelgroepen/werkgevers.md", "verhalen/index.md", "index.md"} <= written
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh2")
    (project.content_dir / "tips" / "nieuwe-tip.md").unlink()
    outcome = generate_docs(project)
    assert "tips/nieuwe-tip.md" in outcome.written.removed
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh3")


def test_a_new_build_date_rewrites_what_shows_upcoming_events_and_nothing_else(tmp_path):
    from sdw.model import event_last_day

    # the day before the last event starts and the day after it ends: derived, never pinned
    last = max(content_model(ROOT).of_type("evenement"), key=event_last_day)
    before = last.date.first_day() - dt.timedelta(days=1)
    after = event_last_day(last) + dt.timedelta(days=1)
    project = Project(copy_project(tmp_path / "p"))
    assert generate_docs(project, context=Context(today=before)).result.ok
    outcome = generate_docs(project, context=Context(today=after))
    assert set(outcome.written.written) == {"index.md", "evenementen/index.md"}
    assert docs_of(project.root) == from_scratch(project.root, tmp_path / "fresh4", after)
    assert generate_docs(project, context=Context(today=after + dt.timedelta(days=1))).written.written == ()


def test_forget_empties_every_memo_and_the_next_run_still_rewrites_nothing(tmp_path):
    """`sdw build` drops the memos before rendering (memory for MkDocs); a later run in the
    same process then compares with the files on disk and leaves unchanged ones alone."""
    from sdw import generate, memo
    from sdw.pipeline import forget

    project = Project(copy_project(tmp_path / "p"))
    assert generate_docs(project).result.ok
    assert any(m._entries for m in memo._ALL) and generate._ON_DISK
    forget()
    assert not any(m._entries for m in memo._ALL) and not generate._ON_DISK
    before = {p: p.stat().st_mtime_ns for p in (project.root / "docs").rglob("*") if p.is_file()}
    outcome = generate_docs(project)
    assert outcome.written.written == () and outcome.written.removed == ()
    assert {p: p.stat().st_mtime_ns for p in (project.root / "docs").rglob("*") if p.is_file()} == before
