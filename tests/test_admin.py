"""The web editor in the built site (/admin/, Decap CMS): what the build writes, and where it does not.

The editor itself is driven in a browser in tests/browser/test_edit.py (`sdw edit`, an interview
made through the UI) and tests/browser/test_admin_preview.py (previews in the site's style).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project
from sdw import cms
from sdw.cli import main

VENDOR = ROOT / "overrides" / "admin" / "decap-cms"
REPO = "voorbeeld/sterk-door-werk"
AUTH = "https://inloggen.example.org"


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory) -> Path:
    """The fixture corpus built as a deployment builds it: connected to a repository, online and offline."""
    project = copy_project(tmp_path_factory.mktemp("admin"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SDW_CMS_REPO", REPO)
        env.setenv("SDW_CMS_BRANCH", "productie")
        env.setenv("SDW_CMS_AUTH_URL", AUTH)
        assert main(["--root", str(project), "build"]) == 0
        assert main(["--root", str(project), "build", "--offline"]) == 0
    return project


def test_the_editor_page_is_built_with_decap_and_our_previews(admin_site):
    page = (admin_site / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == [cms.DECAP_SCRIPT, "sdw-admin.js"]
    for src in scripts:
        assert (admin_site / "site" / "admin" / src).is_file(), src
    data = json.loads(re.search(r'<script type="application/json" id="sdw-admin">(.*?)</script>', page).group(1))
    assert data == {"styles": data["styles"], **cms.preview_data()}
    story = data["types"]["verhalen"]
    assert (story["label"], story["type"], story["article"]) == ("Verhaal", "verhaal", True)
    assert story["labelFrom"] == "soort"
    assert [f["field"] for f in story["about"]][:2] == ["doelgroepen", "themas"]
    assert data["types"]["videos"]["player"] == {"url": "video_url", "poster": "poster"}
    # The previews use exactly the stylesheets a reader's page loads (relative to admin/).
    home = (admin_site / "site" / "index.html").read_text(encoding="utf-8")
    assert data["styles"] == ["../" + h for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)]
    assert any("sdw.css" in s for s in data["styles"]) and all((admin_site / "site" / "admin" / s).is_file()
                                                               for s in data["styles"])


def test_the_editor_page_is_kept_out_of_search_engines_the_sitemap_and_the_search(admin_site):
    site = admin_site / "site"
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for index in (site / "search").glob("*.json"):
        assert '"admin/' not in index.read_text(encoding="utf-8"), index.name
    links = {m for p in site.rglob("*.html") if "admin" not in p.relative_to(site).parts
             for m in re.findall(r'href="([^"]*admin[^"]*)"', p.read_text(encoding="utf-8"))}
    assert not links, "no reader's page links to the editor"


def test_the_offline_copy_has_no_editor(admin_site):
    offline = admin_site / "site-offline"
    assert (offline / "index.html").is_file()
    assert not (offline / "admin").exists()


def test_the_editor_page_has_its_own_policy_without_inline_script(admin_site):
    page = (admin_site / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["connect-src"] == "'self' blob: https://api.github.com"
    assert directives["object-src"] == "'none'" and directives["form-action"] == "'none'"
    assert page.index("Content-Security-Policy") < page.index("<script")
    assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", page)


def test_the_configuration_is_the_schemas_with_the_deployments_repository(admin_site):
    written = yaml.safe_load((admin_site / "site" / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert written == cms.config(REPO, "productie", "https://www.sterkdoorwerk.nl/", AUTH)
    assert written["backend"] == {"name": "github", "repo": REPO, "branch": "productie", "squash_merges": True,
                                  "base_url": AUTH}
    assert written["publish_mode"] == "editorial_workflow" and "local_backend" not in written


def test_without_a_repository_the_page_says_so_and_loads_no_editor(fixture_site):
    page = (fixture_site / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    assert "nog niet gekoppeld" in page and "SDW_CMS_REPO" in page
    assert "<script" not in page.split("</head>")[1]


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("SDW_CMS_REPO", "https://github.com/x/y", "eigenaar/naam"),
    ("SDW_CMS_BRANCH", "main;rm", "branchnaam"),
    ("SDW_CMS_AUTH_URL", "http://inloggen.example.org", "https://"),
    ("SDW_CMS_LOCAL", "http://example.org:8081/api/v1", "op deze computer"),
])
def test_a_wrong_setting_stops_the_build_with_a_dutch_message(tmp_path, monkeypatch, capsys, variable, value, says):
    project = copy_project(tmp_path / "p")
    monkeypatch.setenv(variable, value)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert says in err and variable in err
    assert not (project / "site").exists()


def test_the_vendored_decap_build_is_complete_licensed_and_unchanged():
    sums = dict(reversed(line.split("  ", 1)) for line in (VENDOR / "SHA256SUMS").read_text().splitlines())
    present = {p.name for p in VENDOR.iterdir()} - {"SHA256SUMS"}
    assert set(sums) == present
    for name, digest in sums.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    package = json.loads((VENDOR / "package.json").read_text())
    assert package["name"] == "decap-cms" and package["license"] == "MIT"
    # Every chunk the main bundle may load lazily is there (webpack names them <id>.decap-cms.js).
    bundle = (VENDOR / "decap-cms.js").read_text(encoding="utf-8")
    assert 'e=>e+".decap-cms.js"' in bundle
    assert len([n for n in present if re.fullmatch(r"\d+\.decap-cms\.js", n)]) >= 50


def test_sdw_edit_without_node_says_what_to_install(tmp_path, monkeypatch, capsys):
    from sdw import edit

    project = copy_project(tmp_path / "p")
    monkeypatch.setattr(edit, "INSTALL_DIR", tmp_path / "leeg")
    monkeypatch.setattr(edit.shutil, "which", lambda name: None)
    assert main(["--root", str(project), "edit"]) == 1
    err = capsys.readouterr().err
    assert "De webeditor kan niet starten" in err and "Node.js en npm" in err
    assert not (project / "site").exists()
