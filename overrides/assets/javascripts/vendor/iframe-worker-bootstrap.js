/* Part of the iframe-worker 1.0.4 shim, (c) 2020-2022 Martin Donath, MIT licence (see
 * LICENSE.iframe-worker); changed for Sterk door Werk. Upstream's inline script, as a file:
 * the first script in the shim's iframe (see iframe-worker-shim.js), run before the worker
 * script. It gives the worker a worker's globals: postMessage to the page, importScripts
 * (loads scripts one after another, returns a promise) and errors reported to the page.
 * The worker URL arrives as the iframe's name. This element removes itself, so the
 * worker's script stays the first script[src] in the frame (sdw-search-worker.js finds
 * its own address that way). */
"use strict";
(function () {
  var url = window.name, me = document.currentScript;
  self.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, src) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (ev) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: ev.error }));
  });
  if (me) me.remove();
})();
