"""`sdw build` shares the pages it renders with a second MkDocs process (sdw.partner), and the
site is byte for byte the site one process makes; a partner that fails costs time, never a page,
and its warnings fail the build as this build's own do."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import sdw.partner
from conftest import copy_project
from sdw.cli import main
from sdw.partner import Balance, Claim, Claims, Partner
from sdw.pipeline import Project, generate_docs
from sdw.render import render
from test_buildcache import tree

EVERY_OTHER = frozenset(range(0, 10**4, 2))
ALL = frozenset(range(10**4))


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The fixture project and its site, built in one process without any cache."""
    root = copy_project(tmp_path_factory.mktemp("partner") / "project")
    assert generate_docs(Project(root)).result.ok
    result = render(root, root / "docs", root / "site", cache=False)
    assert result.ok, result.messages
    return root, tree(root / "site")


class Partners(list):
    """Every Partner a build makes; `reserve(numbers)`: the shared pages the partner renders
    whatever the claims say (the rest is raced for)."""

    def __init__(self, monkeypatch) -> None:
        super().__init__()
        self.monkeypatch = monkeypatch
        self.reserve(frozenset())

    def reserve(self, numbers: frozenset[int]) -> None:
        def make(*args, **kwargs) -> Partner:
            self.append(Partner(*args, reserve=numbers, **kwargs))
            return self[-1]

        self.monkeypatch.setattr(sdw.partner, "Partner", make)  # render imports it when it builds


@pytest.fixture
def partners(monkeypatch) -> Partners:
    monkeypatch.setattr(sdw.partner, "FROM", 1)
    return Partners(monkeypatch)


def build_shared(cold, tmp_path: Path, **kwargs):
    root, _ = cold
    site = tmp_path / "site"
    events: list[tuple[str, int, int]] = []
    result = render(root, root / "docs", site, progress=lambda *event: events.append(event), **kwargs)
    shutil.rmtree(root / ".build" / "render", ignore_errors=True)  # the next test starts cold again
    return result, site, events


def test_pages_shared_with_a_partner_give_the_same_site(cold, partners, tmp_path):
    partners.reserve(EVERY_OTHER)  # the partner renders these whatever the claims say; the rest is raced for
    result, site, events = build_shared(cold, tmp_path)
    assert result.ok, result.messages
    [partner] = partners
    theirs = [src for src, claim in partner._claims.items() if claim.mine is False]
    assert len(partner._claims) > 20 and len(theirs) >= len(partner._claims) // 2
    assert partner.done == len(theirs)
    assert tree(site) == cold[1]
    # Every page counts once, whichever process rendered it; the display ends at the total.
    assert result.rendered > len(theirs)
    assert result.reused == 0
    assert events[0][0] == "start" and events[-1] == ("finish", result.rendered, result.rendered)


def test_a_partner_that_dies_costs_a_rebuild_not_a_page(cold, partners, monkeypatch, tmp_path):
    partners.reserve(ALL)
    monkeypatch.setattr(sdw.partner, "COMMAND", (sys.executable, "-c", "import sys; sys.stdin.read(); sys.exit(3)"))
    result, site, _ = build_shared(cold, tmp_path)
    assert result.ok, result.messages
    assert len(partners) == 1 and partners[0]._claims  # the first try shared; the second did not
    assert tree(site) == cold[1]


def test_a_partner_that_cannot_start_leaves_every_page_to_this_build(cold, partners, monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.partner, "COMMAND", (str(tmp_path / "no-such-program"),))
    result, site, _ = build_shared(cold, tmp_path)
    assert result.ok, result.messages
    assert partners[0]._claims == {}
    assert tree(site) == cold[1]


def test_the_partners_warnings_fail_the_build_and_keep_the_old_site(cold, partners, tmp_path):
    root, _ = cold
    partners.reserve(ALL)  # this build renders none of the shared pages itself
    broken = root / "docs" / "verhalen" / "kapotte-link.md"
    broken.write_text("---\ntitle: Kapot\n---\n\nZie [de pagina](bestaat-niet.md).\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige site", encoding="utf-8")
    try:
        result, site, _ = build_shared(cold, tmp_path)
    finally:
        broken.unlink()
    assert not result.ok
    assert any("bestaat-niet.md" in message for message in result.messages), result.messages
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige site"
    [partner] = partners
    assert partner._claims["verhalen/kapotte-link.md"].mine is False  # the partner's page, its warning


def test_few_pages_are_not_shared(cold, partners, monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.partner, "FROM", 10**6)
    result, site, _ = build_shared(cold, tmp_path)
    assert result.ok, result.messages
    assert partners[0]._process is None and partners[0]._claims == {}
    assert tree(site) == cold[1]


def test_with_a_cache_the_partner_starts_once_there_is_enough_to_share(cold, partners, monkeypatch, tmp_path):
    root, expected = cold
    site = tmp_path / "site"
    assert render(root, root / "docs", site).ok  # fills the cache
    monkeypatch.setenv("SDW_ANOTHER_KEY", "1")  # every page is rendered again (a setting is in the key)
    partners.reserve(EVERY_OTHER)
    result, site, _ = build_shared(cold, tmp_path)
    assert result.ok, result.messages
    first, second = partners
    assert first._claims and second._claims and second.done >= len(second._claims) // 2
    assert tree(site) == expected


# --- the split: claims and balance ------------------------------------------------------------


def claims_file(tmp_path: Path, pages: int) -> tuple[Claims, Claims]:
    path = tmp_path / "claims"
    Claims.make(path, pages)
    return Claims(path, Claims.BUILD), Claims(path, Claims.PARTNER)


def test_each_shared_page_is_claimed_by_one_process(tmp_path):
    build, partner = claims_file(tmp_path, 50)
    ours = [n for n in range(30) if build.claim(n)]
    theirs = [n for n in range(49, 19, -1) if partner.claim(n)]  # they meet at 20–29, the build's
    assert ours == list(range(30)) and theirs == list(range(49, 29, -1))
    assert not build.claim(40) and not partner.claim(3)  # taken is taken, for either
    assert build.run_of_build(0, 50) == 30 and build.run_of_build(10, 50) == 20


def test_the_build_s_run_of_claims_is_read_past_a_chunk(tmp_path):
    build, partner = claims_file(tmp_path, 10_000)
    for n in range(5_001):
        build.claim(n)
    partner.claim(9_999)
    assert partner.run_of_build(0, 9_999) == 5_001 and partner.run_of_build(4_000, 4_500) == 500


def test_a_partner_far_ahead_leaves_the_last_pages_to_the_build(tmp_path):
    """The build's process was slow to start on shared pages (the navigation's took its first
    seconds): the partner holds many more pages, so it stops before they meet."""
    build, partner = claims_file(tmp_path, 200)
    for n in range(20):
        build.claim(n)
    balance = Balance(partner, own=10)
    theirs = []
    for n in range(199, -1, -1):
        if not Claim(partner, n, on_error=False, balance=balance)():
            break
        theirs.append(n)
    assert 20 < theirs[-1] and balance.stopped
    assert not Claim(partner, theirs[-1] - 5, on_error=False, balance=balance)()  # stopped is stopped
    ours = [n for n in range(20, 200) if build.claim(n)]
    assert ours == list(range(20, theirs[-1]))  # the rest, the build's; every page claimed once
    # The split evens out what each has left to fill: the build's extra pages are the partner's
    # excess of pages times the share of a page's work that comes after reading.
    extra, excess = len(ours), len(theirs) - 20 - 10
    assert extra == pytest.approx(excess * sdw.partner.FILL_SHARE, abs=2)


def test_a_partner_behind_the_build_claims_until_they_meet(tmp_path):
    build, partner = claims_file(tmp_path, 200)
    for n in range(150):
        build.claim(n)
    balance = Balance(partner, own=10)
    theirs = [n for n in range(199, -1, -1) if Claim(partner, n, on_error=False, balance=balance)()]
    assert theirs == list(range(199, 149, -1)) and balance.mine == 50
    assert balance.stopped  # once past the build's pages: nothing is left to claim


# --- a partner started ahead ------------------------------------------------------------------


def test_a_cold_sdw_build_takes_the_partner_started_ahead(partners, tmp_path):
    """`sdw build` starts the partner before it loads the content (its imports then overlap the
    build's own stages); the render stage takes that process, and nothing is left running."""
    partners.reserve(EVERY_OTHER)
    root = copy_project(tmp_path / "project")
    assert main(["--root", str(root), "build"]) == 0
    assert len(partners) == 1 and partners[0].warmed
    assert sum(claim.mine is False for claim in partners[0]._claims.values()) > 20  # it rendered pages
    assert sdw.partner._READY is None


def test_a_partner_started_ahead_that_no_build_takes_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.partner, "FROM", 1)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("tekst\n", encoding="utf-8")
    sdw.partner.warm_up(tmp_path / "content", tmp_path / "cache")
    process = sdw.partner._READY
    assert process is not None and process.poll() is None  # it waits for a job
    sdw.partner.cool_down()
    assert process.returncode is not None and sdw.partner._READY is None


def test_no_partner_is_started_ahead_for_a_site_with_cached_pages(monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.partner, "FROM", 1)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("tekst\n", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / sdw.partner.MANIFEST).write_bytes(b"{}\n")
    sdw.partner.warm_up(tmp_path / "content", tmp_path / "cache")
    assert sdw.partner._READY is None
