/* Glossary term tooltips (`.hb-term`), shown by CSS on hover and keyboard focus: Escape
 * dismisses the one in use until the pointer or focus leaves it (WCAG 1.4.13). */
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape") {
    document.querySelectorAll(".hb-term:hover, .hb-term:focus-within").forEach((term) => term.classList.add("hb-term--dismissed"));
  }
});
document.querySelectorAll(".hb-term").forEach(function (term) {
  ["mouseleave", "focusout"].forEach((name) => term.addEventListener(name, () => term.classList.remove("hb-term--dismissed")));
});
