/* Search in the offline copy: browsers refuse Web Workers on file: addresses, so there
 * Material's search worker runs in a hidden iframe instead. The idea of the iframe-worker
 * package (MIT), whose shim writes an inline script into the iframe; this file loads itself
 * there instead, so the Content-Security-Policy needs no 'unsafe-inline'. Only the offline
 * package includes it (macros/hooks/site_hooks.py), and it does nothing unless the page was
 * opened from disk. In the page it replaces window.Worker with what Material uses of one
 * (new Worker(url), postMessage, "message" events); in the iframe (its script element
 * carries data-worker) it gives the worker script postMessage to its owner and
 * importScripts (a Promise, which Material's worker awaits).
 */
(function () {
  "use strict";

  var script = document.currentScript;

  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  if (script && script.hasAttribute("data-worker")) {
    window.postMessage = function (data) { window.parent.postMessage(data, "*"); };
    window.importScripts = function () {
      return Promise.all(Array.prototype.map.call(arguments, function (src) {
        return new Promise(function (resolve) {
          /* async false: run in the order given, as a worker's importScripts does */
          document.body.appendChild(Object.assign(document.createElement("script"), { src: src, async: false, onload: resolve }));
        });
      }));
    };
    return;
  }
  if (location.protocol !== "file:" || !script) { return; }

  window.Worker = class extends EventTarget {
    constructor(url) {
      super();
      var iframe = document.body.appendChild(Object.assign(document.createElement("iframe"), { hidden: true }));
      var frame = iframe.contentWindow;
      frame.document.open();
      frame.document.write('<html><body><script src="' + attr(script.src) + '" data-worker></scr' +
        'ipt><script src="' + attr(url) + '"></scr' + 'ipt></body></html>');
      frame.document.close();
      this.ready = new Promise(function (resolve) { frame.onload = resolve; });
      window.addEventListener("message", (event) => {
        if (event.source === frame) { this.dispatchEvent(new MessageEvent("message", { data: event.data })); }
      });
      this.frame = frame;
    }

    postMessage(data) {
      this.ready.then(() => this.frame.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) })));
    }
  };
})();
