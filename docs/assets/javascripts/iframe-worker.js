/* Search from file:, where browsers refuse Web Workers (offline package only): Material's
 * worker runs in a hidden iframe (the iframe-worker package's idea, MIT; this file loads itself
 * there instead of an inline script, so the CSP needs no 'unsafe-inline'). In the page: what
 * Material uses of window.Worker; in the iframe (data-worker): postMessage and importScripts. */
(function () {
  "use strict";

  var script = document.currentScript;

  function attr(value) { return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  if (script && script.hasAttribute("data-worker")) {
    window.postMessage = function (data) { window.parent.postMessage(data, "*"); };
    /* in the order given (async false), as in a worker; Material's worker awaits it */
    window.importScripts = (...sources) => Promise.all(sources.map((src) => new Promise((resolve) => {
      document.body.appendChild(Object.assign(document.createElement("script"), { src: src, async: false, onload: resolve }));
    })));
    return;
  }
  if (location.protocol !== "file:" || !script) { return; }

  window.Worker = class extends EventTarget {
    constructor(url) {
      super();
      var frame = this.frame = document.body.appendChild(Object.assign(document.createElement("iframe"), { hidden: true })).contentWindow;
      frame.document.open();
      frame.document.write('<html><body><script src="' + attr(script.src) + '" data-worker></scr' +
        'ipt><script src="' + attr(url) + '"></scr' + 'ipt></body></html>');
      frame.document.close();
      this.ready = new Promise(function (resolve) { frame.onload = resolve; });
      window.addEventListener("message", (event) => {
        if (event.source === frame) { this.dispatchEvent(new MessageEvent("message", { data: event.data })); }
      });
    }

    postMessage(data) {
      this.ready.then(() => this.frame.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) })));
    }
  };
})();
