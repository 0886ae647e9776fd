/* Printing from a scrolled page: Chromium leaves out position: fixed elements
 * (the edition stamp, a checklist's running footer) unless the page is at its
 * top. Scroll to the top for the print, then back to where the reader was. */
(() => {
  "use strict";
  let y = 0;
  window.addEventListener("beforeprint", () => {
    y = window.scrollY;
    window.scrollTo({ top: 0, behavior: "instant" });
  });
  window.addEventListener("afterprint", () => {
    window.scrollTo({ top: y, behavior: "instant" });
  });
})();
