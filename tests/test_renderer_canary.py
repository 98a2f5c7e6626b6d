"""A second renderer as a canary: the render stage also runs on ProperDocs 1.6, the maintained fork
of MkDocs 1.x that builds mkdocs-material sites, and makes the same site.

Material 9 is in maintenance and MkDocs 2 will not run it; ProperDocs is the likeliest way out. This
test keeps that way open: scripts/sdw/render.py runs unchanged under ProperDocs (its import alias
turns `mkdocs.*` into `properdocs.*`), in a fresh interpreter so the two never mix. And only the
render stage may know either renderer: content, schema and generator never import them.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from sdw.cli import main

GENERATOR_META = re.compile(rb'\s*<meta name="generator" content="[^"]*">')
# The modules that may import mkdocs.
RENDER_STAGE = {"render.py", "mkdocs_hooks.py", "csp.py", "preview.py", "buildcache.py", "partner.py"}
CANARY = """
import sys
from pathlib import Path
import properdocs.replacement  # noqa: F401  from here on, `import mkdocs.x` loads properdocs.x
import mkdocs
from sdw.render import render
assert mkdocs.__name__ == "properdocs", mkdocs.__name__
root = Path(sys.argv[1])
result = render(root, root / "docs", root / "site-properdocs")
print("\\n".join(result.messages))
sys.exit(0 if result.ok else 1)
"""


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    project = copy_project(tmp_path_factory.mktemp("canary"))
    assert main(["--root", str(project), "build"]) == 0  # MkDocs; leaves the generated docs/ in place
    done = subprocess.run([sys.executable, "-c", CANARY, str(project)], capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert done.returncode == 0, done.stdout + done.stderr
    return files(project / "site"), files(project / "site-properdocs")


def test_properdocs_makes_the_same_pages(both):
    mkdocs_site, properdocs_site = both
    assert sorted(properdocs_site) == sorted(mkdocs_site)
    assert sum(name.endswith(".html") for name in mkdocs_site) > 20


def test_properdocs_makes_the_same_bytes_but_for_its_name(both):
    mkdocs_site, properdocs_site = both
    differ = [name for name, data in mkdocs_site.items()
              if GENERATOR_META.sub(b"", data) != GENERATOR_META.sub(b"", properdocs_site[name])]
    assert differ == []
    home = properdocs_site["index.html"]
    assert b"ProperDocs" in home and b"mkdocs-material" in home  # it really was the other renderer


@pytest.mark.parametrize("module", sorted(p.name for p in (ROOT / "scripts" / "sdw").glob("*.py")))
def test_only_the_render_stage_imports_a_renderer(module):
    tree = ast.parse((ROOT / "scripts" / "sdw" / module).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    renderers = imported & {"mkdocs", "properdocs", "material"}
    assert not renderers or module in RENDER_STAGE, f"{module} imports {renderers}"
