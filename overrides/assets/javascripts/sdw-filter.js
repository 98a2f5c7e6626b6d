/* Sterk door Werk: narrow a list of cards by audience, theme, type and year, in the browser.
 *
 * The generator (scripts/sdw/generate.py, filter_data) puts everything on the page:
 * each card has data-doelgroepen, data-themas, data-soort and data-jaar; the list has
 * data-sdw-filter, JSON with the facets, the labels of their values and the Dutch words
 * of the interface. This script builds the controls from that (without it the whole list
 * shows and no control appears), hides the cards that do not match (OR within a facet,
 * AND across facets), counts per value what choosing it would show given the other
 * facets, and keeps the choice in the query string (?doelgroep=a,b&jaar=2021) with
 * history.replaceState so a filtered view can be shared. No request, works on file://.
 * One pass over the cards per change, writes only (no layout reads): fast for 10,000 cards.
 */
(function () {
  "use strict";
  var list = document.querySelector(".sdw-cards[data-sdw-filter]");
  if (!list || !document.createElement("details").addEventListener) return;
  var config;
  try { config = JSON.parse(list.getAttribute("data-sdw-filter")); } catch (e) { return; }
  var texts = config.texts, facets = config.facets || [];
  if (!facets.length) return;

  var cards = [], i, k;
  for (i = 0; i < list.children.length; i++) {
    if (list.children[i].classList.contains("sdw-card")) cards.push(list.children[i]);
  }
  var total = cards.length, shownBefore = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) { return key in values ? values[key] : m; });
  }

  // Facets: value -> index; per card and facet the indices of its values.
  facets.forEach(function (facet) {
    facet.index = Object.create(null);
    facet.values.forEach(function (v, n) { facet.index[v[0]] = n; });
    facet.selected = facet.values.map(function () { return false; });
    facet.counts = facet.values.map(function () { return 0; });
    facet.active = 0;
    facet.boxes = [];
    facet.numbers = [];
  });
  var data = cards.map(function (card) {
    shownBefore.push(true);
    return facets.map(function (facet) {
      var out = [], raw = (card.getAttribute("data-" + facet.attr) || "").split(" ");
      for (var n = 0; n < raw.length; n++) {
        if (raw[n] in facet.index) out.push(facet.index[raw[n]]);
      }
      return out;
    });
  });

  // ---------- the controls ----------
  var root = el("div", "sdw-filter");
  var panel = el("details", "sdw-filter__panel");
  var summary = el("summary", null, texts.summary);
  var activeNote = el("span");
  summary.appendChild(activeNote);
  panel.appendChild(summary);
  var groups = el("div", "sdw-filter__facets");
  facets.forEach(function (facet, f) {
    var fieldset = el("fieldset", "sdw-filter__facet");
    fieldset.appendChild(el("legend", null, facet.legend));
    facet.values.forEach(function (value, n) {
      var label = el("label", "sdw-filter__option");
      var box = el("input");
      box.type = "checkbox";
      box.name = facet.name;
      box.value = value[0];
      box.setAttribute("data-facet", f);
      box.setAttribute("data-value", n);
      var text = el("span", null, value[1] + " "), number = el("span", "sdw-filter__n");
      text.appendChild(number);
      label.appendChild(box);
      label.appendChild(text);
      fieldset.appendChild(label);
      facet.boxes.push(box);
      facet.numbers.push(number);
    });
    groups.appendChild(fieldset);
  });
  panel.appendChild(groups);
  root.appendChild(panel);
  var bar = el("div", "sdw-filter__bar");
  var status = el("p", "sdw-filter__status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  var clear = el("button", "sdw-filter__clear", texts.clear);
  clear.type = "button";
  bar.appendChild(status);
  bar.appendChild(clear);
  root.appendChild(bar);

  // ---------- state <-> query string ----------
  function decode(s) {
    try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return ""; }
  }
  function readQuery() {
    var parts = window.location.search.replace(/^\?/, "").split("&"), wanted = Object.create(null);
    parts.forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("="), key = decode(eq < 0 ? part : part.slice(0, eq));
      var values = eq < 0 ? [] : decode(part.slice(eq + 1)).split(",");
      wanted[key] = (wanted[key] || []).concat(values);
    });
    facets.forEach(function (facet) {
      (wanted[facet.name] || []).forEach(function (value) {
        if (value in facet.index) facet.selected[facet.index[value]] = true;  // unknown values: ignored
      });
    });
  }
  function writeQuery() {
    var names = Object.create(null), kept = [], query;
    facets.forEach(function (facet) { names[facet.name] = true; });
    window.location.search.replace(/^\?/, "").split("&").forEach(function (part) {
      if (part && !(decode(part.split("=")[0]) in names)) kept.push(part);
    });
    facets.forEach(function (facet) {
      var chosen = facet.values.filter(function (v, n) { return facet.selected[n]; })
        .map(function (v) { return encodeURIComponent(v[0]); });
      if (chosen.length) kept.push(facet.name + "=" + chosen.join(","));
    });
    query = kept.length ? "?" + kept.join("&") : "";
    if (query === window.location.search) return;
    try {
      window.history.replaceState(window.history.state, "",
        window.location.pathname + query + window.location.hash);
    } catch (e) { /* some browsers refuse on file://: the filter still works */ }
  }

  // ---------- one pass: visibility and the count per value ----------
  function update() {
    var f, n, active = 0, shown = 0;
    for (f = 0; f < facets.length; f++) {
      var facet = facets[f];
      facet.active = 0;
      for (n = 0; n < facet.values.length; n++) {
        facet.counts[n] = 0;
        if (facet.selected[n]) facet.active++;
      }
      active += facet.active;
    }
    for (i = 0; i < total; i++) {
      var row = data[i], fails = 0, failed = -1;
      for (f = 0; f < facets.length && fails < 2; f++) {
        if (!facets[f].active) continue;
        var sel = facets[f].selected, values = row[f], hit = false;
        for (n = 0; n < values.length; n++) {
          if (sel[values[n]]) { hit = true; break; }
        }
        if (!hit) { fails++; failed = f; }
      }
      // A value's count: the cards that would show if it were chosen (alone) in its
      // facet, the other facets as they are: every shown card, plus the cards that
      // fail this facet only.
      if (fails === 0) {
        shown++;
        for (f = 0; f < facets.length; f++) {
          for (n = 0; n < row[f].length; n++) facets[f].counts[row[f][n]]++;
        }
      } else if (fails === 1) {
        for (n = 0; n < row[failed].length; n++) facets[failed].counts[row[failed][n]]++;
      }
      var visible = fails === 0;
      if (visible !== shownBefore[i]) {
        // A class, not the hidden attribute: Material has a sibling rule on [hidden]
        // (":not([hidden]) ~ .md-content") that makes Chromium revisit every following
        // sibling on each change, quadratic in the number of cards.
        cards[i].classList.toggle("sdw-card--out", !visible);
        shownBefore[i] = visible;
      }
    }
    for (f = 0; f < facets.length; f++) {
      for (n = 0; n < facets[f].values.length; n++) {
        var box = facets[f].boxes[n], count = facets[f].counts[n];
        box.checked = facets[f].selected[n];
        box.disabled = count === 0 && !box.checked;
        facets[f].numbers[n].textContent = "(" + count + ")";
      }
    }
    var text = format(texts.count, {n: shown, m: total}) + (shown === 0 ? " " + texts.none : "");
    if (status.textContent !== text) status.textContent = text;
    activeNote.textContent = active ? " (" + format(texts.active, {n: active}) + ")" : "";
    clear.hidden = active === 0;
  }

  groups.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.hasAttribute("data-facet")) return;
    facets[+box.getAttribute("data-facet")].selected[+box.getAttribute("data-value")] = box.checked;
    update();
    writeQuery();
  });
  clear.addEventListener("click", function () {
    facets.forEach(function (facet) {
      for (var n = 0; n < facet.selected.length; n++) facet.selected[n] = false;
    });
    update();
    writeQuery();
    summary.focus();  // the button hides itself: keep the keyboard user in the filters
  });

  readQuery();
  update();
  // Open on wide screens; on phones folded, so the list stays in view.
  panel.open = !window.matchMedia || window.matchMedia("(min-width: 45em)").matches;
  list.parentNode.insertBefore(root, list);
})();
