/* Material's search worker (lunr) with each query tidied first (guides/content.md, "The
 * search worker"); a query with search syntax (" + - * ~ ^ :) is left as it is. Published by
 * macros/hooks/search.py, which fills in MATERIAL_WORKER; offline, in an iframe-worker.js. */
(function () {
  "use strict";

  var MATERIAL_WORKER = "__MATERIAL_WORKER__";
  var SETUP = 0;
  var QUERY = 2;
  var SYNTAX = /["*~^:]|(^|\s)[+-]/;
  var separator = /[\s-]+/;
  var words = ""; /* every word of the index, each after a line break */

  function learn(index) {
    separator = new RegExp(index.config.separator, "g");
    var fields = index.docs.flatMap((doc) => [doc.title, doc.text, doc.aids]).filter((field) => typeof field === "string");
    var seen = new Set(fields.flatMap((field) => field.replace(/<[^>]*>/g, " ").split(separator)).map((word) => word.toLowerCase()));
    words = "\n" + Array.from(seen).join("\n");
  }

  function tidy(query) {
    if (SYNTAX.test(query) || !words) { return query; }
    var pieces = query.trim().split(/\s+/).flatMap((part) => { /* [word, whole]: whole if more of the typed word follows */
      var parts = part.split(separator).filter(Boolean);
      return parts.map((piece, i) => [piece.toLowerCase(), i < parts.length - 1]);
    });
    var content = pieces.filter((piece) => self.lunr.stopWordFilter(piece[0]));
    if (content.length) { pieces = content; }
    return pieces.map(([piece, whole], i) => {
      if (whole || (piece.length <= 2 && i < pieces.length - 1)) {
        return piece + "^1"; /* a whole word: Material adds no wildcard after ^1 */
      }
      if (piece.length >= 4 && !/\d/.test(piece) && words.indexOf("\n" + piece) < 0) {
        return piece + (piece.length >= 8 ? "~2" : "~1"); /* lunr's fuzzy term */
      }
      return piece;
    }).join(" ");
  }

  addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) { learn(message.data); }
    if (message.type === QUERY && typeof message.data === "string") { message.data = tidy(message.data); }
  });

  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  importScripts(new URL(MATERIAL_WORKER, here).href);
})();
