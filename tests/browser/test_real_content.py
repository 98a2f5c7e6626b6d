"""The real content/ in a real browser, held to invariants only.

Every other browser test builds the frozen fixture corpus (see conftest.py). This file builds
content/ as it is and finds its pages in the built site, so no name, count, date or ranking of
an item appears here: whatever an author adds, renames or removes, every page must have no axe
violations (WCAG 2.0/2.1 A + AA), the site must request nothing from another host, and the
search box must find at least one result for the title of an item page of every type.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from .conftest import (
    _leaves_machine,
    ask_search,
    axe_violations,
    describe_violations,
    served,
    settle,
)

PAGE_TYPE = re.compile(r'class="sdw-page sdw-page--([\w-]+)')
NOT_ITEMS = {"home", "listing", "404"}  # page types that present no item of their own


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """content/ as it is, built online (strict, like the published site)."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("real-content"), ROOT / "content")
    assert main(["--root", str(project), "build"]) == 0
    return project / "site"


@pytest.fixture(scope="module")
def real_server(real_site) -> str:
    with served(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def pages(real_site) -> dict[str, str]:
    """Every page of the built site: its path (as a reader's URL, relative to the root) -> its
    type (the sdw-page--<type> class the templates give each page)."""
    found = {}
    for file in sorted(real_site.rglob("*.html")):
        relative = file.relative_to(real_site).as_posix()
        if relative.startswith("admin/"):
            continue  # the web editor, Decap's page, not a reader's (tests/test_admin.py, test_edit.py)
        path = relative.removesuffix("index.html") if file.name == "index.html" else relative
        kinds = PAGE_TYPE.findall(file.read_text(encoding="utf-8"))
        assert len(kinds) == 1, f"{relative}: page types {kinds}"
        found[path] = kinds[0]
    assert "" in found and "404.html" in found, sorted(found)
    return found


def test_every_page_has_no_axe_violations_and_stays_on_this_machine(page_factory, real_server, pages):
    page, requests = page_factory(None)
    failures = []
    for path in pages:
        response = page.goto(real_server + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        settle(page)  # Material fades the tabs in: read colours once they stand still
        violations = axe_violations(page)
        if violations:
            failures.append(f"/{path}:\n{describe_violations(violations)}")
    page.wait_for_load_state("networkidle")
    assert not failures, (f"axe found violations on {len(failures)} of {len(pages)} pages:\n"
                          + "\n".join(failures))
    assert [u for u in requests if u.startswith(real_server)], "no request reached the site"
    foreign = sorted({u for u in requests if _leaves_machine(u)})
    assert foreign == [], "requests to other hosts"


def test_search_finds_the_title_of_an_item_page_of_every_type(page_factory, real_server, pages):
    """The h1 of the first item page of each type (by path) as the query, asked as one question
    (conftest.ask_search)."""
    items = {}
    for path, kind in pages.items():
        if kind not in NOT_ITEMS:
            items.setdefault(kind, path)
    assert items, f"no item pages among {sorted(set(pages.values()))}"
    page, requests = page_factory(None)
    nothing = []
    for kind, path in sorted(items.items()):
        page.goto(real_server + path)
        title = " ".join(page.locator("h1").first.inner_text().split())
        assert title, f"/{path} has no title"
        page.goto(real_server)
        if not ask_search(page, title):
            nothing.append(f"{kind} /{path}: {title!r}")
    assert not nothing, "the search box found nothing for these titles:\n" + "\n".join(nothing)
    assert sorted({u for u in requests if _leaves_machine(u)}) == [], "requests to other hosts"
