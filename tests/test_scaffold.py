"""`sdw new`: a new file of every type is valid at once and says what is left to fill in."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import FIXTURES
from sdw.cli import main
from sdw.load import load_all
from sdw.scaffold import scaffold, slug_for
from sdw.schema import TYPES
from sdw.validate import validate

OPTIONS = {"doelgroep": ["professionals", "werkgevers"], "thema": ["ips"], "partner": ["uwv"],
           "regio": ["testregio"], "editie": ["editie-1"]}


def test_slug_from_a_dutch_title():
    assert slug_for("Coördinator van het convenant") == "coordinator-van-het-convenant"
    assert slug_for("Werk: het beste medicijn?!") == "werk-het-beste-medicijn"
    assert len(slug_for("heel " * 40)) <= 60


@pytest.mark.parametrize("ctype", TYPES, ids=[t.name for t in TYPES])
def test_every_type_scaffolds_to_a_file_without_errors(tmp_path, ctype):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", content)
    made = scaffold(content, ctype.name, "Coördinator van het convenant", today=dt.date(2026, 11, 23),
                    options=OPTIONS, next_number=2)
    made.path.parent.mkdir(parents=True, exist_ok=True)
    made.path.write_text(made.text, encoding="utf-8")
    result = validate(load_all(content, tmp_path))
    assert result.errors == (), result.errors
    mine = [p for p in result.problems if p.path.endswith("coordinator-van-het-convenant.md")]
    assert {p.rule.id for p in mine} == {"SDW033"}
    lines = made.text.split("\n")
    for what, line in made.todo:  # each reported line really holds a placeholder
        assert "VUL IN" in "\n".join(lines[line - 1: line + 2]), (what, line)


def test_new_refuses_to_overwrite(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "base", tmp_path / "content")
    assert main(["--root", str(tmp_path), "new", "tip", "Zorg dat je elkaar kent"]) == 0
    out = capsys.readouterr().out
    assert "Aangemaakt: content/tips/zorg-dat-je-elkaar-kent.md" in out and ":3: samenvatting" in out
    before = (tmp_path / "content" / "tips" / "zorg-dat-je-elkaar-kent.md").read_bytes()
    assert main(["--root", str(tmp_path), "new", "tip", "Zorg dat je elkaar kent"]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert (tmp_path / "content" / "tips" / "zorg-dat-je-elkaar-kent.md").read_bytes() == before
