"""`sdw new`: a new file of every type is valid at once and says what is left to fill in."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml
from conftest import FIXTURES, copy_project, write_png
from sdw.cli import main
from sdw.load import load_all
from sdw.scaffold import scaffold, slug_for
from sdw.schema import TYPES, Kind
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


def uncomment_optional_fields(text: str) -> str:
    """Remove the '#' before every commented field ('#themas:') and its continuation lines ('#  - ips'),
    as an author would; explanation lines ('# ...', one space) stay comments."""
    out, in_field = [], False
    for line in text.split("\n"):
        starts = re.match(r"#[^\s#]", line) is not None
        if starts or (in_field and line.startswith("#  ")):
            out.append(line[1:])
            in_field = True
        else:
            out.append(line)
            in_field = False
    return "\n".join(out)


BODY = " ".join(["Dit is gewone tekst van de auteur, met genoeg woorden voor een samenvatting."] * 5)


@pytest.mark.parametrize("ctype", TYPES, ids=[t.name for t in TYPES])
def test_uncommented_optional_fields_are_valid_in_the_real_project(tmp_path, capsys, ctype):
    project = copy_project(tmp_path / "project")
    persons = ["--persoon", "Anna de Vries", "--persoon", "Bo Jansen"] if ctype.name == "verhaal" else []
    assert main(["--root", str(project), "new", ctype.name, "Coördinator van het convenant", *persons]) == 0
    shown = capsys.readouterr().out.split("Aangemaakt: ", 1)[1].split("\n", 1)[0]
    path = project / shown
    main(["--root", str(project), "check", str(path)])
    assert f"{shown}:3:1: waarschuwing [SDW033" in capsys.readouterr().err  # the check does see this file
    text = uncomment_optional_fields(path.read_text(encoding="utf-8"))
    front, body = text.split("\n---\n", 1)
    if ctype.name == "video":  # a player and a poster cannot be plain text
        write_png(path.parent / "afbeeldingen" / "poster.png")
        front = re.sub(r'video_url: ".*"', "video_url: https://www.youtube.com/watch?v=abc123def45", front)
        front = re.sub(r'poster: ".*"', "poster: afbeeldingen/poster.png", front)
    front = re.sub(r"VUL IN[^\"\n]*", "Gewone tekst", front).replace("VUL-IN", "pagina")
    path.write_text(front + "\n---\n" + re.sub(r"VUL IN.*", BODY, body), encoding="utf-8")

    filled = yaml.safe_load(front.removeprefix("---\n"))
    explained_only = {f.name for f in ctype.fields if f.kind is Kind.IMAGE and not f.required}
    assert set(filled) == {f.name for f in ctype.fields} - explained_only  # every other field, uncommented
    main(["--root", str(project), "check", str(path)])
    err = capsys.readouterr().err
    mine = [line for line in err.splitlines() if line.startswith(shown + ":")]
    assert not [line for line in mine if ": fout " in line], err
    assert not [line for line in mine if "SDW033" in line], err  # no 'VUL IN' left anywhere


def test_a_story_is_named_after_its_first_person(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    args = ["--root", str(project), "new", "verhaal", "Werk helpt", "--persoon", "Anna de Vries",
            "--persoon", "Bo Jansen"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Aangemaakt: content/verhalen/anna-de-vries.md" in out and "Tip:" not in out
    path = project / "content" / "verhalen" / "anna-de-vries.md"
    values = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert [p["naam"] for p in values["personen"]] == ["Anna de Vries", "Bo Jansen"]
    assert values["titel"] == "Werk helpt"
    before = path.read_bytes()
    assert main(args) == 1
    assert "bestaat al: er is al een verhaal over Anna de Vries" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_story_without_a_person_is_named_after_its_title_with_a_tip(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "new", "verhaal", "Werk helpt"]) == 0
    out = capsys.readouterr().out
    assert "Aangemaakt: content/verhalen/werk-helpt.md" in out
    assert 'Tip: een verhaal gaat over een persoon. Met --persoon "Voornaam Achternaam"' in out


def test_persoon_is_refused_for_a_type_without_people(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert main(["--root", str(project), "new", "partner", "Een partner", "--persoon", "Anna de Vries"]) == 1
    assert "geen veld 'personen'" in capsys.readouterr().err
    assert not (project / "content" / "partners" / "een-partner.md").exists()
