"""The preview of a pull request: which pages changed (sdw vergelijk) and the comment the
trusted publishing job writes from the untrusted run's folder (scripts/sdw/prcomment.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from sdw import prcomment
from sdw.cli import main
from sdw.sitediff import Page, compare, markdown, markdown_text, page_url

PREVIEW = "https://voorbeeld.example.org/pr-preview/pr-7/"
SHA = "0123456789abcdef0123456789abcdef01234567"


def page(title: str, body: str, nav: str = "") -> str:
    """A built page in Material's shape: navigation outside, own content in <article> … </main>."""
    return (f"<html><head><title>{title} - Sterk door Werk</title></head><body>"
            f"<nav>{nav}</nav><main><div><article class=\"md-content__inner md-typeset\">"
            f"<h1 id=\"x\">{title}</h1>{body}</article><form>vraag</form></div></main>"
            f"<footer>{nav}</footer></body></html>")


def site(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def two_sites(tmp_path):
    old = site(tmp_path / "oud", {
        "index.html": page("Sterk door Werk", "<p>Nieuwste: A</p>", nav="A"),
        "verhalen/a/index.html": page("Verhaal A", "<p>tekst</p>", nav="A"),
        "verhalen/b/index.html": page("Verhaal B", "<p>blijft</p>", nav="A"),
        "tips/weg/index.html": page("Oude tip", "<p>weg</p>", nav="A"),
        "404.html": page("Niet gevonden", "<p>oud</p>"),
        "sitemap.xml": "<urlset/>",
    })
    new = site(tmp_path / "nieuw", {
        "index.html": page("Sterk door Werk", "<p>Nieuwste: C</p>", nav="A C"),
        "verhalen/a/index.html": page("Verhaal A", "<p>tekst   </p>\n", nav="A C"),  # only whitespace and nav
        "verhalen/b/index.html": page("Verhaal B", "<p>blijft</p>", nav="A C"),
        "verhalen/c/index.html": page("Verhaal C: &ldquo;nieuw&rdquo;", "<p>nieuw</p>", nav="A C"),
        "404.html": page("Niet gevonden", "<p>nieuw</p>"),
        "sitemap.xml": "<urlset>anders</urlset>",
    })
    return old, new


def test_pages_are_added_changed_or_removed_by_their_own_content_only(two_sites):
    difference = compare(*two_sites)
    assert difference.added == [Page("verhalen/c/", "Verhaal C: “nieuw”")]
    assert difference.changed == [Page("", "Sterk door Werk")]  # the navigation changed everywhere: not counted
    assert difference.removed == [Page("tips/weg/", "Oude tip")]  # 404.html and sitemap.xml are not pages


def test_the_summary_links_every_page_into_the_preview(two_sites):
    text = markdown(compare(*two_sites), PREVIEW)
    assert text.startswith("### Pagina's\n")
    assert "**Nieuw (1):**\n\n- [Verhaal C: “nieuw”](https://voorbeeld.example.org/pr-preview/pr-7/verhalen/c/) — " \
           "`verhalen/c/`" in text
    assert f"**Gewijzigd (1):**\n\n- [Sterk door Werk]({PREVIEW}) — `/`" in text
    assert "**Verdwenen (1):**\n\n- Oude tip — `tips/weg/`" in text  # no link: it is gone


def test_no_difference_says_so(tmp_path):
    one = site(tmp_path / "a", {"index.html": page("Home", "<p>x</p>")})
    other = site(tmp_path / "b", {"index.html": page("Home", "<p>x</p>")})
    assert compare(one, other).empty
    assert "Deze wijziging verandert geen pagina's" in markdown(compare(one, other), PREVIEW)


def test_a_missing_old_site_makes_every_page_new(tmp_path):
    new = site(tmp_path / "b", {"index.html": page("Home", ""), "over/index.html": page("Over", "")})
    difference = compare(tmp_path / "bestaat-niet", new)
    assert [p.path for p in difference.added] == ["", "over/"] and not difference.changed


def test_long_lists_are_cut_and_counted(tmp_path):
    new = site(tmp_path / "b", {f"tips/t{i:02}/index.html": page(f"Tip {i}", "") for i in range(30)})
    text = markdown(compare(tmp_path / "a", new), PREVIEW)
    assert text.count("\n- [Tip") == 25 and "- … en nog 5" in text


def test_titles_cannot_inject_markdown_or_html():
    hostile = "[klik](https://evil.example) <img src=x onerror=alert(1)> **vet** `code` | # kop"
    text = markdown_text(hostile)
    assert re.search(r"(?<!\\)[\[\]()<>*`|#]", text) is None, text  # every special character escaped
    assert markdown_text("x" * 500).endswith("…") and len(markdown_text("x" * 500)) == 120


def test_page_urls_follow_the_directory_style():
    assert page_url(Path("index.html")) == ""
    assert page_url(Path("verhalen/a/index.html")) == "verhalen/a/"
    assert page_url(Path("verhalen/a.html")) == "verhalen/a.html"


def test_sdw_vergelijk_writes_the_summary(two_sites, tmp_path, capsys):
    old, new = two_sites
    out = tmp_path / "paginas.md"
    assert main(["--root", str(ROOT), "vergelijk", str(old), str(new), "--adres", PREVIEW, "--uitvoer", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == markdown(compare(old, new), PREVIEW)
    assert main(["--root", str(ROOT), "vergelijk", str(old), str(tmp_path / "leeg"), "--adres", PREVIEW]) == 1
    assert "Geen gebouwde site in" in capsys.readouterr().err


# --- the comment -------------------------------------------------------------------------------------------


def folder(tmp_path: Path, number: str = "7", commit: str = SHA, outcome: str = "klaar", **parts: str) -> Path:
    root = tmp_path / "pr-gegevens"
    root.mkdir(exist_ok=True)
    (root / "nummer").write_text(number + "\n", encoding="utf-8")
    (root / "commit").write_text(commit + "\n", encoding="utf-8")
    (root / "uitkomst").write_text(outcome + "\n", encoding="utf-8")
    for name, text in parts.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def test_the_folder_must_name_the_commit_and_pull_request_github_reports(tmp_path):
    assert prcomment.read(folder(tmp_path), SHA, "7") == {"nummer": "7", "commit": SHA, "uitkomst": "klaar"}
    assert prcomment.read(folder(tmp_path), SHA)["nummer"] == "7"  # a fork's claim; the workflow asks the API
    for bad in (dict(number="8"), dict(commit="f" * 40), dict(number="7; rm -rf /"), dict(number="0"),
                dict(number="1" * 12), dict(commit=SHA + "\nuitkomst=klaar")):
        with pytest.raises(prcomment.Refused):
            prcomment.read(folder(tmp_path, **bad), SHA, "7")
    with pytest.raises(prcomment.Refused):
        prcomment.read(folder(tmp_path), "HEAD")  # not a commit from GitHub


def test_an_unknown_outcome_is_treated_as_unfinished(tmp_path):
    assert prcomment.read(folder(tmp_path, outcome="klaar\n::set-output"), SHA)["uitkomst"] == "onvolledig"


def test_a_symlink_or_huge_file_in_the_folder_is_not_followed(tmp_path):
    root = folder(tmp_path)
    secret = tmp_path / "geheim"
    secret.write_text("GEHEIM", encoding="utf-8")
    (root / "paginas.md").symlink_to(secret)
    (root / "problemen.md").write_text("- melding\n" * 50_000, encoding="utf-8")
    text = prcomment.message(prcomment.read(root, SHA), root, "https://run")
    assert "GEHEIM" not in text
    assert len(text) < 25_000 and "(ingekort: de hele lijst staat in de samenvatting van de run)" in text


def test_the_comment_links_the_preview_and_lists_pages_and_problems(tmp_path):
    root = folder(tmp_path, pagina_s="x", paginas="### Pagina's\n\n- [A](u)\n",
                  problemen="### Controle van content/: 1 waarschuwing\n")
    text = prcomment.message(prcomment.read(root, SHA, "7"), root, "https://run/1", PREVIEW)
    assert text.startswith(prcomment.MARKER + "\n## ✅ Voorbeeld van je wijziging")
    assert f"**Bekijk het voorbeeld: {PREVIEW}**" in text
    assert text.index("### Pagina's") < text.index("### Controle van content/")
    assert "commit `0123456`" in text and "[de run](https://run/1)" in text


@pytest.mark.parametrize("outcome, words", [
    ("inhoud", "Files changed"), ("tests", "een test van de code faalde"),
    ("bouwen", "de site kon niet worden gebouwd"), ("onvolledig", "vaak helpt een nieuwe commit"),
])
def test_without_a_preview_the_comment_says_why_in_dutch(tmp_path, outcome, words):
    root = folder(tmp_path, outcome=outcome, problemen="- **fout SDW010 ongeldige-datum** …\n")
    text = prcomment.message(prcomment.read(root, SHA), root, "https://run/1")
    assert prcomment.HEADINGS[outcome] in text and words in text and "Bekijk het voorbeeld" not in text
    assert "SDW010" in text


def test_warnings_still_get_a_preview_but_say_the_change_cannot_be_published_yet(tmp_path):
    root = folder(tmp_path, outcome="waarschuwingen", problemen="- **waarschuwing SDW033 nog-invullen** …\n")
    text = prcomment.message(prcomment.read(root, SHA), root, "https://run/1", PREVIEW)
    assert prcomment.HEADINGS["waarschuwingen"] in text and f"**Bekijk het voorbeeld: {PREVIEW}**" in text
    assert "bij publiceren tellen ze als fout" in text and "SDW033" in text
    assert "waarschuwingen" in prcomment.PUBLISHED and "inhoud" not in prcomment.PUBLISHED


def test_a_built_site_that_did_not_go_online_says_so(tmp_path):
    root = folder(tmp_path)
    text = prcomment.message(prcomment.read(root, SHA), root, "https://run/1", preview_url="")
    assert "het voorbeeld kon niet online worden gezet" in text and "Bekijk het voorbeeld" not in text


def test_a_fork_gets_the_fixed_explanation_and_none_of_its_own_text(tmp_path):
    root = folder(tmp_path, outcome="inhoud", paginas="[phishing](https://evil.example)",
                  problemen="[phishing](https://evil.example)")
    text = prcomment.message(prcomment.read(root, SHA), root, "https://run/1", PREVIEW, fork=True)
    assert "## Geen online voorbeeld voor een fork" in text and "de controle vond fouten in de inhoud." in text
    assert "evil.example" not in text and PREVIEW not in text and "site-offline" in text


def test_a_copied_marker_cannot_hijack_the_comment(tmp_path):
    root = folder(tmp_path, problemen=f"{prcomment.MARKER}\nmeer")
    assert prcomment.message(prcomment.read(root, SHA), root, "https://run").count(prcomment.MARKER) == 1


def test_the_script_runs_with_the_standard_library_alone(tmp_path):
    """The trusted job runs it with the runner's python3, without installing the project."""
    root = folder(tmp_path, paginas="### Pagina's\n")
    script = ROOT / "scripts" / "sdw" / "prcomment.py"
    run = lambda *args: subprocess.run([sys.executable, "-S", "-I", str(script), *args], capture_output=True,  # noqa: E731
                                       text=True, check=False, timeout=60, cwd=tmp_path)
    done = run("lees", "--gegevens", str(root), "--commit", SHA)
    assert done.returncode == 0 and done.stdout.splitlines() == ["nummer=7", f"commit={SHA}", "uitkomst=klaar"]
    out = tmp_path / "bericht.md"
    done = run("bericht", "--gegevens", str(root), "--commit", SHA, "--nummer", "7", "--run", "https://run",
               "--voorbeeld", PREVIEW, "--uitvoer", str(out))
    assert done.returncode == 0 and PREVIEW in out.read_text(encoding="utf-8")
    done = run("lees", "--gegevens", str(root), "--commit", SHA, "--nummer", "8")
    assert done.returncode == 1 and "pr-gegevens geweigerd" in done.stderr and not done.stdout
