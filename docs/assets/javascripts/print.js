/* Printing (browser Ctrl+P, or the record's Print button):
 * - Room for the running footer: the edition stamp (with an overlay, the organisation's
 *   contacts too) or a checklist's running footer is fixed at the foot of every printed
 *   page. Its height depends on its text, so before printing it is measured at the
 *   printed width (class hb-measure, handbook.css) and the page content keeps that much
 *   room free at the foot of every page (--hb-foot-room); without this script, 10 mm.
 * - Chromium leaves out position: fixed elements (the stamp, the running footer) unless
 *   the page is at its top: scroll to the top for the print, then back.
 */
(function () {
  "use strict";

  var y = 0;

  function footer() {
    var paper = document.querySelector(".hb-paper__runfoot");
    return paper || document.querySelector(".hb-print-stamp");
  }

  window.addEventListener("beforeprint", function () {
    y = window.scrollY;
    window.scrollTo({ top: 0, behavior: "instant" });
    var foot = footer();
    if (!foot) { return; }
    foot.classList.add("hb-measure");
    var height = foot.getBoundingClientRect().height;
    foot.classList.remove("hb-measure");
    document.documentElement.style.setProperty("--hb-foot-room", Math.ceil(height) + "px");
  });
  window.addEventListener("afterprint", function () {
    window.scrollTo({ top: y, behavior: "instant" });
  });
})();
