/* Printing: the fixed running footer grows with its text, so it is measured at the printed
 * width (hb-measure) and the content keeps that room (--hb-foot-room; else 10 mm, handbook.css).
 * Chromium leaves out fixed elements unless the page is at its top: scroll there and back. */
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
