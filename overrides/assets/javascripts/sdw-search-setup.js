/* Material's search box with our Dutch worker (search/sdw-search-worker.js).
 * Loaded with a plain <script src> right after Material's <script id="__config">
 * and before its bundle (overrides/main.html), so it runs synchronously in
 * between: it swaps the worker address in that config before the bundle reads
 * it. A file rather than an inline script, so the Content-Security-Policy needs
 * no hash for it. The worker's address is found next to this file's own.
 *
 * It also listens to that worker's answers (RESULT, with our `sdw` field) and
 * shows, in Material's result area, what Material does not: for a search
 * without results a close spelling ("Bedoelde je ...?", which searches when
 * chosen) and links to the theme and audience pages; for a search that used
 * the thesaurus, what it searched as well. Text only through textContent; the
 * links are reached with the arrow keys like Material's own results. */
(function (d) {
  var me = d.currentScript, el = d.getElementById("__config");
  if (!me || !el) return;
  var config = JSON.parse(el.textContent);
  config.search = me.getAttribute("src").replace(/[^/]*$/, "search/sdw-search-worker.js");
  el.textContent = JSON.stringify(config);
  /* Warm up: the first time the search field gets focus, ask our worker to load
   * the index, so it is usually ready by the time the first word is typed. */
  var W = window.Worker, worker = null;
  if (W) {
    window.Worker = function (url, options) {
      var w = new W(url, options);
      if (String(url).indexOf("sdw-search-worker") >= 0) {
        worker = w;
        w.addEventListener("message", answered);
      }
      return w;
    };
    window.Worker.prototype = W.prototype;
  }
  d.addEventListener("focusin", function warm(ev) {
    if (worker && ev.target.classList && ev.target.classList.contains("md-search__input")) {
      worker.postMessage({ type: 99 });
      d.removeEventListener("focusin", warm);
    }
  });

  /* --- help with the results (the worker's `sdw` field) ------------------------ */
  var RESULT = 3;
  var help = null, status = null, topics = null, suggestion = null;

  function make(tag, className, text) {
    var node = d.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A link as Material's keyboard handling expects one: an element inside (it reads
   * the first child's score when Enter is pressed in the field). */
  function link(href, text, className) {
    var a = make("a", className);
    a.href = href;
    a.appendChild(make("span", "", text));
    return a;
  }

  /* Between Material's count row and its list (which it finds as first and last child). */
  function area() {
    if (help && help.isConnected) return help;
    var result = d.querySelector(".md-search-result");
    var meta = result && result.querySelector(".md-search-result__meta");
    if (!meta) return null;
    help = make("div", "sdw-search-help");
    status = make("p", "sdw-search-help__status");
    status.setAttribute("role", "status");
    topics = make("div", "sdw-search-help__topics");
    help.appendChild(status);
    help.appendChild(topics);
    help.addEventListener("click", chosen);
    meta.after(help);
    return help;
  }

  function input() {
    return d.querySelector(".md-search__input");
  }

  /* Search for `text` as if typed: Material reads the field on keyup. */
  function searchFor(text) {
    var field = input();
    if (!field) return;
    field.value = text;
    field.focus();
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }));
  }

  function chosen(ev) {
    var a = ev.target.closest && ev.target.closest("a.sdw-search-help__suggestion");
    if (!a || !suggestion) return;
    ev.preventDefault();
    ev.stopPropagation(); /* Material closes the search on any click on a link */
    searchFor(suggestion);
  }

  /* Enter in the field while there is nothing to open: the suggestion, if any,
   * instead of Material's "open the first result" (which would open a theme). */
  d.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || ev.target !== input() || !help || !help.classList.contains("sdw-search-help--empty"))
      return;
    ev.preventDefault();
    ev.stopPropagation();
    if (suggestion) searchFor(suggestion);
  }, true);

  function base() {
    return new URL(String(config.base || ".").replace(/\/?$/, "/"), d.baseURI);
  }

  function clear() {
    suggestion = null;
    if (!help) return;
    help.classList.remove("sdw-search-help--empty");
    status.textContent = "";
    topics.textContent = "";
  }

  function showEmpty(data) {
    clear();
    if (!area()) return;
    help.classList.add("sdw-search-help--empty");
    suggestion = typeof data.suggestion === "string" && data.suggestion ? data.suggestion : null;
    if (suggestion) {
      var url = new URL(d.location.href);
      url.searchParams.set("q", suggestion);
      url.hash = "";
      status.appendChild(d.createTextNode("Bedoelde je "));
      status.appendChild(link(url.href, suggestion, "sdw-search-help__suggestion"));
      status.appendChild(d.createTextNode("?"));
    }
    var groups = Array.isArray(data.topics) ? data.topics : [];
    if (!groups.length) return;
    topics.appendChild(make("p", "sdw-search-help__intro",
      suggestion ? "Of kijk verder bij een onderwerp:" : "Kijk verder bij een onderwerp:"));
    var root = base();
    groups.forEach(function (group, n) {
      var label = make("p", "sdw-search-help__label", String(group.label || ""));
      label.id = "sdw-search-help-" + n;
      var list = make("ul", "sdw-search-help__list");
      list.setAttribute("aria-labelledby", label.id);
      (group.pages || []).forEach(function (page) {
        var item = make("li");
        item.appendChild(link(new URL(String(page.location), root).href, String(page.title || "")));
        list.appendChild(item);
      });
      topics.appendChild(label);
      topics.appendChild(list);
    });
  }

  function showAlso(data) {
    clear();
    if (!area() || !Array.isArray(data.also) || !data.also.length) return;
    status.textContent = "Ook gezocht op: " + data.also.map(String).join(", ") + ".";
  }

  function answered(ev) {
    var message = ev.data;
    if (!message || message.type !== RESULT || !message.data) return;
    var data = message.data, extra = data.sdw;
    if (extra && Array.isArray(data.items) && !data.items.length) showEmpty(extra);
    else if (extra) showAlso(extra);
    else clear();
  }
})(document);
