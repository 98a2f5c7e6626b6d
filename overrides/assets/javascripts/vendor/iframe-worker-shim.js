/* iframe-worker 1.0.4 shim, (c) 2020-2022 Martin Donath, MIT licence (see LICENSE.iframe-worker). Vendored so the offline build needs no third-party host. */
/* Changed for Sterk door Werk (Content-Security-Policy without 'unsafe-inline'): upstream
 * document.write()s an inline <script> (with the worker URL in it) into the about:blank
 * iframe, which inherits the page's policy, so the browser would block it. Here the iframe
 * gets only <script src> elements: iframe-worker-bootstrap.js (next to this file, found
 * from this script's own address), which sets up postMessage/importScripts/error as the
 * inline script did, then the worker. The worker URL reaches the bootstrap as the iframe's
 * name. Everything else is upstream's code, de-minified. */
"use strict";
(() => {
  const me = document.currentScript;
  const bootstrap = new URL("iframe-worker-bootstrap.js", me ? me.src : location.href).href;
  const attr = s => String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = ev => {
        if (ev.source === this.w) {
          this.dispatchEvent(new MessageEvent("message", { data: ev.data }));
          if (this.onmessage) this.onmessage(ev);
        }
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename === `${this.url}`) {
          const ev = new ErrorEvent("error", { message, filename, lineno, colno, error });
          this.dispatchEvent(ev);
          if (this.onerror) this.onerror(ev);
        }
      };
      const frame = document.createElement("iframe");
      frame.hidden = true;
      frame.name = `${url}`;
      document.body.appendChild(this.iframe = frame);
      this.w.document.open();
      this.w.document.write(`<html><body><script src="${attr(bootstrap)}"><\/script>` +
        `<script src="${attr(`${url}?${+Date.now()}`)}"><\/script></body></html>`);
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => {
        this.w.onload = resolve;
        this.w.onerror = reject;
      });
    }
    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }
    postMessage(data) {
      this.r.catch().then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }
  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
