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


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the repository's renderer setup with `content` (default: the real content)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "scripts" / "sdw").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "sdw" / "mkdocs_hooks.py", target / "scripts" / "sdw" / "mkdocs_hooks.py")
    shutil.copytree(content or ROOT / "content", target / "content")
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


def with_video_content(target: Path) -> Path:
    """The real content plus the fictional video fixtures (tests/fixtures/engage) and a poster."""
    content = target / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(FIXTURES / "engage", content, dirs_exist_ok=True)
    write_png(content / "videos" / "afbeeldingen" / "voorbeeldvideo.png")
    return content


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
