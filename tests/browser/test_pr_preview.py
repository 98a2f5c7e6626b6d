"""A pull request's preview (SDW_PREVIEW_LABEL, set by .github/workflows/pull-request.yml): a banner
on every page that a reader sees and axe accepts, light and dark, desktop and phone; not indexed."""

from __future__ import annotations

import pytest
from conftest import SITE_CONTENT, copy_project

from .conftest import PHONE, axe_violations, describe_violations, environment, served, settle

LABEL = "pull request #7"
PAGES = ["", "verhalen/tamara-van-ark/", "tips/"]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("pr-preview"), SITE_CONTENT)
    with environment(SDW_PREVIEW_LABEL=LABEL, SDW_SITE_URL="https://voorbeeld.example.org/pr-preview/pr-7/"):
        assert main(["--root", str(project), "build"]) == 0
    with served(project / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_every_preview_page_says_it_is_a_preview_accessibly(page_factory, preview, path, scheme):
    page, _ = page_factory(preview + path, scheme=scheme)
    banner = page.locator(".md-banner")
    banner.wait_for(state="visible")
    assert " ".join(banner.inner_text().split()) == f"Voorbeeld van {LABEL}: deze versie is nog niet gepubliceerd."
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    settle(page)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_the_banner_fits_a_phone(page_factory, preview):
    page, _ = page_factory(preview, viewport=PHONE)
    box = page.locator(".md-banner").bounding_box()
    assert box and box["width"] <= PHONE[0] and box["height"] < 120
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]


def test_the_published_site_has_no_banner_and_may_be_indexed(page_factory, server):
    page, _ = page_factory(server)
    assert page.locator(".md-banner").count() == 0
    assert page.locator('meta[name="robots"]').count() == 0
