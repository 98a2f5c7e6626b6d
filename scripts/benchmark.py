"""Benchmark: build synthetic corpora of N items and print one table of figures.

    .venv/bin/python scripts/benchmark.py                 # N = 100, 1000, 5000
    .venv/bin/python scripts/benchmark.py --sizes 10000   # or any list of sizes
    .venv/bin/python scripts/benchmark.py --preview 1000  # live preview: save -> page updated
    .venv/bin/python scripts/benchmark.py --search 1000 5000 10000  # typing -> search results
    .venv/bin/python scripts/benchmark.py --incremental 1000  # cold vs one changed article (build cache)
    .venv/bin/python scripts/benchmark.py --hostile       # check/render seconds of pathological bodies

For each N it makes two corpora of N items: a synthetic one valid against our
own schema (every article type, realistic Dutch text of about 600 words,
references to audiences, themes, partners, regions and editions; fixed seed)
and one replicated from the real content/ (every dated article copied, with a
unique title and file name, until there are N items; the other pages as they
are). It builds each cold (no docs/, site/ or .build/) with `sdw build` in a
fresh process, and builds the same generated Markdown with a plain
mkdocs-material configuration (the Markdown extensions of our mkdocs.yml, short
navigation, no overrides, no hooks) in the same run, for the ratio. Every
build runs in its own process so peak memory (max RSS) is that build's alone.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261123

WORDS = (
    "werk werkgever werkgevers werknemer medewerker collega baan banen functie team afdeling organisatie "
    "samenwerking samenwerken gemeente gemeenten regio regionale arbeidsmarkt arbeidsmarktregio uitkering "
    "begeleiding jobcoach ondersteuning behandeling behandelaar herstel ggz zorg cliënt cliënten "
    "psychische kwetsbaarheid aandoening stigma beeldvorming vooroordelen openheid gesprek gesprekken "
    "re-integratie plaatsing traject trajecten ervaring ervaringen kennis onderzoek rapport cijfers "
    "werkplek werkvloer leidinggevende inclusief duurzaam perspectief mogelijkheden talent vertrouwen "
    "structuur eigenwaarde toekomst stap stappen resultaat resultaten financiering coördinatie "
    "netwerk verbinding afspraken aanpak methode praktijk voorbeeld verhaal verhalen"
).split()
GLUE = "de het een en in van op met voor dat is zijn om te bij naar ook maar niet als wordt".split()
FIRST = "Anne Bram Carla Daan Eva Fatima Gerrit Hanna Ivo Julia Karim Lotte Mehmet Nora Olaf Petra".split()
LAST = "de Vries Jansen Bakker Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Yilmaz".split()

ARTICLE_FOLDERS = {"verhaal": "verhalen", "nieuws": "nieuws", "tip": "tips", "kennis": "kennis",
                   "video": "videos", "evenement": "evenementen"}


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(GLUE) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 18)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def make_corpus(content: Path, n: int) -> None:
    """N items in all: taxonomies (audiences, themes, partners, regions, editions), pages and articles."""
    rng = random.Random(SEED + n)
    content.mkdir(parents=True)
    taxonomies = {
        "doelgroepen": ["werkgevers", "professionals", "werkzoekenden-en-werkenden"],
        "themas": [f"thema-{i}" for i in range(1, 9)],
        "partners": [f"partner-{i}" for i in range(1, 12)],
        "regios": [f"regio-{i}" for i in range(1, 11)],
    }
    editions = max(1, n // 40)
    made = 0
    for folder, slugs in taxonomies.items():
        (content / folder).mkdir()
        for i, slug in enumerate(slugs, 1):
            extra = f"volgorde: {i}\n" if folder in ("doelgroepen", "themas") else ""
            (content / folder / f"{slug}.md").write_text(
                f"---\ntitel: {q(slug.replace('-', ' ').capitalize())}\nsamenvatting: {q(sentence(rng, 14))}\n"
                f"{extra}---\n\n{paragraph(rng, 120)}\n", encoding="utf-8")
            made += 1
    (content / "edities").mkdir()
    for i in range(1, editions + 1):
        (content / "edities" / f"editie-{i}.md").write_text(
            f"---\ntitel: \"Verhalen deze maand #{i}\"\nsamenvatting: {q(sentence(rng, 14))}\nnummer: {i}\n---\n\n"
            f"{paragraph(rng, 80)}\n", encoding="utf-8")
        made += 1
    for slug in ("over-sterk-door-werk", "convenant", "privacy", "toegankelijkheid"):
        (content / f"{slug}.md").write_text(
            f"---\ntitel: {q(slug.replace('-', ' ').capitalize())}\nsamenvatting: {q(sentence(rng, 12))}\n---\n\n"
            f"{paragraph(rng, 150)}\n", encoding="utf-8")
        made += 1
    types = list(ARTICLE_FOLDERS)
    for folder in ARTICLE_FOLDERS.values():
        (content / folder).mkdir(exist_ok=True)
    # Video items need a local poster (any small valid PNG; this one is 1x1).
    (content / ARTICLE_FOLDERS["video"] / "poster.png").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8"
        "cfc0000003010100c9fe92ef0000000049454e44ae426082"))
    for i in range(max(0, n - made)):
        ctype = types[i % len(types)]
        year = rng.randint(2015, 2026)
        lines = [
            "---", f"titel: {q(sentence(rng, rng.randint(4, 9))[:-1])}", f"samenvatting: {q(sentence(rng, 22))}",
            f"datum: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "doelgroepen:", *[f"  - {s}" for s in rng.sample(taxonomies["doelgroepen"], rng.randint(1, 2))],
            "themas:", *[f"  - {s}" for s in rng.sample(taxonomies["themas"], rng.randint(1, 3))],
        ]
        if rng.random() < 0.5:
            lines += ["partners:", f"  - {rng.choice(taxonomies['partners'])}"]
        if rng.random() < 0.4:
            lines.append(f"regio: {rng.choice(taxonomies['regios'])}")
        if rng.random() < 0.3:
            lines.append(f"editie: editie-{rng.randint(1, editions)}")
        if ctype == "verhaal" or rng.random() < 0.3:
            lines += ["personen:", f"  - naam: {rng.choice(FIRST)} {rng.choice(LAST)}", "    rol: projectleider"]
        if ctype == "kennis":
            lines.append("uitgever: Onderzoeksbureau")
        if ctype == "video":
            lines.append("video_url: https://www.youtube-nocookie.com/embed/voorbeeld")
            lines.append("poster: poster.png")
        lines.append("---")
        body = [paragraph(rng, 150), f"## {sentence(rng, 4)[:-1]}", paragraph(rng, 150),
                f"## {sentence(rng, 4)[:-1]}", paragraph(rng, 150), paragraph(rng, 150)]
        path = content / ARTICLE_FOLDERS[ctype] / f"artikel-{i:05d}.md"
        path.write_text("\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")


CORPORA = ("synthetic", "real")


def _with_suffix(title_line: str, suffix: str) -> str:
    """`titel: "…"` with `suffix` added to the title (the real content quotes its titles; an unquoted
    one is read as YAML)."""
    import yaml

    value = title_line.split(":", 1)[1].strip()
    title = json.loads(value) if value.startswith('"') else str(yaml.safe_load(value))
    return f"titel: {q(title + suffix)}"


def make_real_corpus(content: Path, n: int) -> None:
    """The real content/ as it is, plus copies of every dated article (round robin, each with its own
    title and file name next to its original, so its relative links and references stay valid) until
    there are N items. Fewer than the real content's items: the real content as it is."""
    from sdw.schema import ARTICLE_TYPES

    shutil.copytree(ROOT / "content", content)
    items = sorted(content.rglob("*.md"))
    folders = {t.folder for t in ARTICLE_TYPES}
    dated = [p for p in items if p.parent.name in folders and p.parent.parent == content
             and any(line.startswith("datum:") for line in p.read_text(encoding="utf-8").split("\n---\n", 1)[0]
                     .splitlines())]
    if not dated:
        raise SystemExit("content/ has no dated articles to copy")
    texts = {p: p.read_text(encoding="utf-8") for p in dated}
    made, copy = len(items), 1
    while made < n:
        copy += 1
        for original in dated:
            if made >= n:
                break
            head, sep, body = texts[original].partition("\n---\n")
            lines = [_with_suffix(line, f" ({copy})") if line.startswith("titel:") else line
                     for line in head.splitlines()]
            original.with_name(f"{original.stem}-{copy}.md").write_text("\n".join(lines) + sep + body,
                                                                          encoding="utf-8")
            made += 1


def plain_mkdocs() -> str:
    """A plain mkdocs-material configuration with the Markdown extensions of our mkdocs.yml."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        extensions = yaml_load(f)["markdown_extensions"]
    config = {
        "site_name": "Sterk door Werk (kaal)", "docs_dir": "docs", "site_dir": "site-plain",
        "theme": {"name": "material", "language": "nl", "font": False},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": extensions,
        "not_in_nav": "/**\n",
        "nav": [{"Start": "index.md"}],
    }
    return json.dumps(config, ensure_ascii=False, indent=1)  # JSON is YAML

CHILD = """
import json, resource, sys, time
sys.argv = ["sdw"] + sys.argv[1:]
started = time.perf_counter()
if sys.argv[1] == "plain":
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    import logging
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    timings = {}
else:
    # `sdw build` itself, as an author runs it (its output a pipe, as in CI); the stages' timings
    # are read on the way without keeping anything the build would not keep.
    import sdw.cli as cli
    import sdw.render
    timings = {}
    generate_docs, render = cli.generate_docs, sdw.render.render
    def timed_generate(*args, **kwargs):
        outcome = generate_docs(*args, **kwargs)
        timings.update(outcome.timings)
        timings["pages"] = len(outcome.pages)
        return outcome
    def timed_render(*args, **kwargs):
        result = render(*args, **kwargs)
        timings["render"] = result.seconds
        timings["rendered"], timings["reused"] = result.rendered, result.reused  # the build cache's part
        return result
    cli.generate_docs, sdw.render.render = timed_generate, timed_render
    code = cli.main(["--root", sys.argv[2], "build"])
    assert code == 0, f"sdw build: exit {code}"
timings["total"] = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
timings["cpu"] = usage.ru_utime + usage.ru_stime
timings["peak_mb"] = usage.ru_maxrss / 1024
print(json.dumps(timings))
"""


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    if done.returncode != 0:
        raise SystemExit(f"build failed ({' '.join(args)}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def site_figures(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    articles = [p.stat().st_size for folder in ARTICLE_FOLDERS.values() for p in (site / folder).glob("*/index.html")]
    index = search_index_bytes(site)
    return {
        "html_pages": len(pages),
        "median_article": statistics.median(articles) if articles else 0,
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "index_raw": len(index),
        "index_gzip": len(gzip.compress(index, 6)),
    }


def best(runs: list[dict]) -> dict:
    """The fastest of repeated runs: on a shared 2-core VM, noise only ever adds time."""
    return min(runs, key=lambda r: r["total"])


def make_project(project: Path, n: int, corpus: str = "synthetic") -> Path:
    """A project folder with our renderer settings and a corpus of N items (see CORPORA)."""
    shutil.copy(ROOT / "mkdocs.yml", project.mkdir(parents=True) or project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "scripts" / "sdw").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "sdw" / "mkdocs_hooks.py", project / "scripts" / "sdw" / "mkdocs_hooks.py")
    (make_real_corpus if corpus == "real" else make_corpus)(project / "content", n)
    return project


def bench(n: int, workdir: Path, repeat: int, corpus: str = "synthetic") -> dict:
    project = make_project(workdir / f"{corpus}-{n}", n, corpus)
    (project / "plain.yml").write_text(plain_mkdocs(), encoding="utf-8")
    ours_runs, plain_runs, warm_runs = [], [], []
    for _ in range(repeat):  # interleaved, so all see the same machine
        for generated in ("docs", "site", "site-plain", ".build"):  # cold: no output and no caches
            shutil.rmtree(project / generated, ignore_errors=True)
        ours_runs.append(run_child("ours", str(project)))
        plain_runs.append(run_child("plain", str(project / "plain.yml")))
        # Cold again, but with the social cards and compiled templates of the build before (.build/cards,
        # .build/jinja), as a machine that built the site once has them; not its rendered or generated pages
        # (.build/render, .build/generate) nor its checked files (.build/check).
        for generated in ("docs", "site", ".build/render", ".build/generate", ".build/check"):
            shutil.rmtree(project / generated, ignore_errors=True)
        warm_runs.append(run_child("ours", str(project)))
    ours, plain, warm = best(ours_runs), best(plain_runs), best(warm_runs)
    figures = site_figures(project / "site")
    items = sum(1 for _ in (project / "content").rglob("*.md"))
    # Each cold build against the plain build right after it: the machine's load changes over
    # minutes, so a pair sees the same one; the median of the pairs beside the ratio of the bests.
    pairs = statistics.median(o["total"] / p["total"] for o, p in zip(ours_runs, plain_runs, strict=True))
    return {"corpus": corpus, "n": items, "ours": ours, "plain": plain, "warm": warm, "pairs": pairs, **figures}


def incremental(sizes: list[int], repeat: int) -> int:
    """Per N: a cold build (no docs/, site/ or .build/), then one article's text changed and
    `sdw build` again, which takes the other pages from the build cache (.build/render/)."""
    workdir = Path(tempfile.mkdtemp(prefix="sdw-bench-incremental-"))
    rows = []
    try:
        for n in sizes:
            project = make_project(workdir / f"synthetic-{n}", n)
            stories = sorted((project / "content" / ARTICLE_FOLDERS["verhaal"]).glob("*.md"))
            cold_runs, one_runs = [], []
            for attempt in range(repeat):
                for generated in ("docs", "site", ".build"):
                    shutil.rmtree(project / generated, ignore_errors=True)
                cold_runs.append(run_child("ours", str(project)))
                story = stories[attempt % len(stories)]
                story.write_text(story.read_text(encoding="utf-8") + f"\nEen zin erbij ({attempt}).\n",
                                 encoding="utf-8")
                one_runs.append(run_child("ours", str(project)))
            rows.append((n, best(cold_runs), best(one_runs)))
            print(f"  N={n}: klaar", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("| N | cold s | one file changed s | % of cold | our stages cold → after s | render cold → after s | "
          "pages rendered | pages from cache |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, cold, one in rows:
        print(f"| {n:,} | {cold['total']:.1f} | {one['total']:.1f} | {100 * one['total'] / cold['total']:.0f} % | "
              f"{_stages(cold):.1f} → {_stages(one):.1f} | {cold['render']:.1f} → {one['render']:.1f} | "
              f"{one['rendered']:,} | {one['reused']:,} |")
    return 0


def _stages(timings: dict) -> float:
    """Seconds of our stages: load, validate, model, generate (before MkDocs)."""
    return sum(timings.get(stage, 0.0) for stage in ("load", "validate", "model", "generate"))


def _fetch(url: str) -> str:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, timeout: float = 60.0) -> float:
    """Seconds until `url` serves a page containing `text` (polled every 20 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in _fetch(url):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"preview: {url} did not show {text!r} within {timeout:.0f} s")


def preview(n: int, edits: int = 5) -> int:
    """`sdw serve` on an N-item corpus: time from saving an article to the served page showing the
    edit, and from adding an article to its type listing showing it."""
    import socket

    workdir = Path(tempfile.mkdtemp(prefix="sdw-preview-"))
    project = make_project(workdir / "p", n)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    sdw = Path(sys.executable).with_name("sdw")
    server = subprocess.Popen([str(sdw), "--root", str(project), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        article = sorted((project / "content" / "verhalen").glob("*.md"))[n // 20]
        url = base + f"verhalen/{article.stem}/"
        started = time.perf_counter()
        _wait_for(url, "</html>", timeout=900)
        print(f"preview ready after {time.perf_counter() - started:.1f} s (N={n})", file=sys.stderr)
        time.sleep(2)
        edit_times = []
        for i in range(edits):
            marker = f"Bewerking {i} {time.time_ns()}"
            article.write_text(article.read_text(encoding="utf-8") + f"\n{marker}.\n", encoding="utf-8")
            edit_times.append(_wait_for(url, marker))
            time.sleep(1.5)
        title = f"Nieuw verhaal {time.time_ns()}"
        new = article.with_name("nieuw-verhaal-benchmark.md")
        new.write_text(article.read_text(encoding="utf-8").replace("titel:", f"titel: {q(title)}\noud:", 1)
                       .replace("\noud: ", "\n# ", 1), encoding="utf-8")
        added = _wait_for(base + "verhalen/", title)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    print("N | edit -> page (s), each | median | new article -> listing (s)")
    print("--- | --- | --- | ---")
    print(f"{n:,} | {' '.join(f'{t:.2f}' for t in edit_times)} | {statistics.median(edit_times):.2f} | {added:.2f}")
    return 0


SEARCH_QUERIES = ("samenwerking", "werkgever", "begeleiding")
TARGETS = {"first_ms": 300, "first_kb": 150, "key_ms": 50}  # issue 16: first result, its bytes, each next key


def search_index_bytes(site: Path) -> bytes:
    """Every file of the search index, one after another: the prebuilt one (search/sdw/, see
    sdw/searchindex.py) and Material's search_index.json (our stub) or, from older builds, the
    whole index (search/sdw_index.json)."""
    folder = site / "search"
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return b"".join(p.read_bytes() for p in files)


# In the page before its own scripts: the time of the first key pressed, and of every answer of
# the search worker (Material's RESULT messages) and every result list shown.
_PROBE = """
(() => {
  const W = window.Worker;
  const log = window.__sdw = {key: null, keys: [], answers: [], painted: [], shown: [], shownFor: {}};
  // The first task after the animation frame that follows now: that frame has been painted.
  const afterPaint = f => requestAnimationFrame(() => setTimeout(() => f(performance.now())));
  window.Worker = function (url, options) {
    const w = new W(url, options);
    w.addEventListener("message", ev => {
      if (ev.data && ev.data.type === 3) {
        const n = log.answers.push(performance.now()) - 1;
        afterPaint(t => { log.painted[n] = t; });
      }
    });
    return w;
  };
  window.Worker.prototype = W.prototype;
  addEventListener("keydown", () => {
    const now = performance.now();
    if (log.key === null) log.key = now;
    log.keys.push(now);
  }, true);
  // A new list of results, painted (an answer equal to the list shown changes nothing).
  new MutationObserver(() => {
    const list = document.querySelector(".md-search-result__list");
    if (list && list.firstElementChild && list.dataset.sdwSeen !== String(log.answers.length)) {
      list.dataset.sdwSeen = String(log.answers.length);
      const n = log.answers.length - 1;
      afterPaint(t => { log.shown.push(t); log.shownFor[n] = t; });
    }
  }).observe(document, {childList: true, subtree: true});
})();
"""


def search(sizes: list[int]) -> int:
    """Build N-item sites and measure, in headless Chromium, a reader who types a word into the
    search field as soon as the page has loaded (no focus beforehand, nothing warmed up): the
    milliseconds from the first key to the first result shown, the kilobytes (gzip) of search
    files requested until then, and the milliseconds from each further key (typed after the
    previous answer) to its answer shown. Also the index's bytes per article on disk. Needs
    `pip install -e '.[test]'`."""
    import threading

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("--search needs Playwright: .venv/bin/pip install -e '.[test]'") from None
    chromium = os.environ.get("SDW_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        raise SystemExit(f"--search needs Chromium at {chromium} (Debian: apt-get install -y chromium)")
    rows = []
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix="sdw-search-"))
        try:
            project = make_project(workdir / "p", n)
            run_child("ours", str(project))
            site = project / "site"
            per_article = len(search_index_bytes(site)) / n
            handler = functools.partial(_QuietHandler, directory=str(site))
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{httpd.server_address[1]}/"
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                for query in SEARCH_QUERIES:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    context.add_init_script(_PROBE)
                    page = context.new_page()
                    page.goto(base, wait_until="load")
                    requests: list[tuple[str, float]] = []  # (address, epoch ms when requested)
                    page.on("request", lambda r, requests=requests: requests.append((r.url, time.time() * 1000)))
                    first_ms, kb_first, keys = _type_like_a_reader(page, query, site, base, requests)
                    rows.append((n, per_article, query, first_ms, kb_first, keys))
                    context.close()
                browser.close()
            httpd.shutdown()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"N | index B/article | query | first result (ms, target {TARGETS['first_ms']}) | "
          f"gzip KB before it (target {TARGETS['first_kb']}) | each next key (ms: median, max; target "
          f"{TARGETS['key_ms']})")
    print("--- | --- | --- | --- | --- | ---")
    for n, per_article, query, first_ms, kb_first, keys in rows:
        print(f"{n:,} | {per_article:,.0f} | {query} | {first_ms:.0f} | {kb_first:.1f} | "
              f"{statistics.median(keys):.0f}, {max(keys):.0f}")
    return 0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request in the figures
        pass


def _type_like_a_reader(page, query: str, site: Path, base: str, requests: list[tuple[str, float]]):
    """Click the field and type the word's first three letters at once (as fast as keys go), then
    each further letter after the previous answer is shown. Returns the milliseconds to the first
    result, the gzip kilobytes requested until then, and the milliseconds per further key."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(query[:3], delay=0)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function("() => window.__sdw.shown.length > 0", timeout=120_000)
    log = page.evaluate("window.__sdw")
    first_ms = log["shown"][0] - log["key"] if log["shown"] else float("nan")
    shown = page.evaluate("performance.timeOrigin + window.__sdw.shown[0]")
    fetched = {url for url, at in requests if at <= shown}
    kb_first = sum(_gzip_size(site, base, url) for url in fetched) / 1024
    keys = []
    for letter in query[3:]:
        # Measured in the page, from the key's keydown to its answer painted (as the first result):
        # not the time the test tool takes to send the key or to ask whether it has been answered.
        # The key's first answer painted: its new list, or (an answer equal to the list shown)
        # the frame after it. Two more frames are awaited, for a list drawn a frame late.
        n = page.evaluate("window.__sdw.answers.length")
        page.keyboard.press(letter)
        page.wait_for_function("n => window.__sdw.painted[n] !== undefined", arg=n, timeout=120_000)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))")
        log = page.evaluate("window.__sdw")
        keys.append(log["shownFor"].get(str(n), log["painted"][n]) - log["keys"][-1])
    return first_ms, kb_first, keys


@functools.cache
def _gzip_file(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def _gzip_size(site: Path, base: str, url: str) -> int:
    """gzip bytes of a requested file of the site (as a host that compresses would send it)."""
    if not url.startswith(base):
        return 0
    path = site / url[len(base):].split("?")[0].split("#")[0]
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return _gzip_file(path) if path.is_file() else 0


def kb(x: float) -> str:
    return f"{x / 1024:,.0f}"


def _pathological():
    sys.path.insert(0, str(ROOT / "tests" / "security"))
    sys.path.insert(0, str(ROOT / "tests"))
    import pathological

    return pathological


def hostile_one(names: list[str]) -> int:
    """Child process: check pathological bodies against the fixture corpus; render the valid ones.
    Prints one JSON line per body."""
    p = _pathological()
    from hostile import render_author_body  # tests/security/hostile.py: the render stage without MkDocs
    from sdw.load import Loaded, load_all, parse
    from sdw.validate import validate

    base = load_all(ROOT / "tests" / "fixtures" / "base", ROOT)
    for name in names:
        body = {**p.REFUSED, **p.ACCEPTED}[name]
        started = time.perf_counter()
        source = parse((p.FRONT + body).encode("utf-8"), "content/verhalen/zwaar.md", "verhalen/zwaar.md")
        result = validate(Loaded(base.files + (source,), base.assets, ()))
        checked = time.perf_counter() - started
        rendered = None
        if result.ok:
            started = time.perf_counter()
            render_author_body(body)
            rendered = time.perf_counter() - started
        print(json.dumps({"name": name, "check": checked, "render": rendered,
                          "rules": sorted({x.rule.id for x in result.errors})}), flush=True)
    return 0


def hostile(timeout: float = 120.0) -> int:
    """Seconds to check (and, when valid, to render) each pathological body, each in its own process."""
    p = _pathological()
    print("body | expected | check s | render s | outcome")
    print("--- | --- | --- | --- | ---")
    for name in [*p.REFUSED, *p.ACCEPTED]:
        expected = "refused" if name in p.REFUSED else "built"
        try:
            done = subprocess.run([sys.executable, __file__, "--hostile-one", name], capture_output=True,
                                  text=True, timeout=timeout, check=True)
        except subprocess.TimeoutExpired:
            print(f"{name} | {expected} | > {timeout:.0f} | | TIMEOUT")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        outcome = "refused " + ",".join(r["rules"]) if r["rules"] else "built"
        render = "" if r["render"] is None else f"{r['render']:.2f}"
        print(f"{name} | {expected} | {r['check']:.2f} | {render} | {outcome}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--corpus", choices=CORPORA, nargs="+", default=list(CORPORA),
                        help="synthetic, real (copies of the real content/'s dated articles) or both (default)")
    parser.add_argument("--repeat", type=int, default=2, help="builds per size; the fastest counts (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora (prints where)")
    parser.add_argument("--preview", type=int, metavar="N",
                        help="instead: measure the live preview (sdw serve) on an N-item corpus")
    parser.add_argument("--search", type=int, nargs="+", metavar="N",
                        help="instead: time from typing to the first search results in headless Chromium")
    parser.add_argument("--incremental", type=int, nargs="+", metavar="N",
                        help="instead: a cold build and a build after one changed article, at each N")
    parser.add_argument("--hostile", action="store_true",
                        help="instead: seconds to check and render each body of tests/security/pathological.py")
    parser.add_argument("--hostile-one", metavar="NAME", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.hostile_one:
        return hostile_one(args.hostile_one)
    if args.hostile:
        return hostile()
    if args.preview:
        return preview(args.preview)
    if args.search:
        return search(args.search)
    if args.incremental:
        return incremental(args.incremental, args.repeat)
    workdir = Path(tempfile.mkdtemp(prefix="sdw-bench-"))
    rows = []
    try:
        for n in args.sizes:
            for corpus in args.corpus:
                started = time.perf_counter()
                rows.append(bench(n, workdir, args.repeat, corpus))
                print(f"  {corpus} N={n}: klaar in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        if args.keep:
            print(f"corpora kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    head = ("corpus", "N", "load s", "valid s", "model s", "gen s", "render s", "total s", "cpu s", "peak MB", "pages",
            "med art KB", "site MB", "index KB", "idx gz KB", "idx B/art", "plain s", "ratio", "ratio pairs", "own %",
            "warm s", "ratio warm")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for r in rows:
        o = r["ours"]
        own = o["load"] + o["validate"] + o["model"] + o["generate"]
        print(" | ".join([
            r["corpus"], f"{r['n']:,}", f"{o['load']:.2f}", f"{o['validate']:.2f}", f"{o['model']:.2f}",
            f"{o['generate']:.2f}",
            f"{o['render']:.2f}", f"{o['total']:.2f}", f"{o['cpu']:.1f}", f"{o['peak_mb']:.0f}", f"{r['html_pages']:,}",
            f"{r['median_article'] / 1024:.1f}", f"{r['site_bytes'] / 2**20:.1f}", kb(r["index_raw"]),
            kb(r["index_gzip"]), f"{r['index_raw'] / r['n']:,.0f}", f"{r['plain']['total']:.2f}",
            f"{o['total'] / r['plain']['total']:.2f}", f"{r['pairs']:.2f}",
            f"{100 * own / o['total']:.1f}", f"{r['warm']['total']:.2f}",
            f"{r['warm']['total'] / r['plain']['total']:.2f}",
        ]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
