"""The command line as authors meet it: Dutch lines, exit codes, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT
from sdw.authordocs import reference, splice
from sdw.cli import main

SDW = [sys.executable, "-m", "sdw.cli"]


def project_with(tmp_path: Path, *cases: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "base", tmp_path / "content")
    for case in cases:
        shutil.copytree(FIXTURES / "rules" / case / "fail", tmp_path / "content", dirs_exist_ok=True)
    return tmp_path


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "GITHUB_ACTIONS": ""}
    return subprocess.run(SDW + args, check=False, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_check_prints_one_dutch_line_per_problem_and_exits_1(tmp_path):
    project = project_with(tmp_path, "SDW005-yaml-fout", "SDW014-onbekende-map")
    done = run(["check"], project)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == "4 fouten in 12 bestanden gevonden."
    assert "content/verhalen/tab.md:6:1: fout [SDW005 yaml-fout] Op deze regel staat een tab. " \
           "Spring in met spaties, niet met tabs." in lines
    assert "Traceback" not in done.stderr + done.stdout


def test_check_on_clean_content_exits_0(tmp_path):
    done = run(["check"], project_with(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Alles in orde" in done.stderr


def test_checking_to_publish_turns_warnings_into_a_failure(tmp_path):
    project = project_with(tmp_path, "SDW033-nog-invullen")
    done = run(["check"], project)
    assert done.returncode == 0 and "SDW033 nog-invullen" in done.stderr
    done = run(["check", "--publiceren"], project)
    assert done.returncode == 1 and "SDW033 nog-invullen" in done.stderr
    assert "Nog niet klaar om te publiceren" in done.stderr
    (tmp_path / "schoon").mkdir()
    assert run(["check", "--publiceren"], project_with(tmp_path / "schoon")).returncode == 0


def test_check_reports_only_the_files_named(tmp_path):
    project = project_with(tmp_path, "SDW008-onbekend-veld", "SDW013-ongeldige-bestandsnaam")
    done = run(["check", "content/verhalen/verhaal.md"], project)
    assert "SDW008" in done.stderr and "SDW013" not in done.stderr


def test_github_annotations(tmp_path):
    done = run(["check", "--github"], project_with(tmp_path, "SDW010-ongeldige-datum"))
    assert "::error file=content/verhalen/maand-13.md,line=4,col=8,title=Fout SDW010 ongeldige-datum::" \
        in done.stdout


def test_build_refuses_broken_content_without_traceback(tmp_path):
    done = run(["build"], project_with(tmp_path, "SDW006-dubbel-veld"))
    assert done.returncode == 1
    assert "De site is niet gebouwd; docs/ en site/ zijn ongewijzigd." in done.stderr
    assert not (tmp_path / "docs").exists() and not (tmp_path / "site").exists()
    assert "Traceback" not in done.stderr


def test_outside_a_project_says_so_in_dutch(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "Geen Sterk door Werk-project gevonden" in capsys.readouterr().err


def test_contributing_reference_is_generated_from_the_schema():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert splice(text) == text, "CONTRIBUTING.md is verouderd: draai 'sdw schema --write CONTRIBUTING.md'"
    assert "| `samenvatting` | ja |" in reference()


def test_check_finds_a_named_file_from_the_project_folder_and_names_a_missing_one(tmp_path):
    (tmp_path / "p").mkdir()
    project = project_with(tmp_path / "p", "SDW010-ongeldige-datum")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    done = run(["--root", str(project), "check", "content/verhalen/maand-13.md"], elsewhere)
    assert done.returncode == 1 and "content/verhalen/maand-13.md:4:8: fout [SDW010" in done.stderr
    assert "geen-schrikkeljaar" not in done.stderr  # only the named file is reported
    done = run(["--root", str(project), "check", "content/verhalen/bestaat-niet.md"], elsewhere)
    assert done.returncode == 1
    assert "content/verhalen/bestaat-niet.md bestaat niet" in done.stderr and "Alles in orde" not in done.stderr


def test_annotations_only_for_the_named_files_and_every_problem_in_the_summary(tmp_path):
    project = project_with(tmp_path, "SDW010-ongeldige-datum")
    summary = tmp_path / "samenvatting.md"
    base = "https://github.com/voorbeeld/site/blob/abc123"
    done = run(["check", "--github", "--annoteer", "content/verhalen/maand-13.md", "--samenvatting", str(summary),
                "--link-basis", base], project)
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotations and all("file=content/verhalen/maand-13.md," in line for line in annotations)
    assert "geen-schrikkeljaar.md" in done.stderr  # still checked and printed, only not annotated
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Controle van content/: 3 fouten in 11 bestanden gevonden.")
    assert f"]({base}/content/verhalen/maand-13.md#L4)" in text
    assert f"]({base}/content/verhalen/geen-schrikkeljaar.md#L4)" in text
    assert "**fout SDW010 ongeldige-datum**" in text
    done = run(["check", "--github", "--annoteer"], project)  # no changed content files: no annotations
    assert done.returncode == 1 and not [line for line in done.stdout.splitlines() if line.startswith("::")]


def test_building_to_publish_refuses_a_placeholder_that_a_laptop_build_allows(tmp_path):
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nVUL IN: nog een alinea.\n", encoding="utf-8")
    done = run(["--root", str(project), "build"], tmp_path)
    assert done.returncode == 0 and "SDW033 nog-invullen" in done.stderr
    before = (project / "site" / "index.html").read_bytes()
    done = run(["--root", str(project), "build", "--publiceren"], tmp_path)
    assert done.returncode == 1
    assert "SDW033 nog-invullen" in done.stderr and "De site is niet gepubliceerd" in done.stderr
    assert (project / "site" / "index.html").read_bytes() == before
