/* Glossary term tooltips (`.hb-term`), shown by CSS on hover and keyboard focus: Escape
 * dismisses the one in use until the pointer or focus leaves it (WCAG 1.4.13). */
document.addEventListener("keydown", function (event) {
  "use strict";
  if (event.key !== "Escape") { return; }
  document.querySelectorAll(".hb-term").forEach(function (term) {
    if (term.matches(":hover") || term.contains(document.activeElement)) { term.classList.add("hb-term--dismissed"); }
  });
});
document.querySelectorAll(".hb-term").forEach(function (term) {
  "use strict";
  function reset() { term.classList.remove("hb-term--dismissed"); }
  term.addEventListener("mouseleave", reset);
  term.addEventListener("focusout", reset);
});
