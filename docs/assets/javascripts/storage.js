/* The one owner of the sessionStorage keys (this tab's alone: kept over a reload, deleted with
 * the tab, never sent or shared), the components' only link ("hb-storage", "hb-saved"). Keys:
 *   hb-checklist:<id>   one checklist: {items: {itemId: true}, notes: {name: text}}
 *   hb-record:header    the record's case details: {caseReference, date, assessor, agency}
 *   hb-record:noticed   "1" once the notice before the first save has been shown
 *   hb-record:unsaved   the parts changed since the last save to a file or print:
 *                       {header: true, <checklist id>: true} */
var CHECKLIST = "hb-checklist:";
var HEADER = "hb-record:header";
var NOTICED = "hb-record:noticed";
var UNSAVED = "hb-record:unsaved";

function object(value) { return value && typeof value === "object" && !Array.isArray(value) ? value : {}; }

/* Storage may be unavailable or full: the page then still works for this view. */
function attempt(action, fallback) { try { return action(window.sessionStorage); } catch (e) { return fallback; } }

/* A part of the record: "header" or a checklist id. */
function keyOf(part) { return part === "header" ? HEADER : CHECKLIST + part; }

function read(key) { return attempt(function (s) { return object(JSON.parse(s.getItem(key))); }, {}); }

function write(key, value) { attempt(function (s) { s.setItem(key, JSON.stringify(value)); }); }

function remove(key) { attempt(function (s) { s.removeItem(key); }); }

function filled(state) {
  return Object.values(state).some((value) => value === true || (typeof value === "string" && value.trim() !== "") ||
    (value !== null && typeof value === "object" && filled(value)));
}

window.hbStorage = {
  checklist: function (id) { return read(CHECKLIST + id); },
  clearChecklist: function (id) { remove(CHECKLIST + id); },
  header: function () { return read(HEADER); },
  noticed: function () { return attempt(function (s) { return s.getItem(NOTICED) === "1"; }, false); },
  setNoticed: function () { attempt(function (s) { s.setItem(NOTICED, "1"); }); },
  /* The reader changed a part: kept, and marked as changed since the last save or print. */
  set: function (part, value) {
    write(keyOf(part), value);
    write(UNSAVED, Object.assign(read(UNSAVED), { [part]: true }));
  },
  /* Saved to a file or printed: the parts given, or everything. */
  markSaved: function (parts) {
    var left = read(UNSAVED);
    (parts || Object.keys(left)).forEach((part) => delete left[part]);
    write(UNSAVED, left);
    document.dispatchEvent(new CustomEvent("hb-saved"));
  },
  /* The changed parts that still hold something (an emptied one is nothing to lose). */
  unsaved: () => Object.keys(read(UNSAVED)).filter((part) => filled(read(keyOf(part)))),
  /* Replace the whole record (null, {} clear it): `checklists` maps ids to states, `ids` all. */
  replaceAll: function (header, checklists, ids) {
    if (header) { write(HEADER, header); } else { remove(HEADER); }
    ids.forEach((id) => (checklists[id] ? write(CHECKLIST + id, checklists[id]) : remove(CHECKLIST + id)));
    remove(UNSAVED); /* opened from a file, or cleared: nothing to lose */
    document.dispatchEvent(new CustomEvent("hb-storage"));
  },
  onChange: function (callback) { document.addEventListener("hb-storage", callback); }
};
