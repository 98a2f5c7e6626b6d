/* Material's search box with our Dutch worker (search/sdw-search-worker.js).
 * Loaded with a plain <script src> right after Material's <script id="__config">
 * and before its bundle (overrides/main.html), so it runs synchronously in
 * between: it swaps the worker address in that config before the bundle reads
 * it. A file rather than an inline script, so the Content-Security-Policy needs
 * no hash for it. The worker's address is found next to this file's own. */
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
      if (String(url).indexOf("sdw-search-worker") >= 0) worker = w;
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
})(document);
