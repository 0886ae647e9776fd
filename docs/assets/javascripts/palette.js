/* Light and dark colour schemes: the header's toggle (overrides/partials/palette.html),
 * in place of Material's palette component, which set the palette again on every page
 * load and then forced a style recalculation of the whole page.
 *
 * As Material's: the scheme is kept in the browser under Material's "__palette" key,
 * which Material's inline script applies before the first paint; on a first visit the
 * device's setting (prefers-color-scheme) chooses it; the header shows the button for the
 * other scheme; Enter on the focused option moves to the next scheme. Unlike Material's,
 * opening a page changes nothing when the page already has its scheme.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-hb-palette]");
  if (!form || typeof __md_get !== "function") { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var body = document.body;
  var KEYS = ["media", "scheme", "primary", "accent"];
  var SHOWN = ["scheme", "primary", "accent"]; /* the body attributes the styles use */

  /* The scheme the device asks for (prefers-color-scheme), else the first. */
  function deviceIndex() {
    return Math.max(0, inputs.findIndex(function (input) {
      return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
    }));
  }

  var kept = __md_get("__palette"); /* read once: apply() keeps `current` after that */
  var current = kept && inputs[kept.index] ? kept.index : deviceIndex();

  function palette(index) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = inputs[index].getAttribute("data-md-color-" + key); });
    return { index: index, color: color };
  }

  /* The browser's bar takes the header's colour, as with Material. */
  function themeColor() {
    var header = document.querySelector("[data-md-component=header]");
    var meta = document.querySelector("meta[name=theme-color]");
    if (!header) { return; }
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.appendChild(meta);
    }
    meta.content = window.getComputedStyle(header).backgroundColor;
  }

  function apply(index, switching) {
    var chosen = palette(index);
    current = index;
    if (switching) { body.setAttribute("data-md-color-switching", ""); }
    SHOWN.forEach(function (key) {
      var value = chosen.color[key];
      if (body.getAttribute("data-md-color-" + key) !== value) { body.setAttribute("data-md-color-" + key, value); }
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = i !== index; }
    });
    if (switching) {
      themeColor();
      window.setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    }
    return chosen;
  }

  var first = apply(current, false);
  if (!kept) { __md_set("__palette", first); }
  window.addEventListener("load", function () { (window.requestIdleCallback || window.setTimeout)(themeColor); });
  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () { __md_set("__palette", apply(index, true)); });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
