"""Shared helpers: a throwaway project made of fixture files or a copy of the real one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the repository's renderer setup with `content` (default: the real content)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "scripts" / "sdw").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "sdw" / "mkdocs_hooks.py", target / "scripts" / "sdw" / "mkdocs_hooks.py")
    shutil.copytree(content or ROOT / "content", target / "content")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once with `sdw build` (strict) for the tests that read the HTML."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("real"))
    assert main(["--root", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("offline"))
    assert main(["--root", str(project), "build", "--offline"]) == 0
    return project / "site-offline"
