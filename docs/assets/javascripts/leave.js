/* The browser's "Leave site?" (beforeunload) when closing or reloading a tab with content
 * changed since the last save or print; never for a link within the handbook (the tab keeps it). */
var inSite = 0; /* when a link to another page of this copy was followed */

function ask(event) {
  /* Browsers ask only on a page the reader has used; elsewhere they would log an error. */
  var used = !navigator.userActivation || navigator.userActivation.hasBeenActive;
  if (Date.now() - inSite < 2000 || !used || !hbStorage.unsaved().length) { return; }
  event.preventDefault();
  event.returnValue = ""; /* older browsers show the dialogue only with this set */
}

/* Listen only while there is something to lose: a beforeunload handler can keep a
 * page out of the back/forward cache. (Adding a listener twice adds it once.) */
function update() { window[hbStorage.unsaved().length ? "addEventListener" : "removeEventListener"]("beforeunload", ask); }

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[href]");
  if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) { return; }
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
  if (link.origin === window.location.origin && /^https?:$|^file:$/.test(link.protocol)) { inSite = Date.now(); }
});
document.addEventListener("hb-reload", function () { inSite = Date.now(); });
/* Printing counts as saving what the page prints: the record prints it all. */
window.addEventListener("afterprint", function () {
  var parts = Array.from(document.querySelectorAll(".hb-checklist[data-checklist]"), (c) => c.getAttribute("data-checklist"));
  var record = document.querySelector("[data-record]");
  if (record || parts.length) { hbStorage.markSaved(record ? null : parts); }
});
["input", "hb-saved"].forEach(function (name) { document.addEventListener(name, update); });
hbStorage.onChange(update);
update();
