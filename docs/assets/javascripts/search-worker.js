/* The handbook's search worker: Material's own search worker, with each query tidied
 * before Material's worker reads it (guides/content.md, "Search").
 *
 * Material runs its search (lunr) in a Web Worker, or in the offline copy in a hidden
 * iframe (iframe-worker.js), and sends it the search index, then each query as typed.
 * Material matches every typed word as the start of a word and keeps words like "the".
 * This worker listens first and changes the query in place:
 *
 * - common words ("the", "of", "for" ...) are left out while other words remain, so
 *   "for" no longer finds every "formulation";
 * - the first part of a joined word ("pre" of "pre-pubescent"), and a word of one or
 *   two letters before the last word ("TA HSB"), must be a whole word, not the start
 *   of one;
 * - a word of four letters or more that starts no word in the index is taken to be
 *   misspelt and searched as lunr's fuzzy term (word~1: one letter added, left out,
 *   changed or swapped, "pornograpy", "harrassment", "behavior"; word~2 for words of
 *   eight letters or more).
 *
 * A query with search syntax (quotation marks, +, -, *, ~, ^ or :) is left as it is.
 * macros/hooks/search.py publishes this file under a hashed name, with the address of
 * Material's worker written into MATERIAL_WORKER.
 */
(function () {
  "use strict";

  var MATERIAL_WORKER = "__MATERIAL_WORKER__";
  var SETUP = 0;
  var QUERY = 2;
  var SYNTAX = /["*~^:]|(^|\s)[+-]/;
  var separator = /[\s-]+/;
  var words = [];   /* every word of the index, sorted */

  function learn(index) {
    separator = new RegExp(index.config.separator, "g");
    var seen = {};
    index.docs.forEach(function (doc) {
      [doc.title, doc.text, doc.aids].forEach(function (field) {
        if (typeof field !== "string") { return; }
        field.replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) {
          if (word) { seen[word.toLowerCase()] = true; }
        });
      });
    });
    words = Object.keys(seen).sort();
  }

  function starts(prefix) {
    var low = 0;
    var high = words.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < prefix) { low = middle + 1; } else { high = middle; }
    }
    return low < words.length && words[low].lastIndexOf(prefix, 0) === 0;
  }

  function tidy(query) {
    if (SYNTAX.test(query) || !words.length) { return query; }
    var pieces = [];  /* [word, whole]: whole if more of the same typed word follows */
    query.trim().split(/\s+/).forEach(function (part) {
      var parts = part.split(separator).filter(Boolean);
      parts.forEach(function (piece, i) {
        pieces.push([piece.toLowerCase(), i < parts.length - 1]);
      });
    });
    var stop = self.lunr.stopWordFilter;
    var content = pieces.filter(function (piece) { return stop(piece[0]); });
    if (content.length) { pieces = content; }
    var out = [];
    pieces.forEach(function (item, i) {
      var piece = item[0];
      var whole = item[1] || (piece.length <= 2 && i < pieces.length - 1);
      if (whole) {
        out.push(piece + "^1");  /* a whole word: Material adds no wildcard after ^1 */
      } else if (piece.length >= 4 && !/\d/.test(piece) && !starts(piece)) {
        out.push(piece + (piece.length >= 8 ? "~2" : "~1"));  /* lunr's fuzzy term */
      } else {
        out.push(piece);
      }
    });
    return out.join(" ");
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message) { return; }
    if (message.type === SETUP) {
      learn(message.data);
    } else if (message.type === QUERY && typeof message.data === "string") {
      message.data = tidy(message.data);
    }
  });

  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href;
  importScripts(new URL(MATERIAL_WORKER, here).href);
})();
