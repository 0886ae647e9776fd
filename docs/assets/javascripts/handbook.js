/* Handbook behaviour: checklist state in this tab only, and dismissible term tooltips.
 *
 * Privacy: checklist state is kept in sessionStorage, which belongs to this one
 * browser tab. It survives a reload of the tab, is not shared with other tabs,
 * is never sent anywhere and is deleted when the tab is closed.
 */
(function () {
  "use strict";

  var PREFIX = "hb-checklist:";

  function storageKey(id) {
    return PREFIX + id;
  }

  function load(id) {
    try {
      return JSON.parse(window.sessionStorage.getItem(storageKey(id))) || {};
    } catch (e) {
      return {};
    }
  }

  function save(id, state) {
    try {
      window.sessionStorage.setItem(storageKey(id), JSON.stringify(state));
    } catch (e) {
      /* storage unavailable: the checklist still works for this page view */
    }
  }

  function setUpChecklist(root) {
    var id = root.getAttribute("data-checklist");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));
    var notes = Array.prototype.slice.call(root.querySelectorAll("textarea"));
    var status = root.querySelector(".hb-checklist__status");
    var count = root.querySelector(".hb-checklist__count");
    var clear = root.querySelector(".hb-checklist__clear");

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      count.textContent = done + " of " + boxes.length + " covered";
    }

    function store() {
      var state = { items: {}, notes: {} };
      boxes.forEach(function (b) { if (b.checked) { state.items[b.name] = true; } });
      notes.forEach(function (t) { if (t.value) { state.notes[t.name] = t.value; } });
      save(id, state);
      update();
    }

    var state = load(id);
    boxes.forEach(function (b) { b.checked = Boolean(state.items && state.items[b.name]); });
    notes.forEach(function (t) { t.value = (state.notes && state.notes[t.name]) || ""; });

    root.addEventListener("change", store);
    root.addEventListener("input", store);
    clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      notes.forEach(function (t) { t.value = ""; });
      try { window.sessionStorage.removeItem(storageKey(id)); } catch (e) { /* ignore */ }
      update();
      if (boxes.length) { boxes[0].focus(); }
    });
    status.hidden = false;
    update();
  }

  function setUpTooltips() {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      document.querySelectorAll(".hb-term").forEach(function (term) {
        if (term.matches(":hover") || term.contains(document.activeElement)) {
          term.classList.add("hb-term--dismissed");
        }
      });
    });
    document.querySelectorAll(".hb-term").forEach(function (term) {
      function reset() { term.classList.remove("hb-term--dismissed"); }
      term.addEventListener("mouseleave", reset);
      term.addEventListener("focusout", reset);
    });
  }

  function init() {
    document.querySelectorAll(".hb-checklist[data-checklist]").forEach(setUpChecklist);
    setUpTooltips();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
