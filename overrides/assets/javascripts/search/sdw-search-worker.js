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
  var vendor = scriptBase() + "../vendor/";
  return Promise.resolve(importScripts(
    vendor + "lunr.min.js",
    vendor + "lunr.stemmer.support.min.js",
    vendor + "lunr.nl.min.js"
  ));
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

/* --- index ------------------------------------------------------------------ */

function setup(data) {
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

function search(raw) {
  var words = queryWords(raw);
  if (!index || !words.length)
    return { items: [] };
  var allStems = [];
  words.forEach(function (w) { allStems = allStems.concat(w.stems); });

  var results = index.query(function (q) {
    words.forEach(function (w) {
      w.stems.forEach(function (s) {
        q.term(s, { usePipeline: false, boost: 10 });
        if (s.length >= 3)
          q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
      });
    });
  });

  var scored = results.slice(0, MAX_ITEMS).map(function (r) {
    var found = Object.keys(r.matchData.metadata);
    var terms = {}, hits = 0;
    words.forEach(function (w) {
      var ok = w.stems.some(function (s) {
        return found.some(function (t) { return t === s || (s.length >= 3 && t.indexOf(s) === 0); });
      });
      terms[w.shown] = ok;
      hits += ok ? 1 : 0;
    });
    var isPage = r.ref.indexOf("#") < 0;
    var boost = (isPage ? 1 : 0) + hits / words.length;
    return { ref: r.ref, score: r.score * (1 + boost * boost), terms: terms };
  });
  scored.sort(function (a, b) { return b.score - a.score; });

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
  return { items: Array.from(groups.values()) };
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
