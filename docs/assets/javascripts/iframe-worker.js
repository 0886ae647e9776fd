/* Search in the offline copy: browsers refuse Web Workers on file: addresses, so there
 * Material's search worker runs in a hidden iframe instead. This is the idea of the
 * iframe-worker package (MIT), whose shim writes an inline script into the iframe; this
 * file loads itself there instead, so the Content-Security-Policy needs no
 * 'unsafe-inline'. Only the offline package includes it (macros/hooks/site_hooks.py), and it does
 * nothing unless the page was opened from disk.
 *
 * In the page it replaces window.Worker; in the iframe (its script element carries
 * data-worker) it gives the worker script what a worker has: postMessage to its owner,
 * importScripts, and errors reported to the owner.
 */
(function () {
  "use strict";

  var script = document.currentScript;

  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  if (script && script.hasAttribute("data-worker")) {
    var url = script.getAttribute("data-worker");
    window.postMessage = function (data) { window.parent.postMessage(data, "*"); };
    window.importScripts = function () {
      return Array.prototype.reduce.call(arguments, function (done, src) {
        return done.then(function () {
          return new Promise(function (resolve) {
            var next = document.createElement("script");
            next.src = src;
            next.onload = resolve;
            document.body.appendChild(next);
          });
        });
      }, Promise.resolve());
    };
    window.addEventListener("error", function (event) {
      window.parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
    });
    return;
  }
  if (location.protocol !== "file:" || !script) { return; }

  var self = script.src;

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      var worker = this;
      this.url = String(url);
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.appendChild(this.iframe);
      var frame = this.iframe.contentWindow;
      frame.document.open();
      frame.document.write(
        '<html><body><script src="' + attr(self) + '" data-worker="' + attr(this.url) +
        '"></scr' + 'ipt><script src="' + attr(this.url) + '"></scr' + 'ipt></body></html>'
      );
      frame.document.close();
      this.ready = new Promise(function (resolve, reject) {
        frame.onload = resolve;
        frame.onerror = reject;
      });
      window.addEventListener("message", function (event) {
        if (event.source !== worker.iframe.contentWindow) { return; }
        var message = new MessageEvent("message", { data: event.data });
        worker.dispatchEvent(message);
        if (worker.onmessage) { worker.onmessage(message); }
      });
      window.addEventListener("error", function (event) {
        if (event.filename !== worker.url) { return; }
        worker.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
        if (worker.onerror) { worker.onerror(event); }
      });
    }

    postMessage(data) {
      var frame = this.iframe.contentWindow;
      this.ready.catch(function () { /* reported as an error event */ }).then(function () {
        frame.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.Worker = IFrameWorker;
})();
