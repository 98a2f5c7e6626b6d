"""Files of a new site that the previous site has byte for byte are linked, not written
(sdw.samefiles), and nothing written later changes the previous site's file."""

from __future__ import annotations

import os

from sdw import searchindex
from sdw.samefiles import link_if_copy, link_if_same, write_or_link
from sdw.write import write_whole


def test_a_file_with_the_same_bytes_is_linked_and_another_is_not(tmp_path):
    old = tmp_path / "old.js"
    old.write_bytes(b"sdwIndex([1,2,3]);")
    assert link_if_same(str(old), str(tmp_path / "same.js"), b"sdwIndex([1,2,3]);")
    assert (tmp_path / "same.js").samefile(old)
    for data in (b"sdwIndex([1,2,4]);", b"sdwIndex([1,2,3]);\n", b"sdwIndex([1,2,3])"):  # same size; longer; shorter
        assert not link_if_same(str(old), str(tmp_path / "other.js"), data)
        assert not (tmp_path / "other.js").exists()
    assert not link_if_same(str(tmp_path / "missing.js"), str(tmp_path / "other.js"), b"x")


def test_write_or_link_writes_what_the_previous_site_does_not_have(tmp_path):
    old = tmp_path / "old.ics"
    old.write_bytes(b"BEGIN:VCALENDAR")
    write_or_link(str(tmp_path / "a.ics"), b"BEGIN:VCALENDAR", str(old))
    write_or_link(str(tmp_path / "b.ics"), b"BEGIN:VEVENT", str(old))
    write_or_link(str(tmp_path / "c.ics"), b"BEGIN:VCALENDAR", None)
    assert (tmp_path / "a.ics").samefile(old)
    assert (tmp_path / "b.ics").read_bytes() == b"BEGIN:VEVENT" and not (tmp_path / "b.ics").samefile(old)
    assert (tmp_path / "c.ics").read_bytes() == b"BEGIN:VCALENDAR" and not (tmp_path / "c.ics").samefile(old)


def test_a_copy_is_a_link_only_when_the_source_has_the_previous_bytes(tmp_path):
    source, old = tmp_path / "docs" / "x.eml", tmp_path / "old" / "x.eml"
    for path in (source, old):
        path.parent.mkdir()
        path.write_bytes(b"Subject: Nieuwsbrief\n")
    dest = tmp_path / "new" / "nieuwsbrief" / "x.eml"
    assert link_if_copy(str(old), str(dest), str(source))  # its folders made
    assert dest.samefile(old)
    source.write_bytes(b"Subject: Nieuwsbrief 2\n")
    assert not link_if_copy(str(old), str(tmp_path / "new" / "y.eml"), str(source))


def test_a_file_written_after_linking_is_replaced_and_the_previous_site_keeps_its_bytes(tmp_path):
    old = tmp_path / "old.html"
    old.write_text("vorige", encoding="utf-8")
    new = tmp_path / "new.html"
    os.link(old, new)
    write_whole(new, "nieuwe".encode("utf-8"))
    assert new.read_text(encoding="utf-8") == "nieuwe" and old.read_text(encoding="utf-8") == "vorige"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.html", "old.html"]


def test_the_search_index_links_the_previous_index_files_with_the_same_bytes(tmp_path):
    docs = [{"location": f"p{i}/", "title": f"Pagina {i}", "text": f"<p>tekst nummer {i}</p>"} for i in range(40)]
    first = searchindex.write(tmp_path / "old", docs)
    docs[0] = {**docs[0], "title": "Een andere titel"}
    second = searchindex.write(tmp_path / "new", docs, previous=tmp_path / "old")
    assert {rel: text for rel, text in second.items()} == searchindex.build(docs)
    for rel, text in second.items():
        assert (tmp_path / "new" / rel).read_text(encoding="ascii") == text
        assert (tmp_path / "new" / rel).samefile(tmp_path / "old" / rel) == (first.get(rel) == text), rel
    assert any(first.get(rel) == text for rel, text in second.items())
    assert any(first.get(rel) != text for rel, text in second.items())

