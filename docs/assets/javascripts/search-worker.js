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
    var seen = new Set();
    index.docs.forEach(function (doc) {
      [doc.title, doc.text, doc.aids].forEach(function (field) {
        if (typeof field !== "string") { return; }
        field.replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) { seen.add(word.toLowerCase()); });
      });
    });
    words = "\n" + Array.from(seen).join("\n");
  }

  function tidy(query) {
    if (SYNTAX.test(query) || !words) { return query; }
    var pieces = []; /* [word, whole]: whole if more of the same typed word follows */
    query.trim().split(/\s+/).forEach(function (part) {
      var parts = part.split(separator).filter(Boolean);
      parts.forEach(function (piece, i) { pieces.push([piece.toLowerCase(), i < parts.length - 1]); });
    });
    var content = pieces.filter(function (piece) { return self.lunr.stopWordFilter(piece[0]); });
    if (content.length) { pieces = content; }
    return pieces.map(function (item, i) {
      var piece = item[0];
      if (item[1] || (piece.length <= 2 && i < pieces.length - 1)) {
        return piece + "^1"; /* a whole word: Material adds no wildcard after ^1 */
      }
      if (piece.length >= 4 && !/\d/.test(piece) && words.indexOf("\n" + piece) < 0) {
        return piece + (piece.length >= 8 ? "~2" : "~1"); /* lunr's fuzzy term */
      }
      return piece;
    }).join(" ");
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP) {
      learn(message.data);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      message.data = tidy(message.data);
    }
  });

  var here = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href;
  importScripts(new URL(MATERIAL_WORKER, here).href);
})();
