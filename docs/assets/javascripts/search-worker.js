/* The handbook's search worker: Material's own search worker, with each query tidied
 * before Material's worker reads it (README, "Search").
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
 *   misspelt, and the nearest words in the index stand in for it: one letter added,
 *   left out, changed or swapped ("pornograpy", "harrassment", "behavior"), two for
 *   words of eight letters or more.
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
  var counts = {};  /* how often each word occurs */

  function learn(index) {
    separator = new RegExp(index.config.separator, "g");
    counts = {};
    index.docs.forEach(function (doc) {
      [doc.title, doc.text, doc.aids].forEach(function (field) {
        if (typeof field !== "string") { return; }
        field.replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) {
          if (word) {
            word = word.toLowerCase();
            counts[word] = (counts[word] || 0) + 1;
          }
        });
      });
    });
    words = Object.keys(counts).sort();
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

  /* Edits from a to b (insert, delete, change, swap two neighbours), or limit + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var before = [];
    var previous = [];
    var row = [];
    for (var j = 0; j <= b.length; j++) { previous[j] = j; }
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row[j] = value;
        best = Math.min(best, value);
      }
      if (best > limit) { return limit + 1; }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function nearest(word) {
    var limit = word.length >= 8 ? 2 : 1;
    var found = [];
    var least = limit + 1;
    words.forEach(function (known) {
      var edits = distance(word, known, least);
      if (edits < least) {
        least = edits;
        found = [];
      }
      if (edits === least && edits <= limit) { found.push(known); }
    });
    found.sort(function (a, b) { return counts[b] - counts[a]; });
    return found.slice(0, 2);
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
        var near = nearest(piece);
        out.push.apply(out, near.length ? near : [piece]);
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
