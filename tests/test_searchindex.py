"""The prebuilt search index (sdw/searchindex.py): analysis, scores, the split into files, and what
a build writes (the browser side: tests/browser/test_search*.py)."""

from __future__ import annotations

import json

import pytest
from sdw import searchindex


def doc(location: str, title: str, text: str = "") -> dict:
    return {"location": location, "title": title, "text": text}


def unscripted(files: dict[str, str]) -> dict:
    return {name: searchindex.unscript(text) for name, text in files.items()}


def postings(files: dict, term: str) -> dict[int, int]:
    """document id -> score of `term`, decoded from its shard."""
    data = unscripted(files)
    bounds = data["manifest.js"]["shards"]
    shard = max(i for i, b in enumerate(bounds) if b <= term)
    flat = data[f"t/{shard}.js"].get(term, [])
    out, at = {}, 0
    for gap, score in zip(flat[::2], flat[1::2], strict=True):
        at += gap
        out[at] = score
    return out


@pytest.mark.parametrize("word, terms", [
    ("Samenwerking", ["samenwerk"]),
    ("samenwerken", ["samenwerk"]),
    ("coördinator", ["coordinator"]),
    ("re-integratie", ["reintegratie", "re", "integratie"]),
    ("IPS-trajecten", ["ipstraject", "ips", "traject"]),
    ("regio’s", ["regios"]),
    ("van", []),
    ("Van-der-Berg", ["vanderberg", "berg"]),
])
def test_words_are_folded_split_stopped_and_stemmed(word, terms):
    assert searchindex.terms_of(word) == terms


def test_stop_words_stay_when_asked():
    assert searchindex.terms_of("van", keep_stop_words=True) == ["van"]


def test_text_is_split_into_words_as_the_worker_splits_it():
    assert searchindex.WORD.findall("Re-integratie, IPS_trajecten en 'de' regio’s!") == [
        "Re-integratie", "IPS", "trajecten", "en", "de", "regio’s"]
    assert searchindex.tokens("De werkgevers en werkgever") == ["werkgever", "werkgever"]


def test_material_s_html_becomes_plain_text():
    assert searchindex.plain("<p>Zorg &amp; werk&nbsp;samen</p>\n<p>&#233;&#x27;n &bogus; &#99999999;</p>") == \
        "Zorg & werk samen é'n &bogus; &#99999999;"


def test_titles_weigh_more_than_text_and_pages_more_than_sections():
    files = searchindex.build([
        doc("a/", "Stigma", "Over werk."),
        doc("a/#x", "Werk", "Stigma en werk."),
        doc("b/", "Werk", "Stigma in de tekst."),
        doc("c/", "Iets", "Werk zonder dat woord."),
    ])
    stigma = postings(files, "stigma")
    assert set(stigma) == {0, 1, 2}
    assert stigma[0] > stigma[2]  # in the title of a page > in the text of a page
    werk = postings(files, "werk")
    assert werk[2] > werk[1]  # the same title: a page > a section


def test_a_term_keeps_its_best_documents_only(monkeypatch):
    monkeypatch.setattr(searchindex, "CAP", 3)
    docs = [doc(f"p{i}/", "Werk" if i in (4, 7) else "Iets", "werk " * (1 + i % 3)) for i in range(10)]
    kept = postings(searchindex.build(docs), "werk")
    assert len(kept) == 3 and {4, 7} <= set(kept)  # the titles among them
    assert set(postings(searchindex.build(docs[:3]), "werk")) == {0, 1, 2}


def test_shards_are_sorted_bounded_and_cover_every_term(monkeypatch):
    monkeypatch.setattr(searchindex, "SHARD_BYTES", 200)
    words = [f"woord{chr(97 + i)}{chr(97 + j)}" for i in range(10) for j in range(10)]
    docs = [doc(f"p{i}/", w, " ".join(words[i:i + 30])) for i, w in enumerate(words)]
    files = searchindex.build(docs)
    data = unscripted(files)
    bounds = data["manifest.js"]["shards"]
    assert len(bounds) > 5 and bounds[0] == "" and bounds == sorted(bounds)
    seen = []
    for n, bound in enumerate(bounds):
        terms = list(data[f"t/{n}.js"])
        assert terms == sorted(terms) and all(t >= bound for t in terms)
        if n + 1 < len(bounds):
            assert all(t < bounds[n + 1] for t in terms)
        assert len(files[f"t/{n}.js"]) < 200 + 200  # a shard ends with the term that takes it past the size
        seen += terms
    assert seen == sorted(searchindex.stem(searchindex.fold(w)) for w in words)


def test_documents_come_back_from_their_chunks(monkeypatch):
    monkeypatch.setattr(searchindex, "CHUNK_BYTES", 60)
    docs = [doc("", "Home", "<p>Welkom</p>"), doc("#nieuws", "Nieuws", "Meer")]
    for i in range(6):
        docs += [doc(f"p{i}/", f"Pagina {i}", "<p>" + "tekst " * 5 + "</p>"), doc(f"p{i}/#a", "Deel", "Tekst")]
    docs.append(doc("q/#los", "Los deel", "Zonder pagina"))
    files = searchindex.build(docs)
    manifest = searchindex.unscript(files["manifest.js"])
    assert manifest["runs"] == [2] * 7 + [1] and manifest["orphans"] == [7]
    assert len(manifest["chunks"]) > 2 and sum(manifest["chunks"]) == 8
    chunk = searchindex.unscript(files["d/1.js"])
    assert chunk[1][0] == "#a"  # a section's location from its '#'
    written = {name: text for name, text in files.items()}
    assert [d["location"] for d in _read(written)] == [d["location"] for d in docs]
    assert _read(written)[2] == {"location": "p0/", "title": "Pagina 0", "text": "tekst tekst tekst tekst tekst"}


def _read(files: dict[str, str]) -> list[dict]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_text(text, encoding="ascii")
        return searchindex.read_docs(Path(tmp))


def test_suggestion_words_by_length_with_weights_and_first_spelling():
    files = searchindex.build([doc("a/", "Werkgevers", "werkgevers IPS 2016 de van"), doc("b/", "Zorg", "IPS")],
                              {"groups": [{"words": ["burnout"], "also": ["uitval"]}]})
    data = unscripted(files)
    assert data["manifest.js"]["words"] == [3, 4, 7, 10]  # no numbers, no stop words
    assert data["w/10.js"] == [["werkgevers", 4, 0]]  # title 3 + text 1, written in lower case once
    assert data["w/3.js"] == [["ips", 2, 1, "IPS"]]  # as written, never seen in lower case
    assert data["w/4.js"] == [["zorg", 3, 2, "Zorg"]]
    assert data["w/7.js"] == [["burnout", 5, 3]]  # the thesaurus's words weigh 5


def test_topics_name_the_pages_as_the_index_does():
    thesaurus = {"topics": [{"label": "Thema's", "pages": [{"page": "themas/ips", "title": "IPS"},
                                                           {"page": "themas/weg", "title": "Weg"}]}]}
    online = unscripted(searchindex.build([doc("themas/ips/", "IPS")], thesaurus))["manifest.js"]
    offline = unscripted(searchindex.build([doc("themas/ips.html", "IPS")], thesaurus))["manifest.js"]
    assert online["topics"] == [{"label": "Thema's", "pages": [{"title": "IPS", "location": "themas/ips/"}]}]
    assert offline["topics"][0]["pages"][0]["location"] == "themas/ips.html"


def test_files_are_ascii_scripts_no_author_text_can_break_out_of():
    title = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"  # as Material's index has it
    files = searchindex.build([doc("a/", title, "é \u2028 --&gt;")])
    for text in files.values():
        assert text.isascii() and text.startswith("sdwIndex(") and text.endswith(");\n")
        assert "<" not in text and ">" not in text
    chunk = searchindex.unscript(files["d/0.js"])
    assert chunk[0][1] == "</script><script>alert(1)</script>" and chunk[0][2] == "é -->"  # U+2028 is white space


def test_the_build_writes_the_index_and_a_stub_online_and_offline(built_site, offline_site):
    stub = json.loads((built_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["sdw_index"] == "search/sdw/manifest.js"
    assert stub["config"]["lang"] == ["nl"]
    for site in (built_site / "site", offline_site):
        folder = site / "search" / "sdw"
        docs = searchindex.read_docs(folder)
        assert docs and all("<" not in d["text"] for d in docs)
        pages = {d["location"] for d in docs if "#" not in d["location"]}
        suffix = ".html" if site == offline_site else "/"
        assert any(p.endswith(suffix) for p in pages), sorted(pages)[:5]
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert "sdw/manifest.js" in (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")


def test_suggestion_word_is_written_as_first_seen_in_lower_case_and_counted_per_occurrence():
    files = searchindex.build([doc("a/", "Coördinatie", "Coördinatie coördinatie coordinatie coördinatie"),
                               doc("b/", "Tekst", "coordinatie")])
    entry = unscripted(files)["w/11.js"]
    # Title 3, then four times in the text and once on the other page (1 each); the first spelling
    # in lower case wins over a later one and over the capitalised spelling seen before it.
    assert entry == [["coordinatie", 8, 0, "coördinatie"]]


def _material_docs() -> list[dict]:
    return [doc("a/", "Re-integratie &amp; <em>werk</em>",
                "<p>Werkgevers en werknemers: coördinatie &#233;n &quot;meer&quot;.</p>"),
            doc("a/#stap", "Stap één", "<p>Het IPS-traject, stap voor stap &lt;uitleg&gt;.</p>"),
            doc("b/", "Zorg", "")]


def test_documents_analysed_as_rendered_give_the_same_index_also_after_a_cache_round_trip():
    import copy

    analysed = copy.deepcopy(_material_docs())
    for d in analysed:
        searchindex.analyse(d)
        searchindex.analyse(d)  # a second time changes nothing (the text is plain already)
    assert analysed[1]["text"] == "Het IPS-traject, stap voor stap <uitleg>."
    assert analysed[0][searchindex.ANALYSED][1] == {"Werkgevers": 1, "en": 1, "werknemers": 1, "coördinatie": 1,
                                                     "én": 1, "meer": 1}
    assert analysed[0][searchindex.ANALYSED][3]["werkgever"] == 1 and "en" not in analysed[0][searchindex.ANALYSED][3]
    kept = json.loads(json.dumps(analysed))  # as the build cache keeps them
    assert searchindex.build(kept) == searchindex.build(analysed) == searchindex.build(_material_docs())


@pytest.mark.parametrize("damaged", [["x", 1], [{"werk": 1}, {}], [{}, {}, {"werk": "1"}, {}],
                                     [{}, {}, {}, {"werk": 0}], [{1: 1}, {}, {}, {}], [{}, {}, {}, {}, {}], "x",
                                     None])
def test_a_cached_analysis_that_is_not_words_with_counts_is_done_again(damaged):
    import copy

    analysed = copy.deepcopy(_material_docs())
    for d in analysed:
        searchindex.analyse(d)
    analysed[0][searchindex.ANALYSED] = damaged
    assert searchindex.build(analysed) == searchindex.build(_material_docs())
