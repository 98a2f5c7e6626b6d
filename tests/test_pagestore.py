"""One-shot builds keep item pages, feeds and calendars in .build/generate/ (sdw.pagestore) and take
those whose input has the same content from there: the docs/ they write are the same as a
generation without the store, after any edit, and a damaged store only costs time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import copy_project
from sdw import pagestore
from sdw.generate import Context
from sdw.pipeline import Project, generate_docs

CONTEXT = Context("https://www.example.org/", dt.date(2026, 11, 29))
STORY = "verhalen/pearl-hartgers.md"


def docs_of(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def spied(project: Project, docs: Path, context: Context, kind: type, method: str):
    """Generate into `docs` with the store; the object of `kind` as it was when `method` ran."""
    seen = []
    original = getattr(kind, method)

    def spy(self):
        seen.append(self)
        original(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kind, method, spy)
        assert generate_docs(project, docs, context, keep_pages=True).result.ok
    return seen[0]


def kept(project: Project, docs: Path, context: Context = CONTEXT) -> pagestore.PageStore:
    """Generate into `docs` with the store; the store as it was when it finished."""
    return spied(project, docs, context, pagestore.PageStore, "finish")


def related_kept(project: Project, docs: Path) -> pagestore.KeptRelated:
    """Generate into `docs` with the store; its related items as they were when saved."""
    return spied(project, docs, CONTEXT, pagestore.KeptRelated, "save")


def fresh(project: Project, docs: Path, context: Context = CONTEXT) -> dict[str, bytes]:
    assert generate_docs(project, docs, context).result.ok
    return docs_of(docs)


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(copy_project(tmp_path / "p"))


def store_file(project: Project) -> Path:
    return project.root / ".build" / "generate" / pagestore.STORE


def records(project: Project) -> dict[str, tuple[dict, bytes, bytes]]:
    return dict(pagestore._read(store_file(project).read_bytes()))


def test_a_second_build_takes_every_page_from_the_store_and_writes_the_same_docs(project, tmp_path):
    first = kept(project, tmp_path / "a")
    assert first.made > 20 and first.kept == 0
    assert len(records(project)) == first.made
    written = store_file(project).stat()
    second = kept(project, tmp_path / "b")
    assert (second.made, second.kept) == (0, first.made)
    assert docs_of(tmp_path / "b") == docs_of(tmp_path / "a") == fresh(project, tmp_path / "c")
    assert store_file(project).stat().st_mtime_ns == written.st_mtime_ns  # nothing new: not written again


def test_a_kept_page_is_its_file_as_written_and_makes_that_file_again(project, tmp_path):
    """A page from the store comes with its file's bytes (write_pages does not make them again);
    its body, as the file holds it, makes the same file."""
    from sdw.pages import Page

    kept(project, tmp_path / "a")
    outcome = generate_docs(project, tmp_path / "b", CONTEXT, keep_pages=True)
    pages = [p for p in outcome.pages if isinstance(p, Page) and "data" in vars(p)]
    assert len(pages) > 20
    for page in pages:
        assert page.data == Page(page.path, page.meta, page.body).data
        assert page.data == (tmp_path / "b" / page.path).read_bytes()


def test_an_edit_makes_again_what_shows_the_edited_item_and_nothing_else(project, tmp_path):
    first = kept(project, tmp_path / "a")
    story = project.content_dir / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("titel: \"", "titel: \"Nieuw: ", 1), encoding="utf-8")
    second = kept(project, tmp_path / "b")
    # The story's own page, the pages that show it (related items, its themes, audiences and
    # edition, the feeds and calendars that list it): more than one, far fewer than all.
    assert 1 < second.made < first.made // 2
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c")
    assert "Nieuw: " in (tmp_path / "b" / STORY).read_text(encoding="utf-8")
    # The pages it made are in the store; those of the story's old title stay there, unused, until
    # they are a share of it (the next test).
    assert set(second.used) <= set(records(project))
    assert len(records(project)) in (first.made, first.made + second.made)


def test_new_pages_are_added_until_unused_ones_are_a_share_of_the_store(project, tmp_path, monkeypatch):
    # (In this small site an edit makes again a third of the store's bytes: the feeds among them.)
    monkeypatch.setattr(pagestore, "UNUSED_SHARE", 2)
    kept(project, tmp_path / "a")
    story = project.content_dir / STORY
    text = story.read_text(encoding="utf-8")
    before, added = store_file(project).read_bytes(), 0
    for n in range(1, 10):
        story.write_text(text + f"\nEen zin erbij ({n}).\n", encoding="utf-8")
        again = kept(project, tmp_path / f"b{n}")
        data = store_file(project).read_bytes()
        found = records(project)
        assert set(again.used) <= set(found)
        assert sum(len(raw) for _, _, raw in found.values()) == len(data)  # each record once, nothing else
        unused = len(data) - sum(len(found[key][2]) for key in again.used)
        assert unused * pagestore.UNUSED_SHARE <= len(data)
        if not data.startswith(before):  # written again whole: only the pages this build used
            assert set(found) == set(again.used)
            break
        assert len(data) > len(before)  # its new pages added at the end
        before, added = data, added + 1
    else:
        pytest.fail("the store was never written again whole")
    assert added > 0
    assert docs_of(tmp_path / f"b{n}") == fresh(project, tmp_path / "c")


def test_another_address_is_another_input_another_build_date_is_not(project, tmp_path):
    first = kept(project, tmp_path / "a")
    later = Context(CONTEXT.base_url, CONTEXT.today + dt.timedelta(days=400))
    assert kept(project, tmp_path / "b", later).made == 0
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c", later)
    elsewhere = Context("https://elders.example.org/", CONTEXT.today)
    assert kept(project, tmp_path / "d", elsewhere).made == first.made
    assert docs_of(tmp_path / "d") == fresh(project, tmp_path / "e", elsewhere)


def test_no_item_page_feed_or_calendar_shows_the_build_date(project):
    """What lets the store leave the date out of its keys (listings and the home page show it)."""
    from sdw.generate import generate

    outcome = generate_docs(project, project.root / "docs", CONTEXT)
    items = {i.rel for i in outcome.site.items}
    raw = {p.path for p in outcome.pages if p.path.endswith((".xml", ".ics"))}
    assert len(raw) > 3 and len(items) > 20

    def made(today):
        pages = generate(outcome.site, Context(CONTEXT.base_url, today))
        return {p.path: p.encode() for p in pages if p.path in items or p.path in raw}

    assert made(dt.date(2020, 1, 1)) == made(dt.date(2031, 6, 30))
    # (Listings do show it: the same dates change the events listing.)
    listings = {p.path: p.encode() for p in generate(outcome.site, Context(CONTEXT.base_url, dt.date(2020, 1, 1)))}
    assert listings != {p.path: p.encode() for p in generate(outcome.site, Context(CONTEXT.base_url,
                                                                                  dt.date(2031, 6, 30)))}


def _story_record(project: Project) -> tuple[int, dict, bytes, bytes]:
    data = store_file(project).read_bytes()
    found = [(data.index(raw), header, content, raw) for header, content, raw in records(project).values()
             if header["path"] == STORY]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("damage", [
    lambda header, content: ({**header, "path": "elders/x.md"}, content),  # another page's
    lambda header, content: (header, b"\xff\xfe" + content[2:]),  # a body that is not UTF-8
    lambda header, content: ({**header, "meta": []}, content),  # metadata that is no mapping
    lambda header, content: ({k: v for k, v in header.items() if k != "meta"}, content),
])
def test_a_damaged_record_is_made_again_and_the_others_kept(project, tmp_path, damage):
    first = kept(project, tmp_path / "a")
    at, header, content, raw = _story_record(project)
    header, content = damage(header, content)
    data = store_file(project).read_bytes()
    store_file(project).write_bytes(data[:at] + pagestore._record({**header, "size": len(content)}, content)
                                    + data[at + len(raw):])
    again = kept(project, tmp_path / "b")
    assert (again.made, again.kept) == (1, first.made - 1)
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c")


@pytest.mark.parametrize("cut", ["garbage", "truncated", "oversized", "empty"])
def test_a_damaged_store_is_read_up_to_the_damage(project, tmp_path, cut):
    first = kept(project, tmp_path / "a")
    at, header, content, raw = _story_record(project)
    data = store_file(project).read_bytes()
    damaged = {"garbage": b"niet de opslag\n" + data, "truncated": data[:at + len(raw) // 2],
               "oversized": data[:at] + pagestore._record({**header, "size": len(data)}, content), "empty": b""}[cut]
    store_file(project).write_bytes(damaged)
    again = kept(project, tmp_path / "b")
    before = len(dict(pagestore._read(data[:at])))  # the records before the damaged one
    assert again.kept == (0 if cut in ("garbage", "empty") else before)
    assert again.made == first.made - again.kept
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c")
    # Written again whole (nothing added after the damage, where no build would read it).
    assert sum(len(raw) for _, _, raw in records(project).values()) == len(store_file(project).read_bytes())
    assert len(records(project)) == first.made


def test_a_feed_or_calendar_comes_back_byte_for_byte(project, tmp_path):
    kept(project, tmp_path / "a")
    raw = [content for header, content, _ in records(project).values() if header.get("raw") is True]
    assert any(b"BEGIN:VCALENDAR" in content for content in raw)
    assert any(b"<feed" in content for content in raw)
    again = kept(project, tmp_path / "b")
    assert again.made == 0
    assert docs_of(tmp_path / "b") == docs_of(tmp_path / "a")


def test_a_failed_generation_keeps_the_store(project, tmp_path, monkeypatch):
    kept(project, tmp_path / "a")
    before = store_file(project).read_bytes()
    story = project.content_dir / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    import sdw.generate

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(sdw.generate, "all_articles_page", broken)
    with pytest.raises(RuntimeError):
        generate_docs(project, tmp_path / "b", CONTEXT, keep_pages=True)
    assert store_file(project).read_bytes() == before


def test_the_preview_and_the_default_keep_nothing(project, tmp_path):
    from sdw.incremental import BuildMemory

    assert generate_docs(project, tmp_path / "a", CONTEXT).result.ok
    assert generate_docs(project, tmp_path / "b", CONTEXT, memory=BuildMemory(), keep_pages=True).result.ok
    assert not (project.root / ".build" / "generate").exists()


def test_a_newsletter_is_kept_and_follows_the_build_date(project, tmp_path):
    """A newsletter's page, .eml and text are kept like item pages; the build date shows in them
    only through the upcoming events (and the .eml's day), which are part of their input."""
    first = kept(project, tmp_path / "a")
    paths = {header["path"] for header, _, _ in records(project).values()}
    assert {p for p in paths if p.startswith("nieuwsbrief/")} >= {"nieuwsbrief/1.md"}
    assert any(p.endswith(".eml") for p in paths) and any(p.endswith(".txt") for p in paths)
    assert kept(project, tmp_path / "b").made == 0
    # Before the corpus's last event (2021-11-04) it is upcoming: every newsletter shows it.
    earlier = Context(CONTEXT.base_url, dt.date(2021, 11, 1))
    again = kept(project, tmp_path / "c", earlier)
    assert 0 < again.made < first.made
    assert docs_of(tmp_path / "c") == fresh(project, tmp_path / "d", earlier)
    newsletters = {p: data for p, data in docs_of(tmp_path / "c").items() if p.startswith("nieuwsbrief/")}
    assert newsletters != {p: data for p, data in docs_of(tmp_path / "a").items() if p.startswith("nieuwsbrief/")}


def _card_renders(monkeypatch) -> list[str]:
    import sdw.pages

    rendered: list[str] = []
    render = sdw.pages.render

    def spy(name, **data):
        if name == "card.html":
            rendered.append(data["title"])
        return render(name, **data)

    monkeypatch.setattr(sdw.pages, "render", spy)
    return rendered


def test_cards_are_kept_by_the_content_of_their_item(project, tmp_path, monkeypatch):
    kept(project, tmp_path / "a")
    cards = project.root / ".build" / "generate" / pagestore.CARDS
    assert cards.is_file()
    rendered = _card_renders(monkeypatch)
    kept(project, tmp_path / "b")
    assert rendered == []  # every card from the store
    assert docs_of(tmp_path / "b") == docs_of(tmp_path / "a")
    story = project.content_dir / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("titel: \"", "titel: \"Nieuw: ", 1), encoding="utf-8")
    kept(project, tmp_path / "c")
    assert rendered and all(title.startswith("Nieuw: ") for title in rendered)  # only the edited item's
    assert docs_of(tmp_path / "c") == fresh(project, tmp_path / "d")


@pytest.mark.parametrize("damage", [b"", b"{niet", b'{"version": "ander", "cards": {}}', b"[]"])
def test_a_cards_file_that_does_not_hold_is_ignored(project, tmp_path, monkeypatch, damage):
    kept(project, tmp_path / "a")
    cards = project.root / ".build" / "generate" / pagestore.CARDS
    cards.write_bytes(damage)
    rendered = _card_renders(monkeypatch)
    kept(project, tmp_path / "b")
    assert rendered
    assert docs_of(tmp_path / "b") == docs_of(tmp_path / "a")
    assert pagestore._read_cards(cards)  # written again


def test_a_card_of_another_shape_is_ignored(project, tmp_path):
    kept(project, tmp_path / "a")
    cards = project.root / ".build" / "generate" / pagestore.CARDS
    import json

    data = json.loads(cards.read_bytes())
    digest = next(iter(data["cards"]))
    data["cards"][digest] = {"2x": "<article>"}
    cards.write_text(json.dumps(data), encoding="utf-8")
    assert pagestore._read_cards(cards) == {}
    kept(project, tmp_path / "b")
    assert docs_of(tmp_path / "b") == docs_of(tmp_path / "a")


def test_related_items_are_kept_while_what_they_come_from_is_the_same(project, tmp_path):
    first = related_kept(project, tmp_path / "a")
    assert first.kept == 0 and len(first.made) > 20
    story = project.content_dir / STORY
    text = story.read_text(encoding="utf-8")
    story.write_text(text + "\nEen zin erbij.\n", encoding="utf-8")  # its text: not what relates it
    again = related_kept(project, tmp_path / "b")
    assert again.kept == len(first.made) and again.made == first.made
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c")
    # A theme more (what relates it): every article's related items are ranked again.
    story.write_text(text.replace("themas:\n", "themas:\n  - stigma-en-beeldvorming\n", 1), encoding="utf-8")
    assert "  - stigma-en-beeldvorming\n" in story.read_text(encoding="utf-8")
    third = related_kept(project, tmp_path / "d")
    assert third.kept == 0 and third.made != first.made
    assert docs_of(tmp_path / "d") == fresh(project, tmp_path / "e")


@pytest.mark.parametrize("damage", [
    b"{niet json", b"[]", b'{"digest": 1}',
    lambda data: data.replace(b'"verhalen/', b'"elders/'),  # articles no longer there
    lambda data: data.replace(b"[4, [", b"[3, ["),  # another number of them
])
def test_related_items_that_do_not_hold_are_ranked_again(project, tmp_path, damage):
    first = related_kept(project, tmp_path / "a")
    file = project.root / ".build" / "generate" / pagestore.RELATED
    data = file.read_bytes()
    file.write_bytes(damage(data) if callable(damage) else damage)
    again = related_kept(project, tmp_path / "b")
    assert again.kept < len(first.made) and again.made == first.made
    assert docs_of(tmp_path / "b") == fresh(project, tmp_path / "c")
