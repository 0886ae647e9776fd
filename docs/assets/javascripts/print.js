/* Printing (Ctrl+P or the record's Print button):
 * - The running footer (the edition stamp, with an overlay's contacts, or a checklist's
 *   running footer) is fixed at the foot of every printed page and its height depends on
 *   its text: it is measured at the printed width (class hb-measure, handbook.css) and the
 *   content keeps that much room free (--hb-foot-room; without this script, 10 mm).
 * - Chromium leaves out position: fixed elements unless the page is at its top: scroll
 *   there for the print, then back.
 */
(function () {
  "use strict";

  var y = 0;
  window.addEventListener("beforeprint", function () {
    y = window.scrollY;
    window.scrollTo({ top: 0, behavior: "instant" });
    var foot = document.querySelector(".hb-paper__runfoot") || document.querySelector(".hb-print-stamp");
    if (!foot) { return; }
    foot.classList.add("hb-measure");
    var height = foot.getBoundingClientRect().height;
    foot.classList.remove("hb-measure");
    document.documentElement.style.setProperty("--hb-foot-room", Math.ceil(height) + "px");
  });
  window.addEventListener("afterprint", function () { window.scrollTo({ top: y, behavior: "instant" }); });
})();
