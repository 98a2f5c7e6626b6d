"""The search index made by a process of its own (sdw.searchchild) is the one the build
would write; tests/test_buildcache.py holds whole sites built either way to a cold build."""

from __future__ import annotations

import json

from sdw import searchchild, searchindex


def test_the_search_process_writes_the_index_the_build_would_write(tmp_path):
    """sdw.searchchild end to end: the cached pages' entries as JSON first, the rest later."""
    docs = {f"p{i}.md": [{"location": f"p{i}/", "title": f"Pagina {i}", "text": f"<p>tekst {i}</p>"}]
            for i in range(30)}
    cached = [src for src in docs if src != "p3.md"]
    child = searchchild.SearchChild.start(cached, [json.dumps(docs[src]).encode() for src in cached])
    order = ["p3.md", *cached, "leeg.md"]
    child.send({"folder": str(tmp_path / "kind"), "previous": None, "thesaurus": {}, "order": order,
                "cached": cached}, ["p3.md"], [json.dumps(docs["p3.md"]).encode()])
    assert child.wait()
    expected = searchindex.write(tmp_path / "hier", searchchild.documents(order, docs, {}))
    assert {p.relative_to(tmp_path / "kind").as_posix(): p.read_text(encoding="ascii")
            for p in (tmp_path / "kind").rglob("*") if p.is_file()} == expected


def test_a_search_process_that_is_stopped_writes_nothing_and_ends(tmp_path):
    child = searchchild.SearchChild.start(["a.md"], [b'[{"location":"a/","title":"A","text":"x"}]'])
    child.stop()
    assert child.process.returncode is not None
    # The job sent after the stop (a build that failed meanwhile) reaches no process: no index.
    child.send({"folder": str(tmp_path / "kind"), "previous": None, "thesaurus": {}, "order": ["a.md"],
                "cached": ["a.md"]}, [], [])
    assert not child.wait()
    assert not (tmp_path / "kind").exists()


def test_a_search_process_sent_entries_that_are_not_documents_fails_and_writes_nothing(tmp_path):
    """The build then writes the index itself (BuildCache.finish_search)."""
    child = searchchild.SearchChild.start([], [])
    child.send({"folder": str(tmp_path / "kind"), "previous": None, "thesaurus": {}, "order": ["a.md", "b.md"],
                "cached": []}, ["a.md", "b.md"], [b'[{"location":"a/","title":"A","text":"x"}]', b'["geen document"]'])
    assert not child.wait()
    assert not (tmp_path / "kind").exists()
