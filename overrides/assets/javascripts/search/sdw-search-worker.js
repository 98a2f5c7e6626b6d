/*
 * Sterk door Werk: Dutch search for Material for MkDocs' search box.
 *
 * Material 9 lets a site replace its search worker (config.search) as long as
 * it speaks the same messages: SETUP (the index) -> READY, QUERY (the typed
 * text) -> RESULT ({items: groups of documents, best first}). Its own worker
 * turns every query word into a prefix wildcard, which lunr does not stem, so
 * Dutch inflections, accents and hyphens are missed. Here the indexed text (at
 * build time, sdw/searchindex.py) and the query (here) go through the same
 * analysis, which tests/test_searchindex.py holds equal word for word:
 *
 *   fold      lower case, accents removed (coördinatie -> coordinatie)
 *   words     hyphenated words are indexed joined and as parts
 *             (re-integratie -> reintegratie, re, integratie); apostrophes go
 *   stop      Dutch stop words are dropped (van, de, het, ...)
 *   stem      Snowball Dutch stemmer (samenwerking, samenwerken -> samenwerk),
 *             lunr-languages' lunr.nl.stemmer (vendor/, loaded with lunr)
 *
 * The index is prebuilt and split (search/sdw/, see sdw/searchindex.py): a
 * small manifest, loaded when the search field gets focus or at the first
 * query; term shards (postings with BM25 scores), loaded for the words typed;
 * document chunks (title and text of a few pages), loaded for the results
 * shown; suggestion words by length, loaded for a search without results.
 * Online the files are fetched; offline (file://, inside Material's
 * iframe-worker shim) they are script elements. Every file is a script
 * `sdwIndex({...})`, so both read the same files.
 *
 * A query word matches its stem exactly (strong) or as a prefix of an indexed
 * stem when it has 3+ letters (while typing: "samenw" finds "samenwerking").
 * Titles weigh 10x the text; whole pages outrank their sections, as in
 * Material. The first ten pages are answered as soon as their chunks are in;
 * when the rest needs more chunks, a second, complete answer follows once the
 * reader has stopped typing (SETTLE). Only the newest query is answered.
 *
 * Everyday words (content/zoekwoorden.yml, generated into sdw-thesaurus.js
 * next to this file and loaded with lunr): a query word or phrase found there
 * also searches its group's terms ("burnout" -> "psychische problemen"),
 * analysed the same way and ranked below what the query itself finds. A
 * query that finds nothing gets help instead: a close spelling from the
 * index's words and the thesaurus ("Bedoelde je ...?") and the theme and
 * audience pages that have articles, in RESULT's `sdw` field, which
 * sdw-search-setup.js shows in Material's result area.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var WARM = 99;                /* ours: the search field got focus; load the manifest now, answer nothing */
var MAX_ITEMS = 120;          /* documents returned per query */
var TEASER = 220;             /* characters of text shown per result */
var FIRST_GROUPS = 10;        /* pages answered first (Material shows ten before the reader scrolls) */
var ONE_ANSWER_CHUNKS = 16;   /* up to this many document chunks to load, one answer only */
var SETTLE = 400;             /* ms without a newer query before the rest of a long list is loaded */

/* --- loading --------------------------------------------------------------- */

var shim = typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent;

function scriptBase() {
  /* Under iframe-worker this file is the iframe's first script[src]. */
  if (shim)
    return document.querySelector("script[src]").src.split("?")[0].replace(/[^/]*$/, "");
  return self.location.href.split("?")[0].replace(/[^/]*$/, "");
}

var BASE = scriptBase();

function loadLunr() {
  if (typeof lunr !== "undefined")
    return Promise.resolve();
  /* lunr, lunr's stemmer support and lunr.nl, joined by the build into one file (one request:
   * a worker's importScripts fetches its files one after another). A real worker's
   * importScripts runs the file and returns nothing; the shim's returns a promise. */
  return Promise.resolve(importScripts(BASE + "../vendor/lunr-nl.js")).then(function () {
    /* The thesaurus: plain data (self.SDW_THESAURUS), written by the build. Search
     * works without it, only without everyday words. */
    try {
      return importScripts(BASE + "sdw-thesaurus.js");
    } catch (err) {
      console.warn("Zoekwoorden niet geladen:", err);
    }
  });
}

/* The index's files: name ("manifest", "t/3", "d/12", "w/9") -> promise of its data. */
var parts = {};
var delivered = {};
var indexBase = null;

/* What an index file calls when it runs as a script (offline). */
self.sdwIndex = function (data) {
  delivered[document.currentScript.src] = data;
};

function load(url) {
  if (shim) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () {
        var data = delivered[script.src];
        delete delivered[script.src];
        script.remove();
        if (data === undefined) reject(new Error("Geen zoekgegevens in " + url));
        else resolve(data);
      };
      script.onerror = function () { script.remove(); reject(new Error("Niet geladen: " + url)); };
      document.body.appendChild(script);
    });
  }
  return fetch(url).then(function (r) {
    if (!r.ok) throw new Error("Niet geladen: " + url);
    return r.text();
  }).then(function (text) {
    return JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")));
  });
}

function part(name) {
  if (!parts[name]) {
    parts[name] = load(indexBase + name + ".js");
    parts[name].catch(function () { delete parts[name]; });  /* a later query tries again */
  }
  return parts[name];
}

/* --- analysis: the same for documents and queries ------------------------ */

var WORD = /[\p{L}\p{N}]+(?:[-'\u2019][\p{L}\p{N}]+)*/gu;
var stemCache = new Map();

function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function isStopWord(word) {
  return lunr.nl.stopWordFilter(word) === undefined;
}

function stem(word) {
  var cached = stemCache.get(word);
  if (cached === undefined) {
    cached = lunr.nl.stemmer(new lunr.Token(word, {})).toString();
    stemCache.set(word, cached);
  }
  return cached;
}

/* The index terms of one word as written: joined form and hyphen parts, stemmed. */
function termsOf(word, keepStopWords) {
  var folded = fold(word).replace(/['\u2019]/g, "");
  var forms = [folded.replace(/-/g, "")];
  if (folded.indexOf("-") >= 0)
    forms = forms.concat(folded.split("-"));
  var out = [];
  for (var i = 0; i < forms.length; i++) {
    var form = forms[i];
    if (!form || (!keepStopWords && isStopWord(form)))
      continue;
    out.push(stem(form));
  }
  return out;
}

/* The terms of every word in a text, in order (what the build indexes; tests compare the two). */
function tokensOf(value) {
  var out = [], match, text = String(value || "");
  WORD.lastIndex = 0;
  while ((match = WORD.exec(text)) !== null)
    out.push.apply(out, termsOf(match[0], false));
  return out;
}

/* --- text helpers --------------------------------------------------------- */

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

/* Wrap the words that match a query stem in <mark>; returns [html, first mark offset]. */
function highlight(text, stems) {
  var out = "", last = 0, first = -1, match;
  WORD.lastIndex = 0;
  while ((match = WORD.exec(text)) !== null) {
    var terms = termsOf(match[0], true);
    var hit = terms.some(function (t) {
      return stems.some(function (s) { return t === s || (s.length >= 3 && t.indexOf(s) === 0); });
    });
    if (!hit)
      continue;
    out += escapeHtml(text.slice(last, match.index));
    if (first < 0) first = out.length;
    out += "<mark>" + escapeHtml(match[0]) + "</mark>";
    last = match.index + match[0].length;
  }
  return [out + escapeHtml(text.slice(last)), first];
}

function teaser(text, stems) {
  var start = 0;
  if (text.length > TEASER) {
    var lower = fold(text);
    var found = -1;
    for (var i = 0; i < stems.length && found < 0; i++)
      found = lower.indexOf(stems[i]);
    start = found > 60 ? text.lastIndexOf(" ", found - 40) + 1 : 0;
  }
  var piece = text.slice(start, start + TEASER);
  if (start + TEASER < text.length)
    piece = piece.replace(/\s+\S*$/, "") + " …";
  return (start > 0 ? "… " : "") + piece;
}

/* Key of a word for thesaurus look-ups: its joined form, stemmed; null for a stop word. */
function keyOf(word) {
  var joined = fold(word).replace(/['\u2019]/g, "").replace(/-/g, "");
  return !joined || isStopWord(joined) ? null : stem(joined);
}

function keysOf(text) {
  var keys = [], match, value = String(text || "");
  WORD.lastIndex = 0;
  while ((match = WORD.exec(value)) !== null) {
    var key = keyOf(match[0]);
    if (key) keys.push(key);
  }
  return keys;
}

/* --- thesaurus --------------------------------------------------------------- */

/* [{keys: the stems of a word or phrase readers type, group: {terms: per term to
 * search as well its query words, text: those terms as written}}], made once. */
var entries = null;

function thesaurus() {
  if (entries)
    return entries;
  entries = [];
  var data = self.SDW_THESAURUS || {};
  (data.groups || []).forEach(function (g) {
    var terms = (g.also || []).map(function (term) { return queryWords(term); })
      .filter(function (term) { return term.length; });
    var group = { terms: terms, text: (g.also || []).slice() };
    (g.words || []).forEach(function (word) {
      var keys = keysOf(word);
      if (keys.length)
        entries.push({ keys: keys, group: group });
    });
  });
  return entries;
}

/* The groups whose word or phrase the query contains (as whole words), with the
 * positions of the query words it covers. */
function expansions(words) {
  var keys = words.map(function (w) { return keyOf(w.shown); });
  var found = [];
  thesaurus().forEach(function (entry) {
    for (var i = 0; i + entry.keys.length <= keys.length; i++) {
      var all = entry.keys.every(function (k, j) { return keys[i + j] === k; });
      if (all) {
        found.push({ group: entry.group, from: i, to: i + entry.keys.length });
        break;
      }
    }
  });
  return found;
}

/* --- the manifest ------------------------------------------------------------- */

var manifest = null;
var runStarts = null;    /* first document id of every page run */
var chunkStarts = null;  /* first run of every document chunk */

function starts(counts) {
  var out = [], at = 0;
  for (var i = 0; i < counts.length; i++) {
    out.push(at);
    at += counts[i];
  }
  return out;
}

/* The last i with list[i] <= value (list ascending, list[0] <= value). */
function below(list, value) {
  var lo = 0, hi = list.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (list[mid] <= value) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function useManifest(data) {
  manifest = data;
  runStarts = starts(data.runs);
  chunkStarts = starts(data.chunks);
}

/* --- terms -------------------------------------------------------------------- */

/* The shards a clause needs: the one that holds the term, and for a prefix all up to
 * the first that starts past it. */
function shardsFor(term, prefix) {
  var bounds = manifest.shards, first = below(bounds, term), out = [first];
  if (prefix) {
    var end = term + "\uffff";
    for (var i = first + 1; i < bounds.length && bounds[i] < end; i++) out.push(i);
  }
  return out;
}

/* The indexed terms a clause finds in the loaded shards. */
function expand(term, prefix, shards) {
  var out = [];
  shardsFor(term, prefix).forEach(function (i) {
    var shard = shards[i];
    if (!prefix) {
      if (Object.prototype.hasOwnProperty.call(shard, term)) out.push([term, shard[term]]);
      return;
    }
    Object.keys(shard).forEach(function (t) {
      if (t.lastIndexOf(term, 0) === 0) out.push([t, shard[t]]);
    });
  });
  return out;
}

/* --- documents ------------------------------------------------------------------- */

var docs = new Map();  /* document id -> {location, title, text}, from loaded chunks */

/* Whether a run starts with its page's own document (not so for the build's "orphans"). */
function pageRun(run) {
  return (manifest.orphans || []).indexOf(run) < 0;
}

function chunkOf(run) {
  return below(chunkStarts, run);
}

function chunk(n) {
  return part("d/" + n).then(function (records) {
    var run = chunkStarts[n], id = runStarts[run], page = "";
    var end = n + 1 < chunkStarts.length ? chunkStarts[n + 1] : manifest.runs.length;
    var k = 0;
    for (; run < end; run++) {
      for (var i = 0; i < manifest.runs[run]; i++, k++, id++) {
        var r = records[k];
        if (!i) page = r[0].split("#")[0];
        if (!docs.has(id))
          docs.set(id, { location: i && r[0][0] === "#" ? page + r[0] : r[0], title: r[1], text: r[2] });
      }
    }
  });
}

/* --- query -------------------------------------------------------------------- */

function queryWords(raw) {
  var words = [], match, text = String(raw || "");
  WORD.lastIndex = 0;
  while ((match = WORD.exec(text)) !== null)
    words.push(match[0]);
  var meaningful = words.filter(function (w) { return termsOf(w, false).length > 0; });
  var keepStop = meaningful.length === 0;
  var out = [];
  (keepStop ? words : meaningful).forEach(function (word) {
    var stems = termsOf(word, keepStop);
    if (stems.length)
      out.push({ shown: word, stems: stems });
  });
  return out;
}

function matches(stems, found) {
  return stems.some(function (s) {
    return found.some(function (t) { return t === s || (s.length >= 3 && t.indexOf(s) === 0); });
  });
}

/* Search `raw`; `early(answer)` gets the first pages when the rest needs more chunks, which are
 * loaded once the reader has stopped typing (`stale()`: a newer query came; then null). */
function search(raw, early, stale) {
  var words = queryWords(raw);
  if (!words.length)
    return Promise.resolve({ items: [] });
  var allStems = [];
  words.forEach(function (w) { allStems = allStems.concat(w.stems); });

  /* The terms the thesaurus adds for each query word (a phrase: for each of its words). */
  var extra = words.map(function () { return []; });
  var also = [], alsoStems = [];
  expansions(words).forEach(function (x) {
    x.group.text.forEach(function (t) { if (also.indexOf(t) < 0) also.push(t); });
    x.group.terms.forEach(function (term) {
      for (var i = x.from; i < x.to; i++) extra[i].push(term);
      term.forEach(function (w) {
        w.stems.forEach(function (s) { if (alsoStems.indexOf(s) < 0 && allStems.indexOf(s) < 0) alsoStems.push(s); });
      });
    });
  });

  /* lunr's query, clause by clause: [term, prefix?, boost]. Found through the thesaurus:
   * weaker than the reader's own words. */
  var clauses = [];
  words.forEach(function (w) {
    w.stems.forEach(function (s) {
      clauses.push([s, false, 10]);
      if (s.length >= 3) clauses.push([s, true, 1]);
    });
  });
  alsoStems.forEach(function (s) {
    clauses.push([s, false, 3]);
    if (s.length >= 3) clauses.push([s, true, 0.3]);
  });
  var wanted = [];
  clauses.forEach(function (c) {
    shardsFor(c[0], c[1]).forEach(function (i) { if (wanted.indexOf(i) < 0) wanted.push(i); });
  });
  return Promise.all(wanted.map(function (i) { return part("t/" + i); })).then(function (loaded) {
    var shards = {};
    wanted.forEach(function (i, k) { shards[i] = loaded[k]; });
    return rank(words, clauses, shards, extra, also, allStems.concat(alsoStems), early, stale);
  });
}

function rank(words, clauses, shards, extra, also, allStems, early, stale) {
  /* Each indexed term weighs the sum of the boosts of the clauses that find it; a
   * document scores the sum of weight x its stored score, over the query's length. */
  var weights = new Map(), postings = new Map();
  clauses.forEach(function (c) {
    expand(c[0], c[1], shards).forEach(function (found) {
      weights.set(found[0], (weights.get(found[0]) || 0) + c[2]);
      postings.set(found[0], found[1]);
    });
  });
  var norm = 0;
  weights.forEach(function (w) { norm += w * w; });
  norm = Math.sqrt(norm) || 1;
  var scores = new Map(), terms = new Map();
  weights.forEach(function (w, term) {
    var flat = postings.get(term), id = 0;
    for (var i = 0; i < flat.length; i += 2) {
      id += flat[i];
      scores.set(id, (scores.get(id) || 0) + w * flat[i + 1] / 10);
      if (!terms.has(id)) terms.set(id, []);
      terms.get(id).push(term);
    }
  });
  var results = [];
  scores.forEach(function (score, id) { results.push({ id: id, score: score / norm }); });
  results.sort(function (a, b) { return b.score - a.score || a.id - b.id; });

  /* A term counts when all of its words are found ("psychische problemen", not any "problemen"). */
  function termFound(term, found) {
    return term.every(function (w) { return matches(w.stems, found); });
  }
  var scored = [];
  results.slice(0, MAX_ITEMS).forEach(function (r) {
    var found = terms.get(r.id);
    var shown = {}, hits = 0, direct = false;
    words.forEach(function (w, i) {
      var own = matches(w.stems, found);
      var via = !own && extra[i].some(function (term) { return termFound(term, found); });
      shown[w.shown] = own || via;   /* Material strikes out a word it thinks is missing */
      hits += own ? 1 : via ? 0.5 : 0;
      direct = direct || own;
    });
    if (!hits)
      return;   /* only part of a term to search as well */
    var run = below(runStarts, r.id);
    var isPage = r.id === runStarts[run] && pageRun(run);
    var boost = (isPage ? 1 : 0) + hits / words.length;
    /* A page found only through the thesaurus comes after those with the reader's words. */
    scored.push({ id: r.id, run: run, score: r.score * (1 + boost * boost) * (direct ? 1 : 0.5), terms: shown });
  });
  scored.sort(function (a, b) { return b.score - a.score; });

  /* Pages (runs) in order of their best document. */
  var groups = new Map();
  scored.forEach(function (s) {
    if (!groups.has(s.run)) groups.set(s.run, []);
    groups.get(s.run).push(s);
  });
  if (!groups.size) {
    return suggest(words).then(function (suggestion) {
      return { items: [], sdw: { suggestion: suggestion, topics: manifest.topics || [] } };
    });
  }
  var runs = Array.from(groups.keys());
  function chunksOf(list) {
    var out = [];
    list.forEach(function (run) { var c = chunkOf(run); if (out.indexOf(c) < 0) out.push(c); });
    return out;
  }
  function reply(list) {
    var items = list.map(function (run) {
      var group = groups.get(run).map(function (s) { return render(docs.get(s.id), s.score, s.terms, allStems); });
      var page = runStarts[run];
      if (pageRun(run) && !groups.get(run).some(function (s) { return s.id === page; }))
        group.push(render(docs.get(page), 0, {}, allStems));
      return group;
    });
    var out = { items: items };
    if (also.length)
      out.sdw = { also: also };
    return out;
  }
  var all = chunksOf(runs);
  if (all.length <= ONE_ANSWER_CHUNKS)
    return Promise.all(all.map(chunk)).then(function () { return reply(runs); });
  var first = runs.slice(0, FIRST_GROUPS);
  return Promise.all(chunksOf(first).map(chunk)).then(function () {
    early(reply(first));
    return new Promise(function (resolve) { setTimeout(resolve, SETTLE); });
  }).then(function () {
    if (stale())
      return null;
    return Promise.all(all.map(chunk)).then(function () { return stale() ? null : reply(runs); });
  });
}

/* --- a search without results ------------------------------------------------------ */

/* Edit distance (adjacent swaps count as one), or more than `max` as soon as it must be. */
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max)
    return max + 1;
  var before = null, previous = [], current;
  for (var j = 0; j <= b.length; j++) previous.push(j);
  for (var i = 1; i <= a.length; i++) {
    current = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max)
      return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/* The closest word a search finds (within 1 edit for 4-5 letters, 2 for more), as written:
 * from the suggestion words of the lengths in reach, in the order the build first saw them. */
function closest(word, candidates) {
  var folded = fold(word);
  var max = folded.length <= 3 ? 0 : folded.length <= 5 ? 1 : 2;
  if (!max)
    return null;
  var best = null, bestDistance = max + 1;
  candidates.forEach(function (entry) {
    var candidate = entry[0];
    if (candidate === folded)
      return;
    var d = distance(folded, candidate, Math.min(max, bestDistance));
    if (d < bestDistance || (d === bestDistance && best && entry[1] > best[1])) {
      best = entry;
      bestDistance = d;
    }
  });
  return best && bestDistance <= max ? (best.length > 3 ? best[3] : best[0]) : null;
}

/* The word lengths whose suggestion words a query word needs. */
function lengthsFor(words) {
  var lengths = [];
  words.forEach(function (w) {
    var n = fold(w.shown).length, max = n <= 3 ? 0 : n <= 5 ? 1 : 2;
    for (var l = n - max; max && l <= n + max; l++)
      if (manifest.words.indexOf(l) >= 0 && lengths.indexOf(l) < 0) lengths.push(l);
  });
  return lengths;
}

/* The query with each word replaced by the closest word a search finds, if any is close. */
function suggest(words) {
  return Promise.all(lengthsFor(words).map(function (l) { return part("w/" + l); })).then(function (lists) {
    var candidates = [].concat.apply([], lists).sort(function (a, b) { return a[2] - b[2]; });
    var changed = false;
    var out = words.map(function (w) {
      var better = closest(w.shown, candidates);
      if (better && fold(better) !== fold(w.shown)) {
        changed = true;
        return better;
      }
      return w.shown;
    });
    return changed ? out.join(" ") : null;
  });
}

function render(doc, score, terms, stems) {
  var title = highlight(doc.title, stems)[0];
  var text = doc.text ? "<p>" + highlight(teaser(doc.text, stems), stems)[0] + "</p>" : "";
  return { location: doc.location, title: title, text: text, score: score, terms: terms };
}

/* --- messages ------------------------------------------------------------------ */

/*
 * The build hands Material a stub index whose config names our manifest
 * (sdw_index); lunr, the thesaurus and the manifest are loaded when the search
 * field gets focus or at the first query, the rest as queries need it.
 */
var setupData = null;
var ready = null;
var latest = 0;  /* the number of the newest query: only its answers are sent */

function ensureIndex() {
  if (!ready) {
    var name = setupData && setupData.config && setupData.config.sdw_index;
    var root = BASE.replace(/assets\/javascripts\/search\/$/, "");
    indexBase = name ? (root + name).replace(/[^/]*$/, "") : null;
    /* The manifest's request first: it travels while importScripts holds this thread. */
    var first = name ? part(name.replace(/^.*\//, "").replace(/\.js$/, "")) : Promise.resolve(null);
    ready = Promise.all([first, loadLunr()]).then(function (done) {
      if (done[0]) useManifest(done[0]);
    });
    ready.catch(function () { ready = null; });
  }
  return ready;
}

function answer(seq, data) {
  if (seq === latest)
    postMessage({ type: RESULT, data: data });
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      setupData = message.data;
      ready = null;
      return Promise.resolve({ type: READY });
    case QUERY:
      var seq = ++latest;
      /* Material sends an empty query when the page starts: no reason to load anything. */
      if (!/[\p{L}\p{N}]/u.test(String(message.data || "")))
        return Promise.resolve({ type: RESULT, data: { items: [] } });
      return ensureIndex().then(function () {
        if (!manifest || seq !== latest)
          return { items: [] };
        return search(message.data, function (early) { answer(seq, early); },
                      function () { return seq !== latest; });
      }).catch(function (err) {
        console.warn("Zoeken mislukt:", err);
        return { items: [] };
      }).then(function (data) {
        if (data) answer(seq, data);
        return null;
      });
    case WARM:
      if (setupData)
        ensureIndex();
      return Promise.resolve(null);
    default:
      return Promise.reject(new TypeError("Onbekend bericht"));
  }
}

addEventListener("message", function (ev) {
  handle(ev.data).then(function (answer) { if (answer) postMessage(answer); });
});
