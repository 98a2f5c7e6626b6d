"""The prebuilt Dutch search index: analysed at build time, split into small files the search
worker (overrides/assets/javascripts/search/sdw-search-worker.js) loads as a query needs them.

The analysis is the worker's, term for term (tests/test_searchindex.py runs both over the whole
vocabulary of the content and a Dutch word list):

    fold      lower case, accents removed (coördinatie -> coordinatie)
    words     letters and digits, joined by hyphens or apostrophes; a hyphenated word is
              indexed joined and as parts (re-integratie -> reintegratie, re, integratie)
    stop      the Dutch stop words of lunr-languages (van, de, het, ...) are dropped
    stem      Snowball's original Dutch stemmer (`dutch_porter` in Snowball 3, through PyStemmer;
              the algorithm lunr-languages' lunr.nl.stemmer implements, which the worker runs)

Scores are lunr's BM25 (k1 1.2, b 0.75), per field: titles weigh 10 times the text, whole pages
1.5 times their sections, summed per term and document and stored as integers (tenths). A term
keeps the CAP documents it scores highest in (a query shows at most 120 documents).

Files, all below search/sdw/, each a script `sdwIndex({...})` so the offline build (file://,
the worker in Material's iframe-worker shim) loads them with script elements and the online
worker fetches them:

    manifest.js  document count, the page runs (documents per page: a page, then its
                 sections; "orphans": runs without their page), the document chunks (runs
                 per chunk), the first term of every term shard, the word lengths with
                 suggestion words, and the theme and audience pages for a search without
                 results
    t/<n>.js     term shard n: sorted terms, split so no shard passes SHARD_BYTES; per term its
                 postings as [document id gap, score, ...]
    d/<n>.js     document chunk n: [location, title, plain text] of its pages' documents; a
                 section's location is written from its '#'
    w/<n>.js     suggestion words ("Bedoelde je ...?") of n UTF-16 units: [folded, weight,
                 order, as written if not the folded form]

No MkDocs here: mkdocs_hooks.on_post_build hands over the documents Material's search plugin
produced.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import chain
from pathlib import Path

import Stemmer  # PyStemmer: Snowball's C stemmers

from .collector import no_collector_pauses
from .samefiles import write_or_link

FOLDER = "sdw"  # below the site's search/ folder
MANIFEST = "manifest.js"
VERSION = 1


def site_folder(site: Path) -> Path:
    """Where a built site has the index (Material's search/ folder holds the stub)."""
    return site / "search" / FOLDER

# lunr-languages' Dutch stop words (lunr.nl.stopWordFilter), checked against it by the tests.
STOP_WORDS = frozenset(
    "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er "
    "ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon "
    "kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over "
    "reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt "
    "zal ze zelf zich zij zijn zo zonder zou".split())

K1, B = 1.2, 0.75
TITLE_BOOST = 10
PAGE_BOOST = 1.5
CAP = 400  # documents kept per term, best first
SHARD_BYTES = 12 * 1024  # a term shard is cut after this many bytes of postings
CHUNK_BYTES = 6 * 1024  # a document chunk is cut after this many bytes (at a page's end)
SUGGEST_MIN, SUGGEST_MAX = 3, 30  # lengths of suggestion words (as the worker had them)
WEIGHT_TITLE, WEIGHT_TEXT, WEIGHT_THESAURUS = 3, 1, 5

# JavaScript's /[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*/u: Python's \w without the underscore.
WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_MARKS = re.compile("[\u0300-\u036f]")
_STEMMER = Stemmer.Stemmer("dutch_porter")


def fold(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))


def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def terms_of(word: str, keep_stop_words: bool = False) -> list[str]:
    """The index terms of one word as written: its joined form and hyphen parts, stemmed."""
    return list(_terms(word, keep_stop_words))


@lru_cache(maxsize=100_000)
def _terms(word: str, keep_stop_words: bool) -> tuple[str, ...]:
    folded = fold(word).replace("'", "").replace("\u2019", "")
    forms = [folded.replace("-", "")]
    if "-" in folded:
        forms += folded.split("-")
    return tuple(stem(f) for f in forms if f and (keep_stop_words or f not in STOP_WORDS))


def tokens(text: str) -> list[str]:
    """The terms of every word in a text, in order."""
    return [t for word in WORD.findall(text) for t in _terms(word, False)]


# A text's words as written -> how often each occurs, in order of first occurrence.
Words = dict[str, int]


def _words(text: str) -> Words:
    """Each word of a text as written, with how often it occurs (in order of first occurrence):
    a text is analysed once per distinct word, not per word (a page repeats most of its words)."""
    return Counter(WORD.findall(text))


def _term_counts(words: Words) -> Words:
    """The terms of `words` with how often each occurs: Counter(tokens(text)) for _words(text)."""
    counts: Counter[str] = Counter()
    for word, n in words.items():
        for term in _terms(word, False):
            counts[term] += n
    return counts


_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(r"&(#?[A-Za-z0-9_]+);")
_SPACE = re.compile(r"\s+")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'", "#x27": "'", "nbsp": " "}


def _entity(match: re.Match) -> str:
    name = match.group(1)
    if name in _ENTITIES:
        return _ENTITIES[name]
    if name.startswith("#"):
        try:
            code = int(name[2:], 16) if name[1:2] == "x" else int(name[1:], 10)
            return chr(code)
        except (ValueError, OverflowError):
            return match.group(0)
    return match.group(0)


def plain(html: str | None) -> str:
    """The text of Material's index HTML: tags become spaces, common entities are decoded."""
    text = _ENTITY.sub(_entity, _TAG.sub(" ", html or ""))
    return _SPACE.sub(" ", text).strip()


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _js_order(term: str) -> bytes:
    return term.encode("utf-16-be")  # JavaScript compares strings by UTF-16 code units


# --- building ------------------------------------------------------------------------------------

# A term's postings: its documents (ids, ascending) and its score in each (in tenths).
Postings = tuple[list[int], list[int]]


def _postings(docs: list[tuple[str, str, str]], fields: list[tuple[Words, Words]]) -> dict[str, Postings]:
    """term -> its postings, lunr's BM25 per field, summed over the fields. `fields`: each
    document's (title, text) terms with their counts (_term_counts).

    This is the build's hot loop (a pass per term of every document: millions at 10,000 pages),
    so it is written for speed, but with lunr's float arithmetic kept operation for operation:
    the scores, and so the files, must not change by a rounding. A field scores
    idf * ((K1 + 1) * tf) / (norm + tf) * field boost * page boost, rounded to thousandths, and a
    term the title's plus the text's, rounded to tenths (at least 1). Left out are only steps
    that cannot change a bit: the text's field boost (x * 1 is x) and the 0.0 a sum starts from
    (0.0 + x is x); and a sum of two is the same either way round. A term in the text only (most
    of them) gets its tenths from its thousandths through a table: the same expression, computed
    once per value rather than once per posting."""
    n = len(docs)
    lengths = [[sum(c.values()) for c in pair] for pair in fields]
    average = [sum(x[i] for x in lengths) / n if n else 0 for i in range(2)]
    # lunr counts a document once per field the term is in
    df = Counter(chain.from_iterable(chain.from_iterable(fields)))
    idf = {t: math.log(1 + abs((n - d + 0.5) / (d + 0.5))) for t, d in df.items()}
    k1_1 = K1 + 1
    # thousandths -> tenths, up to the most a text can score (tf / (norm + tf) is below 1); a
    # score outside it (none, with these constants) is computed as it comes
    size = int(max(idf.values(), default=0) * k1_1 * max(PAGE_BOOST, 1) * 1000) + 2
    tenths = [round(m / 1000 * 10) or 1 for m in range(size)]
    out: dict[str, Postings] = {term: ([], []) for term in df}
    title_average, text_average = average
    for doc_id, ((location, _, _), (title, text), (title_length, text_length)) in enumerate(
            zip(docs, fields, lengths, strict=True)):
        boost = PAGE_BOOST if "#" not in location else 1.0
        norm = K1 * (1 - B + B * (title_length / title_average)) if title_average else K1
        titled = {term: round(idf[term] * (k1_1 * tf) / (norm + tf) * TITLE_BOOST * boost * 1000) / 1000
                  for term, tf in title.items()}
        norm = K1 * (1 - B + B * (text_length / text_average)) if text_average else K1
        for term, tf in text.items():
            thousandths = round(idf[term] * (k1_1 * tf) / (norm + tf) * boost * 1000)
            if term in titled:
                score = round((titled.pop(term) + thousandths / 1000) * 10) or 1
            elif 0 <= thousandths < size:
                score = tenths[thousandths]
            else:
                score = round(thousandths / 1000 * 10) or 1
            ids, scores = out[term]
            ids.append(doc_id)
            scores.append(score)
        for term, title_score in titled.items():
            ids, scores = out[term]
            ids.append(doc_id)
            scores.append(round(title_score * 10) or 1)
    for term, (ids, scores) in out.items():
        if len(ids) > CAP:
            # best first, the first document first among equal scores: the documents are in
            # order, and a sort is stable, also in reverse
            best = sorted(range(len(ids)), key=scores.__getitem__, reverse=True)[:CAP]
            best.sort()
            out[term] = [ids[i] for i in best], [scores[i] for i in best]
    return out


def _runs(docs: list[tuple[str, str, str]]) -> list[int]:
    """Documents per page run: a page's document and its sections' (Material writes them so)."""
    runs: list[int] = []
    page = None
    for location, _, _ in docs:
        here = location.split("#")[0]
        if runs and "#" in location and here == page:
            runs[-1] += 1
        else:
            runs.append(1)
            page = here
    return runs


@lru_cache(maxsize=100_000)
def _suggestion_key(word: str) -> str | None:
    """The folded form of a word a suggestion may offer; None for a stop word, a number, or a
    word too short or too long."""
    folded = fold(word.lower())
    size = utf16_len(folded)
    if (size < SUGGEST_MIN or size > SUGGEST_MAX or folded in STOP_WORDS
            or all(unicodedata.category(c)[0] == "N" for c in folded)):
        return None
    return folded


def _vocabulary(docs: list[tuple[str, str, str]], words: list[tuple[Words, Words]],
                thesaurus: dict) -> dict[str, list]:
    """folded word -> [as written, weight, first seen]: every word a search can find, as written
    the first time it was written in lower case (or else the first time). `words`: each
    document's (title, text) as _words gives them."""
    # Each word as written first gets its weight summed over all documents, in order of first
    # occurrence; only then is each distinct word folded: the words of a document are mostly the
    # words of others. What a folded word keeps comes out the same as word by word in document
    # order: its weight is a sum, its order is that of its first word, and as written it is the
    # first of its words in lower case (or else its first).
    weights: dict[str, int] = {}
    by_location = {location: pair for (location, _, _), pair in zip(docs, words, strict=True)}
    for title, text in by_location.values():
        for word, n in title.items():
            weights[word] = weights.get(word, 0) + WEIGHT_TITLE * n
        for word, n in text.items():
            weights[word] = weights.get(word, 0) + WEIGHT_TEXT * n
    for group in thesaurus.get("groups") or ():
        for word in group.get("words") or ():
            for written, n in _words(str(word)).items():
                weights[written] = weights.get(written, 0) + WEIGHT_THESAURUS * n
    known: dict[str, list] = {}
    for word, weight in weights.items():
        folded = _suggestion_key(word)
        if folded is None:
            continue
        entry = known.get(folded)
        if entry is None:
            known[folded] = [word, weight, len(known)]
        else:
            entry[1] += weight
            if word == word.lower() and entry[0] != entry[0].lower():
                entry[0] = word
    return known


def _topics(thesaurus: dict, locations: set[str]) -> list[dict]:
    """The theme and audience pages with articles, as the index names them (online
    "themas/ips/", offline "themas/ips.html"); a page not in the index is left out."""
    out = []
    for topic in thesaurus.get("topics") or ():
        pages = []
        for p in topic.get("pages") or ():
            page = str(p.get("page", ""))
            found = next((x for x in (page + "/", page + ".html", page + "/index.html") if x in locations), None)
            if found is not None:
                pages.append({"title": str(p.get("title", "")), "location": found})
        if pages:
            out.append({"label": str(topic.get("label", "")), "pages": pages})
    return out


# json.dumps(data, ensure_ascii=True, separators=(",", ":")), without making an encoder per call
_COMPACT = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))


def script(data) -> str:
    """A file the worker loads: `sdwIndex(<JSON>);`. ASCII only (whatever encoding a file:// script
    is read with), and no character that could end a script element or a comment."""
    value = _COMPACT.encode(data)
    value = value.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"sdwIndex({value});\n"


def unscript(text: str):
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


# An analysed document's key: [its title's words, its text's words, its title's terms, its text's
# terms], each with their counts (see analyse).
ANALYSED = "sdw"


def analyse(doc: dict) -> None:
    """Do the part of the analysis that depends on one document alone, in place: its title and
    text become plain text, and ANALYSED holds the words (_words) and terms (_term_counts) of each.
    The build does this as each page is rendered (sdw.mkdocs_hooks), in whichever process renders
    it, and the build cache keeps it with the page; build() then only scores and collects."""
    if ANALYSED in doc:
        return
    title, text = plain(doc.get("title")), plain(doc.get("text"))
    doc["title"], doc["text"] = title, text
    doc[ANALYSED] = _counts(title, text)


def _counts(title: str, text: str) -> list[Words]:
    """[title's words, text's words, title's terms, text's terms] of plain text."""
    words = [_words(title), _words(text)]
    return words + [_term_counts(w) for w in words]


Analysed = tuple[tuple[str, str, str], tuple[Words, Words], tuple[Words, Words]]


def _analysed_all(material_docs: list[dict]) -> list[Analysed]:
    """_analysed of each document. The analyses the documents hold are checked all at once first:
    one pass over all their words and counts rather than four small ones per document (millions
    of words at 10,000 pages); only if that finds fault is each document checked on its own."""
    found = [doc.get(ANALYSED) for doc in material_docs]
    if not (all(isinstance(f, list) and len(f) == 4 for f in found) and _counted(*chain.from_iterable(found))):
        return [_analysed(doc) for doc in material_docs]
    return [((str(doc.get("location", "")), str(doc.get("title") or ""), str(doc.get("text") or "")),
             (words[0], words[1]), (words[2], words[3])) for doc, words in zip(material_docs, found, strict=True)]


def _analysed(doc: dict) -> Analysed:
    """(location, plain title, plain text), their words and their terms: as analyse() left them,
    or analysed now (a document of Material's own, or one whose analysis a cache cannot vouch for)."""
    location = str(doc.get("location", ""))
    found = doc.get(ANALYSED)
    if found is None:
        title, text = plain(doc.get("title")), plain(doc.get("text"))
    else:
        title, text = str(doc.get("title") or ""), str(doc.get("text") or "")
        if isinstance(found, list) and len(found) == 4 and _counted(*found):
            return (location, title, text), (found[0], found[1]), (found[2], found[3])
    counts = _counts(title, text)
    return (location, title, text), (counts[0], counts[1]), (counts[2], counts[3])


def _counted(*dicts: object) -> bool:
    """Whether each of `dicts` can be words with their counts (a cache holds data, not promises):
    a dict of str to int above 0 (not bool, not float)."""
    if not all(isinstance(words, dict) for words in dicts):
        return False
    counts = list(chain.from_iterable(map(dict.values, dicts)))
    return (set(map(type, chain.from_iterable(dicts))) <= {str} and set(map(type, counts)) <= {int}
            and (not counts or min(counts) > 0))


def analysed_all(material_docs: list[dict]) -> list[Analysed]:
    """What build() makes of the documents before it scores them (the same for a document
    whichever documents it comes with: sdw.searchchild does this part ahead for the pages it
    has, and passes the result to build)."""
    with no_collector_pauses():
        return _analysed_all(material_docs)


def build(material_docs: list[dict], thesaurus: dict | None = None, *,
          analysed: list[Analysed] | None = None) -> dict[str, str]:
    """The index files (path below search/sdw/ -> text) of the documents of Material's index,
    analysed (analyse) or not, or of `analysed` (analysed_all of those documents); with the cycle
    collector paused (sdw.collector)."""
    with no_collector_pauses():
        return _build(_analysed_all(material_docs) if analysed is None else analysed, thesaurus or {})


def _build(analysed: list[Analysed], thesaurus: dict) -> dict[str, str]:
    docs = [doc for doc, _, _ in analysed]
    words = [counted for _, counted, _ in analysed]
    files: dict[str, str] = {}

    postings = _postings(docs, [terms for _, _, terms in analysed])
    shards: list[str] = []
    shard: dict[str, list[int]] = {}
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            files[f"t/{len(shards) - 1}.js"] = script(shard)
        shard, size = {}, 0

    for term in sorted(postings, key=_js_order):
        ids, scores = postings[term]
        gaps = [doc_id - last for doc_id, last in zip(ids, [0] + ids[:-1], strict=True)]
        flat = [value for pair in zip(gaps, scores, strict=True) for value in pair]
        cost = len(term) + 4 + len(_COMPACT.encode(flat))
        if not shards or (size and size + cost > SHARD_BYTES):
            flush()
            shards.append(term if shards else "")
        shard[term] = flat
        size += cost
    flush()

    runs = _runs(docs)
    chunks: list[int] = []  # runs per chunk
    for records in _chunks(docs, runs):
        files[f"d/{len(chunks)}.js"] = script([record for run in records for record in run])
        chunks.append(len(records))

    by_length: dict[int, list[list]] = {}
    for folded, (word, weight, order) in _vocabulary(docs, words, thesaurus).items():
        entry = [folded, weight, order] + ([word] if word != folded else [])
        by_length.setdefault(utf16_len(folded), []).append(entry)
    for length, entries in by_length.items():
        files[f"w/{length}.js"] = script(entries)

    manifest = {
        "version": VERSION,
        "docs": len(docs),
        "runs": runs,
        "orphans": [i for i, start in enumerate(_starts(runs)) if "#" in docs[start][0]],
        "chunks": chunks,
        "shards": shards,
        "words": sorted(by_length),
        "topics": _topics(thesaurus, {location for location, _, _ in docs}),
    }
    files[MANIFEST] = script(manifest)
    return files


def _starts(counts: list[int]) -> list[int]:
    out, at = [], 0
    for count in counts:
        out.append(at)
        at += count
    return out


def _chunks(docs: list[tuple[str, str, str]], runs: list[int]):
    """The document chunks, each a list of runs of [location, title, text]; a chunk ends with the
    page that takes it past CHUNK_BYTES."""
    chunk: list[list[list[str]]] = []
    size = doc_id = 0
    for run in runs:
        page = docs[doc_id][0].split("#")[0]
        records = []
        for i in range(run):
            location, title, text = docs[doc_id + i]
            shown = location[len(page):] if i and location.startswith(page + "#") else location
            records.append([shown, title, text])
            size += len(shown) + len(title) + len(text) + 10
        chunk.append(records)
        doc_id += run
        if size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def write(folder: Path, material_docs: list[dict], thesaurus: dict | None = None,
          previous: Path | None = None, *, analysed: list[Analysed] | None = None) -> dict[str, str]:
    """Build the index into `folder` (emptied first); returns the files written. previous: the
    index of the site before, whose files with the same bytes are linked, not written
    (sdw.samefiles): one changed page leaves most of the thousands of files as they were.
    analysed: as build() takes it."""
    files = build(material_docs, thesaurus, analysed=analysed)
    if folder.exists():
        shutil.rmtree(folder)
    made: set[str] = set()
    for rel, text in files.items():
        path = f"{folder}/{rel}"
        parent = os.path.dirname(path)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        write_or_link(path, text.encode("ascii"), None if previous is None else f"{previous}/{rel}")
    return files


def read_thesaurus(path: Path) -> dict:
    """The data of sdw-thesaurus.js (sdw.thesaurus.script); {} without it."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    start = text.index("=", text.index("SDW_THESAURUS")) + 1
    return json.loads(text[start:text.rindex(";")])


def read_docs(folder: Path) -> list[dict]:
    """The documents back from a written index: [{location, title, text}] in index order."""
    manifest = unscript((folder / MANIFEST).read_text(encoding="ascii"))
    docs: list[dict] = []
    page = ""
    runs = iter(manifest["runs"])
    for n, count in enumerate(manifest["chunks"]):
        records = iter(unscript((folder / "d" / f"{n}.js").read_text(encoding="ascii")))
        for _ in range(count):
            for i in range(next(runs)):
                shown, title, text = next(records)
                if i == 0:
                    page = shown.split("#")[0]
                location = page + shown if i and shown.startswith("#") else shown
                docs.append({"location": location, "title": title, "text": text})
    return docs
