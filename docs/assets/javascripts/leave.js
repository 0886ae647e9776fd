/* Leave prompt: closing or reloading a tab that holds record or checklist content changed
 * since it was last saved to a file or printed asks first, with the browser's own "Leave
 * site?" dialogue (beforeunload). Never for an empty or saved record, and not for a link
 * to another page of the handbook (the tab keeps its content on the way). hbStorage
 * keeps what changed (hb-record:unsaved); printing counts as saving what the page prints.
 */
(function () {
  "use strict";

  var inSite = 0; /* when a link to another page of this copy was followed */
  var listening = false;

  /* Browsers ask only on a page the reader has used; elsewhere they would log an error. */
  function used() {
    var activation = navigator.userActivation;
    return !activation || activation.hasBeenActive;
  }

  function ask(event) {
    if (Date.now() - inSite < 2000 || !used() || !hbStorage.unsaved().length) { return; }
    event.preventDefault();
    event.returnValue = ""; /* older browsers show the dialogue only with this set */
  }

  /* Listen only while there is something to lose: a beforeunload handler can keep a
   * page out of the back/forward cache. */
  function update() {
    var needed = hbStorage.unsaved().length > 0;
    if (needed !== listening) {
      listening = needed;
      window[needed ? "addEventListener" : "removeEventListener"]("beforeunload", ask);
    }
  }

  function pageParts() {
    if (document.querySelector("[data-record]")) { return null; } /* the record prints it all */
    return Array.prototype.map.call(document.querySelectorAll(".hb-checklist[data-checklist]"), function (c) {
      return c.getAttribute("data-checklist");
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) { return; }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    if (link.origin === window.location.origin && /^https?:$|^file:$/.test(link.protocol)) {
      inSite = Date.now();
    }
  });
  document.addEventListener("hb-reload", function () { inSite = Date.now(); });
  window.addEventListener("afterprint", function () {
    var parts = pageParts();
    if (!parts || parts.length) { hbStorage.markSaved(parts); }
    update();
  });
  document.addEventListener("input", update);
  document.addEventListener("change", update);
  document.addEventListener("hb-saved", update);
  hbStorage.onChange(update);
  update();
})();
