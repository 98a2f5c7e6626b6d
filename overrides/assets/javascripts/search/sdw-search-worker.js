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
 * Material. Answers come in steps, each as soon as the chunks it shows are in:
 * a screenful (SCREEN_GROUPS pages: one round of requests), the first ten
 * pages once the reader pauses (FILL), and, when the rest needs many more
 * chunks, the complete list once the reader has stopped typing (SETTLE). A search without results is said at once,
 * its close spelling follows when the suggestion words had to be loaded. Only
 * the newest query is answered.
 *
 * Loading ahead, so a key mostly finds what it needs: a word of one or two
 * letters loads the term shards its continuations are in; the chunks the
 * likeliest next letters would show are loaded (foresee) along with a key's
 * own chunks, or, when it had them all, once its screenful is drawn (HOLD).
 * Those requests wait in a queue, BACKGROUND at a time, behind what a query
 * needs now; a newer query drops what is still queued.
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
var SCREEN_GROUPS = 5;        /* pages answered first: a screenful, their chunks in one round of requests */
var FIRST_GROUPS = 10;        /* pages answered next (Material shows ten before the reader scrolls) */
var FILL = 300;               /* ms without a newer query before the first ten pages are answered
                                 (past a typing reader's next key: that list would be drawn for nothing) */
var AT_ONCE_CHUNKS = 16;      /* up to this many document chunks: the complete list follows at once */
var SETTLE = 400;             /* ms without a newer query before the rest of a long list is loaded */
var FORESEE_KEYS = 3;         /* next letters whose screenful's chunks are loaded ahead */
var PREFETCH_SHARDS = 4;      /* term shards at most loaded ahead for a word's first letters */
var BACKGROUND = 3;           /* requests at most ahead of need, so a key's own requests find a connection free */
var HOLD = 40;                /* ms after a screenful is answered before loading ahead: the page draws it meanwhile */

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
  /* lunr, lunr's stemmer support and lunr.nl, joined by the build into one file (one request).
   * A real worker's importScripts runs the file and returns nothing; the shim's returns a
   * promise. */
  return Promise.resolve(importScripts(BASE + "../vendor/lunr-nl.js"));
}

/* The thesaurus: plain data (self.SDW_THESAURUS = {...};), written by the build. Online it is
 * fetched and read as data, while importScripts fetches lunr (one after the other they would
 * cost a round trip more); offline the shim loads both as scripts side by side. Search works
 * without it, only without everyday words. */
function loadThesaurus() {
  if (self.SDW_THESAURUS)
    return Promise.resolve();
  var url = BASE + "sdw-thesaurus.js";
  var loading = shim ? Promise.resolve(importScripts(url)) : fetch(url).then(function (r) {
    if (!r.ok) throw new Error("Niet geladen: " + url);
    return r.text();
  }).then(function (text) {
    self.SDW_THESAURUS = JSON.parse(text.slice(text.indexOf("=", text.indexOf("SDW_THESAURUS")) + 1,
                                               text.lastIndexOf(";")));
  });
  return loading.catch(function (err) {
    console.warn("Zoekwoorden niet geladen:", err);
  });
}

/* The index's files: name ("manifest", "t/3", "d/12", "w/9") -> {promise of its data, queued}. */
var parts = {};
var waiting = [];  /* files wanted ahead of need, not yet requested (BACKGROUND at a time) */
var busy = 0;
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

/* A file's data; `ahead`: not needed yet (loaded after what is), else requested now. */
function part(name, ahead) {
  var entry = parts[name];
  if (!entry) {
    entry = parts[name] = { name: name, queued: false };
    entry.promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
    entry.promise.catch(function () { if (parts[name] === entry) delete parts[name]; });  /* tried again later */
    if (ahead) {
      entry.queued = true;
      waiting.push(entry);
      pump();
    } else {
      start(entry, false);
    }
  } else if (!ahead && entry.queued) {
    waiting.splice(waiting.indexOf(entry), 1);
    start(entry, false);
  }
  return entry.promise;
}

function start(entry, ahead) {
  entry.queued = false;
  if (ahead) busy++;
  load(indexBase + entry.name + ".js").then(entry.resolve, entry.reject).then(function () {
    if (ahead) {
      busy--;
      pump();
    }
  });
}

function pump() {
  while (busy < BACKGROUND && waiting.length)
    start(waiting.shift(), true);
}

var DROPPED = new Error("later");  /* a file no longer wanted ahead; an answer no longer wanted */

/* Forget what was to be loaded ahead for an earlier query. */
function dropWaiting() {
  waiting.forEach(function (entry) {
    delete parts[entry.name];  /* now: the next query may want it at once */
    entry.reject(DROPPED);
  });
  waiting = [];
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

var chunkIn = {};  /* chunk number -> true once its documents are in `docs` */

function chunk(n, ahead) {
  if (chunkIn[n])
    return Promise.resolve();
  return part("d/" + n, ahead).then(function (records) {
    if (chunkIn[n])
      return;
    chunkIn[n] = true;
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

/* What a query searches: its words, lunr's clauses, the shards those need, the thesaurus' part;
 * null for a query without words. */
function plan(raw) {
  var words = queryWords(raw);
  if (!words.length)
    return null;
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
  return { raw: String(raw), words: words, clauses: clauses, wanted: wanted, extra: extra, also: also,
           allStems: allStems.concat(alsoStems) };
}

var shardData = {};  /* term shard number -> its terms, once loaded */

/* Search `raw`; `early(answer)` gets the first pages while the rest still needs chunks, which
 * are loaded as they are needed (`stale()`: a newer query came; then null). */
function search(raw, early, stale) {
  var q = plan(raw);
  if (!q)
    return Promise.resolve({ items: [] });
  /* A word of one or two letters is mostly the start of a longer one: the shards the next keys
   * will need are loaded ahead (not for a start that many terms share). */
  q.words.forEach(function (w) {
    w.stems.forEach(function (s) {
      var ahead = s.length < 3 ? shardsFor(s, true) : [];
      if (ahead.length <= PREFETCH_SHARDS)
        ahead.forEach(function (i) { if (q.wanted.indexOf(i) < 0) shard(i, true).catch(function () {}); });
    });
  });
  return Promise.all(q.wanted.map(function (i) { return shard(i, false); })).then(function () {
    if (stale())
      return null;
    var groups = order(q);
    if (!groups.size) {
      var topics = manifest.topics || [];
      /* Nothing found: said at once; a close spelling follows when its words had to be loaded. */
      if (lengthsFor(q.words).some(function (l) { return !wordLists[l]; }))
        early({ items: [], sdw: { suggestion: null, topics: topics } });
      foresee(q);
      return suggest(q.words).then(function (suggestion) {
        return stale() ? null : { items: [], sdw: { suggestion: suggestion, topics: topics } };
      });
    }
    return rank(q, groups, early, stale);
  });
}

function shard(i, ahead) {
  if (shardData[i])
    return Promise.resolve(shardData[i]);
  return part("t/" + i, ahead).then(function (data) { shardData[i] = data; return data; });
}

/* The pages (runs) a planned query finds, best first: run -> its documents found, best first. */
function order(q) {
  var words = q.words, clauses = q.clauses, shards = shardData, extra = q.extra;
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
  return groups;
}

function chunksOf(list) {
  var out = [];
  list.forEach(function (run) { var c = chunkOf(run); if (out.indexOf(c) < 0) out.push(c); });
  return out;
}

/* The keys the reader may type next: the query with one more letter, the letters the indexed
 * terms that go on from its last word have most. For each, the chunks of the screenful it would
 * show are loaded ahead, so the next key mostly finds them in. */
function foresee(q) {
  var last = q.words[q.words.length - 1];
  var typed = fold(last.shown).replace(/['\u2019-]/g, "");
  if (typed.length < 2 || !/[\p{L}\p{N}]$/u.test(q.raw))
    return;
  var next = new Map();
  for (var k = 0, list = shardsFor(typed, true); k < list.length; k++) {
    var data = shardData[list[k]];
    if (!data)
      return;  /* not all in: no guess */
    for (var t in data) {
      if (t.length > typed.length && t.lastIndexOf(typed, 0) === 0) {
        var c = t.charAt(typed.length);
        next.set(c, (next.get(c) || 0) + data[t].length);
      }
    }
  }
  Array.from(next.keys()).sort(function (a, b) { return next.get(b) - next.get(a); })
    .slice(0, FORESEE_KEYS).forEach(function (c) {
      var guess = plan(q.raw + c);
      if (!guess || guess.wanted.some(function (i) { return !shardData[i]; }))
        return;
      chunksOf(Array.from(order(guess).keys()).slice(0, SCREEN_GROUPS)).forEach(function (n) {
        chunk(n, true).catch(function () {});
      });
    });
}

function rank(q, groups, early, stale) {
  var also = q.also, allStems = q.allStems;
  var runs = Array.from(groups.keys());
  var rendered = new Map();  /* run -> its group as answered: the same in every step */
  function reply(list) {
    var items = list.map(function (run) {
      if (rendered.has(run))
        return rendered.get(run);
      var group = groups.get(run).map(function (s) { return render(docs.get(s.id), s.score, s.terms, allStems); });
      var page = runStarts[run];
      if (pageRun(run) && !groups.get(run).some(function (s) { return s.id === page; }))
        group.push(render(docs.get(page), 0, {}, allStems));
      rendered.set(run, group);
      return group;
    });
    var out = { items: items };
    if (also.length)
      out.sdw = { also: also };
    return out;
  }
  function missing(list) {
    return chunksOf(list).filter(function (c) { return !chunkIn[c]; });
  }
  function loaded(list, ahead) {
    return Promise.all(missing(list).map(function (c) { return chunk(c, ahead); })).then(function () {});
  }
  /* Answer a screenful as soon as its chunks are in; the first ten pages once the reader has
   * paused (FILL: while typing, every answer is drawn anew, and the next key should not wait
   * for a list drawn below the fold); the whole list once the reader has stopped (SETTLE), when
   * it needs many more chunks. Each step waits only for the chunks it shows. The chunks of the
   * screenfuls the next keys may show are requested with the screenful's own, or, when those
   * were in, once it is drawn (HOLD: requests answered meanwhile would slow the drawing on a
   * busy device); those of a later step when the reader pauses (loaded while typing, they were
   * mostly never shown). */
  var screen = runs.slice(0, SCREEN_GROUPS), first = runs.slice(0, FIRST_GROUPS);
  function complete() {
    return stale() ? null : reply(runs);
  }
  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); }).then(function () {
      if (stale())
        throw DROPPED;
    });
  }
  var looked = false;
  function lookAhead() {
    if (!looked && !stale()) {
      looked = true;
      foresee(q);
    }
  }
  if (!missing(runs).length)
    return reply(runs);
  var waits = missing(screen).length > 0, screenIn = loaded(screen, false);
  if (waits)
    lookAhead();  /* the reader waits for the network anyway: the guesses travel with this key's chunks */
  return screenIn.then(function () {
    if (stale())
      throw DROPPED;
    if (!missing(runs).length)
      return reply(runs);
    early(reply(screen));
    setTimeout(lookAhead, HOLD);
    return pause(FILL).then(function () {
      return loaded(first, false);
    }).then(function () {
      if (stale())
        throw DROPPED;
      if (!missing(runs).length)
        return reply(runs);
      early(reply(first));
      if (chunksOf(runs).length <= AT_ONCE_CHUNKS)
        return loaded(runs, false).then(complete);
      return pause(SETTLE - FILL).then(function () {
        return loaded(runs, true);
      }).then(complete);
    });
  }).catch(function (err) {
    if (err === DROPPED)
      return null;
    throw err;
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

var wordLists = {};  /* word length -> its suggestion words, once loaded */

/* The query with each word replaced by the closest word a search finds, if any is close. */
function suggest(words) {
  return Promise.all(lengthsFor(words).map(function (l) {
    return wordLists[l] ? wordLists[l] : part("w/" + l).then(function (list) { return (wordLists[l] = list); });
  })).then(function (lists) {
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
    /* The manifest's and the thesaurus' requests first: they travel while importScripts holds
     * this thread. */
    var first = name ? part(name.replace(/^.*\//, "").replace(/\.js$/, "")) : Promise.resolve(null);
    var words = loadThesaurus();
    ready = Promise.all([first, loadLunr(), words]).then(function (done) {
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
      dropWaiting();  /* what an earlier query wanted ahead: this one asks for its own */
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
