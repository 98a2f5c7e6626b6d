"""`sdw build` reuses the pages whose inputs did not change, and the site is still the site a
cold build makes, byte for byte (sdw.buildcache, sdw.render).

Each step edits the project, builds it with the cache, builds a fresh copy of the same
project without any cache, and compares every file of the two sites: pages, search index,
sitemap, feeds, listings and every page that shows the edited item.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from sdw import buildcache, searchchild, searchindex
from sdw.buildcache import FORMAT, JOURNAL, MANIFEST, _header, _record, read_manifest
from sdw.pipeline import Project, generate_docs
from sdw.render import Skeleton, cache_folder, render

STORY = "content/verhalen/eric-groenendaal.md"
STORY_PAGE = "verhalen/eric-groenendaal/index.html"


def build(root: Path, *, cache: bool = True, offline: bool = False):
    """As `sdw build` does: the previous site's folders are made in the staging folder meanwhile."""
    site = root / ("site-offline" if offline else "site")
    skeleton = Skeleton.start(site) if cache else None
    try:
        outcome = generate_docs(Project(root))
        assert outcome.result.ok, outcome.result.problems
        result = render(root, root / "docs", site, offline=offline, cache=cache, skeleton=skeleton)
    finally:
        if skeleton is not None:
            skeleton.discard()
    assert result.ok, result.messages
    return result


def tree(site: Path) -> dict[str, bytes]:
    """The site's files and their bytes, and its folders (as None)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(site.rglob("*"))}


def assert_same_as_cold(project: Path, elsewhere: Path, *, offline: bool = False) -> None:
    """A copy of the project (same content, templates, configuration) built without a cache
    gives the same files with the same bytes."""
    shutil.rmtree(elsewhere, ignore_errors=True)
    copy_project(elsewhere, project / "content")
    shutil.rmtree(elsewhere / "overrides")
    shutil.copytree(project / "overrides", elsewhere / "overrides")
    build(elsewhere, cache=False, offline=offline)
    name = "site-offline" if offline else "site"
    assert not (elsewhere / ".build" / "render").exists()
    incremental, cold = tree(project / name), tree(elsewhere / name)
    assert sorted(incremental) == sorted(cold)
    different = [path for path in cold if incremental[path] != cold[path]]
    assert different == []


def edit(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("cache") / "project")
    first = build(root)
    assert first.reused == 0 and first.rendered > 50
    return root


def manifest(root: Path) -> dict:
    """The cache as a build reads it: the manifest with the journal's pages over it."""
    return read_manifest(cache_folder(root, root / "site"))


def rewrite(root: Path, data: dict) -> None:
    """A new manifest (and no journal) holding `data` as manifest() returned it."""
    folder = cache_folder(root, root / "site")
    lines = [_header({"format": FORMAT, "key": data["key"], "id": "test"})]
    lines += [_record(src, entry) for src, entry in data["pages"].items()]
    (folder / MANIFEST).write_bytes(b"".join(lines))
    (folder / JOURNAL).unlink(missing_ok=True)


def test_unchanged_project_reuses_every_page(project):
    before = tree(project / "site")
    again = build(project)
    assert again.rendered == 0 and again.reused == len(manifest(project)["pages"]) > 50
    assert tree(project / "site") == before


def test_one_changed_story_is_rendered_again_and_the_site_equals_a_cold_build(project, tmp_path):
    keys = {src: entry["key"] for src, entry in manifest(project)["pages"].items()}
    previous = build(project)  # the state this test starts from, whatever ran before
    edit(project, STORY, "Wat is er nodig voor zo’n vruchtbare", "Wat is er nodig voor zo’n zeer vruchtbare")
    result = build(project)
    assert result.rendered == 1 and result.reused == previous.reused - 1  # its text is on its own page only
    changed = {src for src, entry in manifest(project)["pages"].items() if keys.get(src) != entry["key"]}
    assert "verhalen/eric-groenendaal.md" in changed
    assert "zo’n zeer vruchtbare" in (project / "site" / STORY_PAGE).read_text(encoding="utf-8")
    assert_same_as_cold(project, tmp_path / "cold")


def test_a_changed_title_reaches_listings_related_items_and_search(project, tmp_path):
    previous = build(project)
    edit(project, STORY, "Den Bosch en Reinier van Arkel\"", "Den Bosch en Reinier van Arkel (herzien)\"")
    result = build(project)
    assert 0 < result.reused < previous.reused - 1  # its page, and the pages that show it
    index = [p for p in (project / "site" / "search").rglob("*") if p.is_file()]  # however it is laid out
    assert any("Reinier van Arkel (herzien)" in p.read_text(encoding="utf-8") for p in index)
    listing = (project / "site" / "verhalen" / "index.html").read_text(encoding="utf-8")
    assert "Reinier van Arkel (herzien)" in listing
    assert_same_as_cold(project, tmp_path / "cold")


def test_a_changed_title_in_the_navigation_renders_every_page_again(project, tmp_path):
    """Every page shows the navigation's titles: a page in it that changes its title changes them all."""
    edit(project, "content/over-sterk-door-werk.md", 'titel: "Over Sterk door Werk"',
         'titel: "Over ons, Sterk door Werk"')
    result = build(project)
    assert result.reused == 0
    assert "Over ons, Sterk door Werk" in (project / "site" / STORY_PAGE).read_text(encoding="utf-8")
    assert_same_as_cold(project, tmp_path / "cold")


def test_the_offline_site_has_its_own_cache_and_equals_a_cold_build(project, tmp_path):
    build(project, offline=True)
    edit(project, STORY, "zo’n zeer vruchtbare", "zo’n heel vruchtbare")
    result = build(project, offline=True)
    assert result.reused > 40
    assert cache_folder(project, project / "site-offline", offline=True).is_dir()
    assert_same_as_cold(project, tmp_path / "cold", offline=True)


def test_a_changed_template_renders_every_page_again(project):
    edit(project, "overrides/main.html", "{% block", "{#- sdw test: a new template -#}{% block")
    assert build(project).reused == 0


def test_a_changed_setting_renders_every_page_again(project, monkeypatch):
    monkeypatch.setenv("SDW_CONTACT_EMAIL", "redactie@example.org")
    result = build(project)
    assert result.reused == 0
    assert "redactie@example.org" in (project / "site" / STORY_PAGE).read_text(encoding="utf-8")


def test_a_damaged_page_in_the_cache_means_a_cold_build_not_a_wrong_site(project, tmp_path):
    build(project)
    folder = cache_folder(project, project / "site")
    pages = manifest(project)["pages"]
    story = pages["verhalen/eric-groenendaal.md"]["html"]
    blob = folder / "pages" / story[:2] / story
    blob.write_bytes(blob.read_bytes().replace("vruchtbare".encode(), b"VERVALSTE!"))
    result = build(project)
    assert result.reused == 0  # the damage was found: everything rendered anew
    assert "VERVALSTE" not in (project / "site" / STORY_PAGE).read_text(encoding="utf-8")
    assert_same_as_cold(project, tmp_path / "cold")
    assert build(project).reused > 40  # and the cache was made again


def test_cached_pages_are_linked_and_a_page_edited_in_the_site_is_found(project, tmp_path):
    """A page taken from the cache is a second name of the cached file, not a copy; so a site
    file changed in place changes the cached page, whose checksum the next build checks."""
    build(project)
    folder = cache_folder(project, project / "site")
    story = manifest(project)["pages"]["verhalen/eric-groenendaal.md"]["html"]
    assert (project / "site" / STORY_PAGE).samefile(folder / "pages" / story[:2] / story)
    with open(project / "site" / STORY_PAGE, "r+b") as page:  # in place, as some editors save
        page.write(b"<!-- bewerkt -->")
    result = build(project)
    assert result.reused == 0  # the damage was found: everything rendered anew
    assert "bewerkt" not in (project / "site" / STORY_PAGE).read_text(encoding="utf-8")
    assert_same_as_cold(project, tmp_path / "cold")


def test_an_unchanged_build_links_pages_calendars_and_search_files_instead_of_writing_them(project):
    """Each file keeps its inode across a build that changes nothing: the new site's file is a
    second name of the cached page or of the previous site's file (sdw.samefiles)."""
    build(project)
    site = project / "site"
    calendar = next(site.rglob("*.ics")).relative_to(site)
    shard = next((site / "search" / "sdw" / "d").iterdir()).relative_to(site)
    files = [Path(STORY_PAGE), calendar, shard]
    before = {rel: (site / rel).stat().st_ino for rel in files}
    build(project)
    assert {rel: (site / rel).stat().st_ino for rel in files} == before


@pytest.mark.parametrize("process", ["works", "fails", "cannot start"])
def test_the_search_index_of_a_process_of_its_own_or_of_the_build_equals_a_cold_build(project, tmp_path,
                                                                                    monkeypatch, process):
    """With most pages from the cache, a process of its own makes the search index
    (sdw.searchchild); should it fail or not start, the build makes it. The site is a cold
    build's either way."""
    monkeypatch.setattr(searchchild, "MIN_PAGES", 0)
    if process == "fails":
        monkeypatch.setattr(searchchild, "COMMAND",
                            [sys.executable, "-c", "import sys; sys.stdin.buffer.read(); sys.exit(1)"])
    elif process == "cannot start":
        monkeypatch.setattr(searchchild, "COMMAND", [str(tmp_path / "geen-python")])
    started = []
    real_start = searchchild.SearchChild.start
    monkeypatch.setattr(searchchild.SearchChild, "start",
                        lambda srcs, parts: started.append(len(srcs)) or real_start(srcs, parts))
    build(project)
    edit(project, STORY, "Wat is er nodig voor zo’n", "Wat is er nodig voor zo’n zoekbare")
    written_here = []
    real_write = searchindex.write
    monkeypatch.setattr(searchindex, "write", lambda *args: written_here.append(args[0]) or real_write(*args))
    result = build(project)
    # The process got the entries of every page the cache held, as the build started.
    assert result.rendered == 1 and started[-1] == result.reused + 1 and result.reused > 40
    assert len(written_here) == (0 if process == "works" else 1)  # else the process wrote it
    index = [p for p in (project / "site" / "search").rglob("*.js") if "zoekbare" in p.read_text(encoding="ascii")]
    assert index, "the edited page's text is in the index"
    assert_same_as_cold(project, tmp_path / "cold")
    assert not list(project.glob(".site.new-*"))


def spy_on_search(monkeypatch) -> tuple[list, list]:
    """(the search processes started: (pages given, process), the folders the build wrote an index into itself)."""
    children, written_here = [], []
    real_start, real_write = searchchild.SearchChild.start, searchindex.write
    monkeypatch.setattr(searchchild.SearchChild, "start",
                        lambda srcs, parts: children.append((len(srcs), real_start(srcs, parts))) or children[-1][1])
    monkeypatch.setattr(searchindex, "write", lambda *args: written_here.append(args[0]) or real_write(*args))
    return children, written_here


def test_a_search_process_given_a_cache_of_another_key_makes_the_index_of_the_pages_rendered(
        project, tmp_path, monkeypatch):
    """The process gets the cache's entries before the build knows its key (on_config); when the
    key turns out to differ (here: a template changed), no page is taken from the cache and every
    page is rendered: the process makes the index from their entries alone. The site is a cold
    build's."""
    monkeypatch.setattr(searchchild, "MIN_PAGES", 1)
    build(project)
    children, written_here = spy_on_search(monkeypatch)
    edit(project, "overrides/main.html", "{% block", "{#- sdw test: another key -#}{% block")
    result = build(project)
    assert result.reused == 0 and result.rendered > 40
    assert len(children) == 1 and children[0][0] > 40  # started with the cache's pages ...
    assert children[0][1].process.returncode == 0 and written_here == []  # ... and it wrote the index
    assert_same_as_cold(project, tmp_path / "cold")


def test_a_first_build_of_many_pages_has_its_index_made_by_a_search_process(project, tmp_path, monkeypatch):
    monkeypatch.setattr(searchchild, "MIN_PAGES", 1)
    shutil.rmtree(project / ".build", ignore_errors=True)
    children, written_here = spy_on_search(monkeypatch)
    result = build(project)
    assert result.reused == 0 and result.rendered > 40
    assert len(children) == 1 and children[0][0] == 0  # started with no entries
    assert children[0][1].process.returncode == 0 and written_here == []
    assert_same_as_cold(project, tmp_path / "cold")


def test_a_search_process_with_too_few_pages_to_take_or_render_is_stopped_and_the_build_makes_the_index(
        project, tmp_path, monkeypatch):
    """A site that shrank, and a cache of another key: the process started with the cache's
    pages (enough of them), but the build has fewer than MIN_PAGES to take or render."""
    extra = [project / "content" / "nieuws" / f"extra-bericht-{i}.md" for i in range(12)]
    for i, path in enumerate(extra):
        path.write_text(f'---\ntitel: "Extra bericht {i}"\nsamenvatting: "Een bericht."\ndatum: 2018-03-0{i % 9 + 1}\n'
                        "doelgroepen:\n  - werkgevers\n---\n\nTekst van het bericht.\n", encoding="utf-8")
    first = build(project)
    for path in extra:
        path.unlink()
    monkeypatch.setattr(searchchild, "MIN_PAGES", first.rendered + first.reused - 6)
    children, written_here = spy_on_search(monkeypatch)
    edit(project, "overrides/main.html", "{% block", "{#- sdw test: another key -#}{% block")
    result = build(project)
    assert result.reused == 0 and result.rendered < searchchild.MIN_PAGES
    assert len(children) == 1 and children[0][0] == first.rendered + first.reused  # started with the cache ...
    assert children[0][1].process.returncode < 0  # ... and stopped (killed while it waited for its job)
    assert len(written_here) == 1
    assert_same_as_cold(project, tmp_path / "cold")


def test_a_deleted_story_leaves_no_folder_and_the_site_equals_a_cold_build(project, tmp_path):
    """The staging folder starts with the previous site's folders (Skeleton): those the new site
    does not use are gone before the swap."""
    gone = project / "content" / "verhalen" / "een-kort-verhaal.md"
    gone.write_text('---\ntitel: "Een kort verhaal"\nsamenvatting: "Kort."\ndatum: 2018-03-05\n'
                    "doelgroepen:\n  - werkgevers\npersonen:\n  - naam: Anna de Vries\n    rol: werkgever\n"
                    "---\n\nTekst.\n", encoding="utf-8")
    build(project)
    assert (project / "site" / "verhalen" / "een-kort-verhaal" / "index.html").is_file()
    gone.unlink()
    build(project)
    assert not (project / "site" / "verhalen" / "een-kort-verhaal").exists()
    assert_same_as_cold(project, tmp_path / "cold")
    assert not list(project.glob(".site.new-*")), "no staging folder left behind"


def test_an_unreadable_manifest_or_another_key_is_an_empty_cache(project):
    path = cache_folder(project, project / "site") / MANIFEST
    for damage in ["{not json", '{"format": 1, "key": "x", "pages": []}', "", '{"format": 2, "key": "x"}\n[]']:
        path.write_text(damage, encoding="utf-8")
        assert build(project).reused == 0
    data = manifest(project)
    data["key"] = "0" * 64
    rewrite(project, data)
    assert build(project).reused == 0
    assert build(project).reused > 40


def test_an_unchanged_site_writes_nothing_and_a_change_goes_into_the_journal(project):
    """The manifest (over 100 MB at 10,000 items) is written only when the build key changes or
    the journal has grown; a build that changed nothing writes neither."""
    folder = cache_folder(project, project / "site")
    build(project)
    build(project)  # whatever the journal held: now it is this state's
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}
    assert build(project).rendered == 0
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()} == stamps
    edit(project, STORY, "Wat is er nodig voor zo’n", "Wat is er toch nodig voor zo’n")
    assert build(project).rendered == 1
    assert (folder / MANIFEST).stat().st_mtime_ns == stamps[MANIFEST]
    journal = (folder / JOURNAL).read_bytes().splitlines()
    assert any(b'"verhalen/eric-groenendaal.md"' in line for line in journal[1:])
    assert manifest(project)["pages"]["verhalen/eric-groenendaal.md"]["key"] == buildcache_key(project, STORY)


def buildcache_key(project: Path, path: str) -> str:
    """The key the cache holds for the page of `path` as a build that reads it now sees it."""
    data = manifest(project)
    from sdw.buildcache import _digest

    source = (project / "docs" / Path(path).relative_to("content")).read_bytes()
    return _digest(data["key"], Path(path).relative_to("content").as_posix(), source)


@pytest.mark.parametrize("damage", ["cut", "garbage", "crc", "other base", "gone"])
def test_a_damaged_journal_costs_pages_not_a_wrong_site(project, tmp_path, damage):
    """A journal cut short by an interrupted write, with a garbled line, or of another manifest:
    its pages are rendered again (or come from the manifest where their key still matches), and
    the site is the one a cold build makes."""
    folder = cache_folder(project, project / "site")
    build(project)
    edit(project, STORY, "zo’n", "zo’n echt")
    build(project)
    journal = folder / JOURNAL
    data = journal.read_bytes()
    assert data.count(b"\n") >= 2
    if damage == "cut":
        data = data[:-7]
    elif damage == "garbage":
        data += b"\x00\xffnot a record\n"
    elif damage == "crc":
        start = data.index(b"\n") + 1 + 9 + 3  # a byte in the first record's head
        data = data[:start] + bytes([data[start] ^ 1]) + data[start + 1:]
    elif damage == "other base":
        data = _header({"format": FORMAT, "base": "elsewhere"}) + data[data.index(b"\n") + 1:]
    else:
        data = b""
    journal.write_bytes(data)
    result = build(project)
    assert result.rendered == (0 if damage == "garbage" else 1) and result.reused > 40  # the story
    assert_same_as_cold(project, tmp_path / "cold")
    assert build(project).rendered == 0


def test_a_big_journal_is_folded_into_a_new_manifest(project, monkeypatch):
    folder = cache_folder(project, project / "site")
    build(project)
    monkeypatch.setattr(buildcache, "COMPACT_SHARE", 10**9)  # any journal is too big
    edit(project, STORY, "zo’n", "zo’n zo")
    before = (folder / MANIFEST).read_bytes().split(b"\n", 1)[0]
    assert build(project).rendered == 1
    assert not (folder / JOURNAL).exists()
    assert (folder / MANIFEST).read_bytes().split(b"\n", 1)[0] != before  # a new manifest, with a new id
    names = {p.name for p in (folder / "pages").glob("*/*")}
    assert names == {e["html"] for e in manifest(project)["pages"].values() if e["html"]}
    monkeypatch.undo()
    assert build(project).rendered == 0


def test_a_manifest_of_the_earlier_format_is_ignored_and_removed(project):
    folder = cache_folder(project, project / "site")
    (folder / MANIFEST).unlink()
    (folder / JOURNAL).unlink(missing_ok=True)
    (folder / "manifest.json").write_text('{"format": 1, "key": "x", "pages": {}}', encoding="utf-8")
    assert build(project).reused == 0
    assert not (folder / "manifest.json").exists()
    assert build(project).rendered == 0


def test_a_page_whose_link_target_is_gone_is_rendered_again(project, tmp_path):
    """A page depends on the files its links find: when one is gone the page is not taken from
    the cache (a cold build would warn, and strict mode stops it)."""
    src = "verhalen/eric-groenendaal.md"
    entry = manifest(project)["pages"][src]
    target = "verhalen/pearl-hartgers.md"  # "Meer in deze editie" links to it
    assert entry["deps"][target][0] == "verhalen/pearl-hartgers/"
    # Pretend the last build found that link pointing elsewhere: the page must be rendered again.
    entry["deps"][target] = ["elders/", entry["deps"][target][1]]
    data = manifest(project)
    data["pages"][src] = entry
    rewrite(project, data)
    before = build(project)
    assert before.reused > 40
    after = build(project)
    assert before.reused == after.reused - 1


def test_no_cache_for_builds_with_unknown_plugins(project, tmp_path):
    """A plugin the cache does not know might need every page: then nothing is reused or kept."""
    other = copy_project(tmp_path / "other", project / "content")
    config = other / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^plugins:\n", "plugins:\n  - tags\n", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    assert build(other).reused == 0
    assert not cache_folder(other, other / "site").exists()
