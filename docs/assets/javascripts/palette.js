/* Light and dark colour schemes: the header's toggle (overrides/partials/palette.html) in
 * place of Material's palette component, which set the palette again on every page load
 * and then forced a style recalculation of the whole page (guides/content.md: measured).
 * As with Material's, the scheme is kept under its "__palette" key (its inline script
 * applies it before the first paint), a first visit follows prefers-color-scheme, and
 * Enter on the focused option moves to the next scheme; unlike Material's, opening a page
 * changes nothing when the page already has its scheme.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-hb-palette]");
  if (!form || typeof __md_get !== "function") { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var body = document.body;
  var kept = __md_get("__palette"); /* read once: apply() keeps `current` after that */
  var current = kept && inputs[kept.index] ? kept.index : Math.max(0, inputs.findIndex(function (input) {
    return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
  }));

  /* The browser's bar takes the header's colour, as with Material. */
  function themeColor() {
    var header = document.querySelector("[data-md-component=header]");
    var meta = document.querySelector("meta[name=theme-color]");
    if (!header) { return; }
    if (!meta) { meta = document.head.appendChild(Object.assign(document.createElement("meta"), { name: "theme-color" })); }
    meta.content = window.getComputedStyle(header).backgroundColor;
  }

  function apply(index, switching) {
    var color = {};
    current = index;
    if (switching) { body.setAttribute("data-md-color-switching", ""); }
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      var name = "data-md-color-" + key;
      color[key] = inputs[index].getAttribute(name);
      if (key !== "media" && body.getAttribute(name) !== color[key]) { body.setAttribute(name, color[key]); }
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = i !== index; }
    });
    if (switching) {
      themeColor();
      window.setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    }
    return { index: index, color: color };
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
