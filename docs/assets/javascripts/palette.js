/* The light/dark toggle (overrides/partials/palette.html) in place of Material's palette
 * component, which set the scheme again on every load and restyled the whole page
 * (guides/content.md: measured). As Material's: the "__palette" key, prefers-color-scheme on a
 * first visit, Enter for the next scheme; unlike it, a page with its scheme is left alone. */
var form = document.querySelector("[data-hb-palette]");
if (!form || typeof __md_get !== "function") { return; }
var inputs = Array.from(form.querySelectorAll("input"));
var body = document.body;
var kept = __md_get("__palette"); /* read once: apply() keeps `current` after that */
var current = kept && inputs[kept.index] ? kept.index
  : Math.max(0, inputs.findIndex((input) => window.matchMedia(input.getAttribute("data-md-color-media")).matches));

/* The browser's bar takes the header's colour, as with Material. */
function themeColor() {
  var header = document.querySelector("[data-md-component=header]");
  if (!header) { return; }
  var meta = document.querySelector("meta[name=theme-color]") ||
    document.head.appendChild(Object.assign(document.createElement("meta"), { name: "theme-color" }));
  meta.content = window.getComputedStyle(header).backgroundColor;
}

function apply(index) {
  var color = {};
  current = index;
  ["media", "scheme", "primary", "accent"].forEach(function (key) {
    var name = "data-md-color-" + key;
    color[key] = inputs[index].getAttribute(name);
    if (key !== "media" && body.getAttribute(name) !== color[key]) { body.setAttribute(name, color[key]); }
  });
  form.querySelectorAll("label").forEach(function (label) { label.hidden = label.previousElementSibling !== inputs[index]; });
  return { index: index, color: color };
}

var first = apply(current);
if (!kept) { __md_set("__palette", first); }
window.addEventListener("load", function () { (window.requestIdleCallback || window.setTimeout)(themeColor); });
form.addEventListener("change", function (event) {
  body.setAttribute("data-md-color-switching", "");
  __md_set("__palette", apply(inputs.indexOf(event.target)));
  themeColor();
  window.setTimeout(() => body.removeAttribute("data-md-color-switching"));
});
form.addEventListener("keydown", function (event) {
  if (event.key !== "Enter") { return; }
  var next = inputs[(current + 1) % inputs.length];
  next.click();
  next.focus();
});
