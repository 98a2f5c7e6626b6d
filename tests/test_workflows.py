"""The GitHub workflows keep the trust boundary: code from a pull request never runs with a write
token, every third-party action is pinned by commit, no event text reaches a shell unquoted.

These read the workflow files as data; GitHub itself cannot run here. (The files were also
checked with actionlint and shellcheck when written; see README.md, "Voorbeeld per pull request".)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")
PRIVILEGED_EVENTS = {"pull_request_target", "workflow_run"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


FILES = sorted(WORKFLOWS.glob("*.yml"))
ALL = {path.name: load(path) for path in FILES}


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


def writes(permissions) -> set[str]:
    if permissions in (None, {}, "read-all"):
        return set()
    if permissions == "write-all":
        return {"*"}
    return {scope for scope, level in permissions.items() if level == "write"}


def test_the_workflows_are_there():
    assert {"pull-request.yml", "preview.yml", "preview-cleanup.yml", "deploy.yml"} <= set(ALL)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_action_is_pinned_by_commit_with_its_version_named(path):
    text = path.read_text(encoding="utf-8")
    for _, _, step in steps(ALL[path.name]):
        if "uses" in step and not step["uses"].startswith("./"):
            assert PINNED.match(step["uses"]), step["uses"]
    for line in text.splitlines():
        if re.match(r"\s*(-\s+)?uses:", line):
            assert VERSION_COMMENT.search(line), f"no '# vX.Y.Z' after the commit: {line.strip()}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_workflow_grants_writes_by_default(path):
    """Top-level permissions are read-only or none; a job asks for the writes it needs itself."""
    assert "permissions" in ALL[path.name], "no top-level permissions: the repository default would apply"
    assert writes(ALL[path.name]["permissions"]) == set()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_no_expression_is_pasted_into_a_shell_script(path):
    """`${{ … }}` inside `run:` is script injection waiting to happen (a branch name, a title);
    values reach scripts through `env:` instead."""
    for job, _, step in steps(ALL[path.name]):
        assert "${{" not in step.get("run", ""), f"{path.name}: job {job}, step {step.get('name')}"


def test_the_pull_request_build_has_a_read_only_token():
    workflow = ALL["pull-request.yml"]
    assert set(workflow["on"]) == {"pull_request", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert writes(job.get("permissions")) == set()
    checkout = next(s for _, _, s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", ["preview.yml", "preview-cleanup.yml"])
def test_privileged_workflows_never_check_out_the_pull_request(name):
    workflow = ALL[name]
    assert set(workflow["on"]) <= PRIVILEGED_EVENTS
    for job, _, step in steps(workflow):
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            options = step.get("with", {})
            assert options.get("ref") == "${{ github.event.repository.default_branch }}", (job, options)
            assert options.get("persist-credentials") is False and "repository" not in options
        text = yaml.safe_dump(step)
        assert "head_sha }}" not in text.replace("HEAD_SHA: ${{ github.event.workflow_run.head_sha }}", "")
        assert "pull_request.head.sha" not in text and "head.ref" not in text
        # Only our own trusted script and GitHub's CLI run here; nothing from the pull request's files.
        for line in step.get("run", "").splitlines():
            assert ".venv/" not in line and "pip install" not in line and "sdw " not in line, line


def test_the_preview_is_published_only_for_this_repository_and_only_after_the_facts_are_checked():
    workflow = ALL["preview.yml"]
    job = workflow["jobs"]["publiceren"]
    assert "workflow_run.event == 'pull_request'" in job["if"]
    assert writes(job["permissions"]) == {"contents", "pull-requests"}
    names = [s.get("name") for s in job["steps"]]
    check = names.index("Pull request bepalen")
    deploy = next(i for i, s in enumerate(job["steps"]) if "pr-preview-action" in s.get("uses", ""))
    site = next(i for i, s in enumerate(job["steps"]) if s.get("with", {}).get("name") == "site-preview")
    assert check < site < deploy
    assert job["steps"][site]["if"] == job["steps"][deploy]["if"] == "${{ steps.pr.outputs.publish == 'true' }}"
    script = job["steps"][check]["run"]
    assert "prcomment.py lees" in script and 'fork=true' in script and '[ "$fork" = false ]' in script
    assert job["steps"][deploy]["with"]["comment"] is False and job["steps"][deploy]["with"]["qr-code"] is False


def test_the_cleanup_skips_forks_and_only_updates_an_existing_comment():
    job = ALL["preview-cleanup.yml"]["jobs"]["opruimen"]
    assert ALL["preview-cleanup.yml"]["on"]["pull_request_target"]["types"] == ["closed"]
    assert job["if"] == "${{ github.event.pull_request.head.repo.full_name == github.repository }}"
    remove = next(s for s in job["steps"] if "pr-preview-action" in s.get("uses", ""))
    assert remove["with"]["action"] == "remove"
    comment = next(s for s in job["steps"] if "sticky-pull-request-comment" in s.get("uses", ""))
    assert comment["with"]["only_update"] is True and comment["with"]["header"] == "sdw-voorbeeld"


def test_publishing_refuses_warnings_runs_nightly_and_keeps_the_previews():
    workflow = ALL["deploy.yml"]
    assert workflow["on"]["schedule"] and workflow["on"]["push"] == {"branches": ["main"]}
    runs = "\n".join(s.get("run", "") for _, _, s in steps(workflow))
    assert "sdw build --publiceren" in runs
    deploy = next(s for _, _, s in steps(workflow) if "github-pages-deploy-action" in s.get("uses", ""))
    assert "pr-preview/" in deploy["with"]["clean-exclude"].split()


def test_the_preview_and_its_comment_share_one_header_and_group():
    assert ALL["preview.yml"]["concurrency"]["group"].startswith("voorbeeld-")
    assert ALL["preview-cleanup.yml"]["concurrency"]["group"] == "voorbeeld-${{ github.event.pull_request.number }}"
    headers = {s["with"]["header"] for name in ("preview.yml", "preview-cleanup.yml")
               for _, _, s in steps(ALL[name]) if "sticky-pull-request-comment" in s.get("uses", "")}
    assert headers == {"sdw-voorbeeld"}


def test_the_pull_request_uploads_what_the_preview_workflow_downloads():
    uploaded = {s["with"]["name"] for _, _, s in steps(ALL["pull-request.yml"])
                if s.get("uses", "").startswith("actions/upload-artifact@")}
    downloaded = {s["with"]["name"] for _, _, s in steps(ALL["preview.yml"])
                  if s.get("uses", "").startswith("actions/download-artifact@")}
    assert downloaded == {"pr-gegevens", "site-preview"} and downloaded <= uploaded
    assert ALL["preview.yml"]["on"]["workflow_run"]["workflows"] == [ALL["pull-request.yml"]["name"]]


@pytest.mark.parametrize("name, build", [("deploy.yml", "sdw build --publiceren"), ("pull-request.yml", "sdw build")])
def test_the_build_cache_is_restored_before_the_build_and_holds_only_data(name, build):
    """The render cache (.build/render, sdw.buildcache), the generated pages (.build/generate,
    sdw.pagestore), the checked content files (.build/check, sdw.checkstore) and the social cards
    are restored before `sdw build` runs and saved after it;
    never the compiled templates (.build/jinja: code, not data).
    Publishing restores only what publishing saved, never a pull request's cache."""
    job_steps = [s for _, _, s in steps(ALL[name])]
    caches = [i for i, s in enumerate(job_steps) if s.get("uses", "").startswith("actions/cache@")
              and ".build/render" in s["with"]["path"]]
    assert len(caches) == 1
    cache = job_steps[caches[0]]
    built = next(i for i, s in enumerate(job_steps) if build in s.get("run", ""))
    assert caches[0] < built
    assert set(cache["with"]["path"].split()) == {".build/render", ".build/generate", ".build/check", ".build/cards"}
    assert "github.sha" in cache["with"]["key"]  # a new save per commit, the newest restored by prefix
    prefix = cache["with"]["restore-keys"].strip()
    assert cache["with"]["key"].startswith(prefix) and prefix.endswith("-")
    if name == "deploy.yml":
        assert prefix == "sdw-bouwcache-publiceren-"
    else:
        assert "publiceren" not in prefix and "pull_request.number" in prefix


def test_publishing_writes_every_editions_newsletter_after_the_build():
    found = [step for _, _, step in steps(ALL["deploy.yml"])]
    names = [step.get("name") for step in found]
    made = names.index("Nieuwsbrieven maken")
    assert names.index("Site bouwen (strikt, om te publiceren)") < made < names.index("Nieuwsbrieven bewaren")
    assert found[made]["run"].strip() == ".venv/bin/sdw nieuwsbrief alle --uit nieuwsbrieven"
    assert found[made + 1]["with"]["path"] == "nieuwsbrieven/"
