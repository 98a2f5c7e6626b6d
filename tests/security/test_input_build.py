"""Robust builds: a full or read-only disk, missing permissions and killed builds.

The errors are simulated (the tests run as root, where permissions do not stop writes):
the function that writes raises the OSError a real disk would. Every case ends in one
Dutch sentence that names the folder, exit status 1, and the previous site untouched.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from sdw.cli import main
from sdw.render import recover


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("built") / "p")
    assert main(["--root", str(project), "build"]) == 0
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    copy = tmp_path / "p"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def _oserror(code: int, filename: Path) -> OSError:
    return OSError(code, os.strerror(code), str(filename))


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "De site is niet gebouwd: de schijf is vol bij het schrijven van site/. "
                   "De vorige versie in site/ is ongewijzigd."),
    (errno.EROFS, "De site is niet gebouwd: site/ staat op een schijf waarop niet geschreven kan worden"),
    (errno.EACCES, "De site is niet gebouwd: geen schrijfrechten voor site/"),
    (errno.EPERM, "De site is niet gebouwd: geen schrijfrechten voor site/"),
])
def test_a_disk_error_while_rendering_leaves_the_previous_site(project, capsys, monkeypatch, code, words):
    import mkdocs.commands.build

    before = digest(project / "site")

    def failing(config, **kwargs):
        staging = Path(config.site_dir)
        staging.mkdir(parents=True, exist_ok=True)
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise _oserror(code, staging / "index.html")

    monkeypatch.setattr(mkdocs.commands.build, "build", failing)
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert words in err, err
    assert "Interne fout" not in err and "Traceback" not in err
    assert digest(project / "site") == before
    assert not list(project.glob(".site.*")), "no staging folder left behind"


def test_a_failed_swap_puts_the_previous_site_back(project, capsys, monkeypatch):
    before = digest(project / "site")
    real_rename = Path.rename

    def rename(self, target):
        if Path(target) == project / "site" and ".site.new-" in self.name:
            raise _oserror(errno.EACCES, Path(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "geen schrijfrechten voor site/" in err and "De vorige versie in site/ is ongewijzigd." in err
    assert digest(project / "site") == before
    assert not list(project.glob(".site.*"))


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "De site is niet gebouwd: de schijf is vol bij het schrijven van docs/. "
                   "De vorige versie in site/ is ongewijzigd"),
    (errno.EROFS, "docs/ staat op een schijf waarop niet geschreven kan worden"),
    (errno.EACCES, "De site is niet gebouwd: geen schrijfrechten voor docs/"),
])
def test_a_disk_error_while_writing_docs_leaves_the_site(project, capsys, monkeypatch, code, words):
    import sdw.pipeline

    before = digest(project / "site")

    def failing(pages, docs_dir, assets, memory=None, cache_dir=None, later=None):
        raise _oserror(code, Path(docs_dir) / "index.md")

    monkeypatch.setattr(sdw.pipeline, "write_pages", failing)
    # A change, so that the stages do not only reuse what they remembered.
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert words in err, err
    assert "Interne fout" not in err and "Traceback" not in err
    assert digest(project / "site") == before


def test_an_unreadable_content_file_is_named(project, capsys, monkeypatch):
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "tamara-van-ark.md":
            raise _oserror(errno.EACCES, self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "De site is niet gebouwd: geen leesrechten voor content/verhalen/tamara-van-ark.md." in err, err


def test_a_permission_error_elsewhere_names_that_file(project, capsys, monkeypatch):
    import mkdocs.config

    def failing(config_file=None, **kwargs):
        raise _oserror(errno.EACCES, Path(config_file))

    monkeypatch.setattr(mkdocs.config, "load_config", failing)
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    before = digest(project / "site")
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "De site is niet gebouwd: geen toegang tot mkdocs.yml. De vorige versie in site/ is ongewijzigd." in err
    assert digest(project / "site") == before


def test_serve_says_in_dutch_that_docs_cannot_be_written(project, capsys, monkeypatch):
    import sdw.pipeline

    def failing(pages, docs_dir, assets, memory=None, cache_dir=None, later=None):
        raise _oserror(errno.ENOSPC, Path(docs_dir) / "index.md")

    monkeypatch.setattr(sdw.pipeline, "write_pages", failing)
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert main(["--root", str(project), "serve"]) == 1
    assert "Het voorbeeld kan niet starten: de schijf is vol bij het schrijven van docs/." in capsys.readouterr().err


def test_folders_of_killed_builds_are_removed_and_running_ones_kept(project):
    dead = dead_pid()
    stale_new, stale_old = project / f".site.new-{dead}", project / f".site.old-{dead}"
    for folder in (stale_new, stale_old):
        folder.mkdir()
        (folder / "index.html").write_text("oud", encoding="utf-8")
    other = project / ".site-offline.new-1"  # another site's folder: not ours to judge here
    other.mkdir()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = project / f".site.new-{alive.pid}"
        running.mkdir()
        assert main(["--root", str(project), "build"]) == 0
        assert not stale_new.exists() and not stale_old.exists()
        assert running.exists(), "a build that is still running keeps its folder"
        assert other.exists()
    finally:
        alive.kill()
        alive.wait()
    assert (project / "site" / "index.html").is_file()


def test_a_site_lost_between_the_two_renames_comes_back(tmp_path):
    site = tmp_path / "site"
    dead = dead_pid()
    (tmp_path / f".site.old-{dead}").mkdir()
    (tmp_path / f".site.old-{dead}" / "index.html").write_text("vorige", encoding="utf-8")
    (tmp_path / f".site.new-{dead}").mkdir()
    recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_odd_leftover_names_are_left_alone(tmp_path):
    (tmp_path / "site").mkdir()
    for name in (".site.new-", ".site.new-abc", ".site.old-0x10", ".site.new-0"):
        (tmp_path / name).mkdir()
    recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-", ".site.new-abc", ".site.old-0x10", "site"]


def test_the_previous_site_is_removed_after_the_swap_without_the_build_waiting(project, monkeypatch):
    """The old site goes in a process of its own (render._remove_meanwhile): the build returns
    with the new site in place, and the old one's folder is gone soon after."""
    import time

    import sdw.render

    started: list[list[str]] = []
    popen = subprocess.Popen

    def recorded(args, **kwargs):
        started.append(list(args))
        return popen(args, **kwargs)

    monkeypatch.setattr(sdw.render.subprocess, "Popen", recorded)
    assert main(["--root", str(project), "build"]) == 0  # over the site the fixture built
    old = project / f".site.old-{os.getpid()}"
    assert [args[-1] for args in started if "shutil.rmtree" in args[-2]] == [str(old)]
    deadline = time.monotonic() + 60
    while old.exists():
        assert time.monotonic() < deadline, "the previous site was not removed"
        time.sleep(0.05)
    assert (project / "site" / "index.html").is_file()
