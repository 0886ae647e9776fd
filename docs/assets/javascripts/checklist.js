/* Checklist component: each `[data-checklist]` section keeps its ticks and notes in this
 * tab (hbStorage), shows "n of N covered" in its live region and has a Clear button. The
 * same checklist on its guidance page and on the Assessment record shares one state. After
 * each change it fires "hb-checklist-count" on its section (the record's tallies), and
 * marks its checklist as changed since the last save or print (for leave.js).
 */
document.querySelectorAll(".hb-checklist[data-checklist]").forEach(function (root) {
  "use strict";

  var id = root.getAttribute("data-checklist");
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));
  var notes = Array.prototype.slice.call(root.querySelectorAll("textarea"));

  function update() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    root.querySelector(".hb-checklist__count").textContent = done + " of " + boxes.length + " covered";
    root.dispatchEvent(new CustomEvent("hb-checklist-count", { bubbles: true }));
  }

  function store() {
    var state = { items: {}, notes: {} };
    boxes.forEach(function (b) { if (b.checked) { state.items[b.name] = true; } });
    notes.forEach(function (t) { if (t.value) { state.notes[t.name] = t.value; } });
    hbStorage.setChecklist(id, state);
    hbStorage.markUnsaved(id);
    update();
  }

  function restore() {
    var state = hbStorage.checklist(id);
    boxes.forEach(function (b) { b.checked = state.items[b.name] === true; });
    notes.forEach(function (t) { t.value = typeof state.notes[t.name] === "string" ? state.notes[t.name] : ""; });
    update();
  }

  root.addEventListener("change", store);
  root.addEventListener("input", store);
  root.querySelector(".hb-checklist__clear").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = false; });
    notes.forEach(function (t) { t.value = ""; });
    hbStorage.clearChecklist(id);
    update();
    if (boxes.length) { boxes[0].focus(); }
  });
  hbStorage.onChange(restore);
  root.querySelector(".hb-checklist__status").hidden = false;
  restore();
});
