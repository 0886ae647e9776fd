/* Checklist component (`[data-checklist]`): ticks and notes kept in this tab (hbStorage, one
 * state per id, on its page and on the record), "n of N covered" (on the record, in its summary
 * too), a Clear button; each change marks it unsaved (leave.js). */
document.querySelectorAll(".hb-checklist[data-checklist]").forEach(function (root) {
  var id = root.getAttribute("data-checklist");
  var boxes = Array.from(root.querySelectorAll("input[type=checkbox]"));
  var notes = Array.from(root.querySelectorAll("textarea"));
  var count = root.querySelector(".hb-checklist__count");
  var tally = root.closest(".hb-record__checklist")?.querySelector(".hb-record__tally");

  function update() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    count.textContent = done + " of " + boxes.length + " covered";
    if (tally) { tally.textContent = "(" + count.textContent + ")"; }
  }

  function store() {
    hbStorage.set(id, { items: Object.fromEntries(boxes.filter((b) => b.checked).map((b) => [b.name, true])),
      notes: Object.fromEntries(notes.filter((t) => t.value).map((t) => [t.name, t.value])) });
    update();
  }

  function restore() {
    var state = hbStorage.checklist(id);
    boxes.forEach(function (b) { b.checked = state.items?.[b.name] === true; });
    notes.forEach(function (t) { t.value = typeof state.notes?.[t.name] === "string" ? state.notes[t.name] : ""; });
    update();
  }

  root.addEventListener("input", store); /* a checkbox fires it too, before "change" */
  root.querySelector(".hb-checklist__clear").addEventListener("click", function () {
    hbStorage.clearChecklist(id);
    restore(); /* reads the emptied state: every box unticked, every note blank */
    if (boxes.length) { boxes[0].focus(); }
  });
  hbStorage.onChange(restore);
  root.querySelector(".hb-checklist__status").hidden = false;
  restore();
});
