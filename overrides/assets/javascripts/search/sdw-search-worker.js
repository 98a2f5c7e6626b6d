/*
 * Sterk door Werk: Dutch search for Material for MkDocs' search box.
 *
 * Material 9 lets a site replace its search worker (config.search) as long as
 * it speaks the same messages: SETUP (the index) -> READY, QUERY (the typed
 * text) -> RESULT ({items: groups of documents, best first}). Its own worker
 * turns every query word into a prefix wildcard, which lunr does not stem, so
 * Dutch inflections, accents and hyphens are missed. Here both the indexed
 * text and the query go through the same analysis:
 *
 *   fold      lower case, accents removed (coördinatie -> coordinatie)
 *   words     hyphenated words are indexed joined and as parts
 *             (re-integratie -> reintegratie, re, integratie); apostrophes go
 *   stop      Dutch stop words are dropped (van, de, het, ...)
 *   stem      Snowball Dutch stemmer (samenwerking, samenwerken -> samenwerk)
 *
 * A query word matches its stem exactly (strong) or as a prefix of an indexed
 * stem when it has 3+ letters (while typing: "samenw" finds "samenwerking").
 * Titles weigh 10x the text; whole pages outrank their sections, as in
 * Material. Runs as a real worker and, offline (file://), inside Material's
 * iframe-worker shim.
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
var WARM = 99;                /* ours: the search field got focus; load the index now, answer nothing */
var MAX_ITEMS = 120;          /* documents returned per query */
var TEASER = 220;             /* characters of text shown per result */

var index = null;
var byLocation = {};

/* --- loading lunr ------------------------------------------------------- */

function scriptBase() {
  /* Under iframe-worker this file is the iframe's first script[src]. */
  if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent) {
    return document.querySelector("script[src]").src.split("?")[0].replace(/[^/]*$/, "");
  }
  return self.location.href.split("?")[0].replace(/[^/]*$/, "");
}

function loadLunr() {
  if (typeof lunr !== "undefined")
    return Promise.resolve();
  var base = scriptBase(), vendor = base + "../vendor/";
  /* A real worker's importScripts runs the files in order and returns nothing; the
   * shim's returns a promise. */
  return Promise.resolve(importScripts(
    vendor + "lunr.min.js",
    vendor + "lunr.stemmer.support.min.js",
    vendor + "lunr.nl.min.js"
  )).then(function () {
    /* The thesaurus: plain data (self.SDW_THESAURUS), written by the build. Search
     * works without it, only without everyday words and suggestions. */
    try {
      return importScripts(base + "sdw-thesaurus.js");
    } catch (err) {
      console.warn("Zoekwoorden niet geladen:", err);
    }
  });
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

function tokenize(value) {
  if (value === null || value === undefined)
    return [];
  var tokens = [];
  var text = String(value);
  var match;
  WORD.lastIndex = 0;
  while ((match = WORD.exec(text)) !== null) {
    var terms = termsOf(match[0], false);
    for (var i = 0; i < terms.length; i++)
      tokens.push(new lunr.Token(terms[i], {}));
  }
  return tokens;
}

/* --- text helpers --------------------------------------------------------- */

var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", nbsp: " " };

function plain(html) {
  return String(html || "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#?\w+);/g, function (all, name) {
      if (name in ENTITIES) return ENTITIES[name];
      if (name[0] === "#") {
        var code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return isNaN(code) ? all : String.fromCodePoint(code);
      }
      return all;
    })
    .replace(/\s+/g, " ")
    .trim();
}

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

/* --- index ------------------------------------------------------------------ */

function setup(data) {
  vocabulary = null;
  byLocation = {};
  var docs = data.docs || [];
  for (var i = 0; i < docs.length; i++) {
    var doc = docs[i];
    byLocation[doc.location] = { location: doc.location, title: plain(doc.title), text: plain(doc.text) };
  }
  index = lunr(function () {
    this.ref("location");
    this.field("title", { boost: 10 });
    this.field("text");
    this.tokenizer = tokenize;
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.metadataWhitelist = [];
    for (var j = 0; j < docs.length; j++) {
      var d = byLocation[docs[j].location];
      this.add(d, { boost: d.location.indexOf("#") < 0 ? 1.5 : 1 });
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

function search(raw) {
  var words = queryWords(raw);
  if (!index || !words.length)
    return { items: [] };
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
  /* A term counts when all of its words are found ("psychische problemen", not any "problemen"). */
  function termFound(term, found) {
    return term.every(function (w) { return matches(w.stems, found); });
  }

  var results = index.query(function (q) {
    words.forEach(function (w) {
      w.stems.forEach(function (s) {
        q.term(s, { usePipeline: false, boost: 10 });
        if (s.length >= 3)
          q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
      });
    });
    /* Found through the thesaurus: weaker than the reader's own words. */
    alsoStems.forEach(function (s) {
      q.term(s, { usePipeline: false, boost: 3 });
      if (s.length >= 3)
        q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.3 });
    });
  });

  var scored = [];
  results.slice(0, MAX_ITEMS).forEach(function (r) {
    var found = Object.keys(r.matchData.metadata);
    var terms = {}, hits = 0, direct = false;
    words.forEach(function (w, i) {
      var own = matches(w.stems, found);
      var via = !own && extra[i].some(function (term) { return termFound(term, found); });
      terms[w.shown] = own || via;   /* Material strikes out a word it thinks is missing */
      hits += own ? 1 : via ? 0.5 : 0;
      direct = direct || own;
    });
    if (!hits)
      return;   /* only part of a term to search as well */
    var isPage = r.ref.indexOf("#") < 0;
    var boost = (isPage ? 1 : 0) + hits / words.length;
    /* A page found only through the thesaurus comes after those with the reader's words. */
    scored.push({ ref: r.ref, score: r.score * (1 + boost * boost) * (direct ? 1 : 0.5), terms: terms });
  });
  scored.sort(function (a, b) { return b.score - a.score; });
  allStems = allStems.concat(alsoStems);

  var groups = new Map();
  scored.forEach(function (s) {
    var page = s.ref.split("#")[0];
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(render(byLocation[s.ref], s.score, s.terms, allStems));
  });
  groups.forEach(function (items, page) {
    if (!items.some(function (i) { return i.location === page; }) && byLocation[page])
      items.push(render(byLocation[page], 0, {}, allStems));
  });
  if (!groups.size)
    return { items: [], sdw: { suggestion: suggest(words), topics: topics() } };
  var answer = { items: Array.from(groups.values()) };
  if (also.length)
    answer.sdw = { also: also };
  return answer;
}

/* --- a search without results ------------------------------------------------------ */

/* folded word -> {word: as written (in lower case once it is seen so: names keep
 * their capitals), weight: how often, titles and thesaurus words counting more} */
var vocabulary = null;

function addWords(text, weight) {
  var match, value = String(text || "");
  WORD.lastIndex = 0;
  while ((match = WORD.exec(value)) !== null) {
    var word = match[0], lower = word.toLowerCase();
    var folded = fold(lower);
    if (folded.length < 3 || folded.length > 30 || /^[\p{N}]+$/u.test(folded) || isStopWord(folded))
      continue;
    var known = vocabulary.get(folded);
    if (!known)
      vocabulary.set(folded, { word: word, weight: weight });
    else {
      known.weight += weight;
      if (word === lower) known.word = lower;
    }
  }
}

/* Every word a search can find: the index's titles and texts, and the thesaurus's words. */
function knownWords() {
  if (!vocabulary) {
    vocabulary = new Map();
    Object.keys(byLocation).forEach(function (location) {
      addWords(byLocation[location].title, 3);
      addWords(byLocation[location].text, 1);
    });
    ((self.SDW_THESAURUS || {}).groups || []).forEach(function (g) {
      (g.words || []).forEach(function (w) { addWords(w, 5); });
    });
  }
  return vocabulary;
}

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

function closest(word) {
  var folded = fold(word);
  var max = folded.length <= 3 ? 0 : folded.length <= 5 ? 1 : 2;
  if (!max)
    return null;
  var best = null, bestDistance = max + 1;
  knownWords().forEach(function (entry, candidate) {
    if (candidate === folded)
      return;
    var d = distance(folded, candidate, Math.min(max, bestDistance));
    if (d < bestDistance || (d === bestDistance && best && entry.weight > best.weight)) {
      best = entry;
      bestDistance = d;
    }
  });
  return best && bestDistance <= max ? best.word : null;
}

/* The query with each word replaced by the closest word a search finds, if any is close. */
function suggest(queryWordList) {
  var changed = false;
  var out = queryWordList.map(function (w) {
    var better = closest(w.shown);
    if (better && fold(better) !== fold(w.shown)) {
      changed = true;
      return better;
    }
    return w.shown;
  });
  return changed ? out.join(" ") : null;
}

/* The theme and audience pages with articles, as the index names them (online
 * "themas/ips/", offline "themas/ips.html"); a page not in the index is left out. */
function topics() {
  return ((self.SDW_THESAURUS || {}).topics || []).map(function (topic) {
    var pages = [];
    (topic.pages || []).forEach(function (p) {
      var location = [p.page + "/", p.page + ".html", p.page + "/index.html"]
        .filter(function (l) { return byLocation[l]; })[0];
      if (location)
        pages.push({ title: p.title, location: location });
    });
    return { label: topic.label, pages: pages };
  }).filter(function (topic) { return topic.pages.length; });
}

function render(doc, score, terms, stems) {
  var title = highlight(doc.title, stems)[0];
  var text = doc.text ? "<p>" + highlight(teaser(doc.text, stems), stems)[0] + "</p>" : "";
  return { location: doc.location, title: title, text: text, score: score, terms: terms };
}

/* --- messages ------------------------------------------------------------------ */

/*
 * Online builds hand over a stub index whose config names the real one
 * (sdw_index); lunr and the index are then loaded on the first query only.
 * Offline builds hand over the full index, which Material itself loads only
 * when search is opened.
 */
var setupData = null;
var ready = null;

function ensureIndex() {
  if (!ready) {
    var lazy = setupData && setupData.config && setupData.config.sdw_index;
    ready = loadLunr()
      .then(function () {
        if (!lazy)
          return setupData;
        var root = scriptBase().replace(/assets\/javascripts\/search\/$/, "");
        return fetch(root + lazy).then(function (r) { return r.json(); });
      })
      .then(function (data) { setup(data || { docs: [] }); });
  }
  return ready;
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      setupData = message.data;
      ready = null;
      if (!(setupData.config && setupData.config.sdw_index))
        return ensureIndex().then(function () { return { type: READY }; });
      return Promise.resolve({ type: READY });
    case QUERY:
      /* Material sends an empty query when the page starts: no reason to load anything. */
      if (!/[\p{L}\p{N}]/u.test(String(message.data || "")))
        return Promise.resolve({ type: RESULT, data: { items: [] } });
      return ensureIndex().then(function () {
        try {
          return { type: RESULT, data: search(message.data) };
        } catch (err) {
          console.warn("Zoeken mislukt:", err);
          return { type: RESULT, data: { items: [] } };
        }
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
