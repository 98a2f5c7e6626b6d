"""Shared helpers: a throwaway project made of fixture files or a copy of the real one."""

from __future__ import annotations

import os
import secrets
import shutil
import struct
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_report_header(config):
    """The random seed of the property-based tests (tests/security/test_properties.py), shown at the
    top of every run so a failure can be replayed."""
    seed = os.environ.setdefault("SDW_HYPOTHESIS_SEED", str(secrets.randbelow(2**31)))
    return f"hypothesis: fixed seed 20261129 and random seed {seed} (replay with SDW_HYPOTHESIS_SEED={seed})"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Tests of the code build a frozen copy of the content as it was when the suite was written, so an
# author's pull request (a renamed story, a new tip that outranks another in search) cannot turn
# them red. The real content is held to invariants only: tests/content_invariants.py, REAL_CONTENT.
SITE_CONTENT = FIXTURES / "site-content"
REAL_CONTENT = ROOT / "content"


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the repository's renderer setup with `content` (default: the frozen fixture corpus)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "scripts" / "sdw").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "sdw" / "mkdocs_hooks.py", target / "scripts" / "sdw" / "mkdocs_hooks.py")
    shutil.copytree(content or SITE_CONTENT, target / "content")
    return target


def write_png(path: Path, width: int = 320, height: int = 180) -> Path:
    """A small PNG (a petrol-to-orange gradient), written without any imaging library."""
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in
                                     (11 + x * 170 // width, 85 - y * 20 // height, 99 - x * 84 // width))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    return path


def with_video_content(target: Path, source: Path | None = None) -> Path:
    """The content of `source` (default: the frozen fixture corpus) plus the fictional video fixtures
    (tests/fixtures/engage) and a poster, in target/content."""
    content = target / "content"
    shutil.copytree(source or SITE_CONTENT, content)
    shutil.copytree(FIXTURES / "engage", content, dirs_exist_ok=True)
    write_png(content / "videos" / "afbeeldingen" / "voorbeeldvideo.png")
    return content


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once with `sdw build` (strict) for the tests that read the HTML and
    derive what they expect from the real content's model (never from names or counts)."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("real"), REAL_CONTENT)
    assert main(["--root", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The frozen fixture corpus, built once: for tests that name pages or quote their text."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("fixture"), SITE_CONTENT)
    assert main(["--root", str(project), "build"]) == 0
    return project


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The real content, built once offline."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("offline"), REAL_CONTENT)
    assert main(["--root", str(project), "build", "--offline"]) == 0
    return project / "site-offline"
