/* Tab storage: the one module that owns every sessionStorage key of the handbook.
 *
 * Privacy: sessionStorage belongs to this one browser tab. What is kept here
 * survives a reload of the tab, is not shared with other tabs, is never sent
 * anywhere and is deleted when the tab is closed.
 *
 * Keys:
 *   hb-checklist:<id>   one checklist: {items: {itemId: true}, notes: {name: text}}
 *   hb-record:header    the record's case details: {caseReference, date, assessor, agency}
 *   hb-record:noticed   "1" once the notice before the first save has been shown
 *   hb-record:unsaved   what changed since the record was last saved to a file or
 *                       printed: {header: true, <checklist id>: true}
 *
 * Components talk to each other only through this module: a change made by one
 * (opening a file, clearing the record) is announced to the others with the
 * "hb-storage" event on document.
 */
var hbStorage = (function () {
  "use strict";

  var CHECKLIST = "hb-checklist:";
  var HEADER = "hb-record:header";
  var NOTICED = "hb-record:noticed";
  var UNSAVED = "hb-record:unsaved";

  function read(key) {
    try {
      var value = JSON.parse(window.sessionStorage.getItem(key));
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  function write(key, value) {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* storage unavailable or full: the page still works for this view */
    }
  }

  function remove(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
  }

  function object(value) {
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  }

  function filled(state) {
    return Object.keys(state).some(function (key) {
      var value = state[key];
      return value === true || (typeof value === "string" && value.trim() !== "") ||
        (value !== null && typeof value === "object" && filled(value));
    });
  }

  function changed(source) {
    document.dispatchEvent(new CustomEvent("hb-storage", { detail: { source: source } }));
  }

  return {
    checklist: function (id) {
      var state = read(CHECKLIST + id);
      return { items: object(state.items), notes: object(state.notes) };
    },
    setChecklist: function (id, state) { write(CHECKLIST + id, state); },
    clearChecklist: function (id) { remove(CHECKLIST + id); },
    header: function () { return read(HEADER); },
    setHeader: function (header) { write(HEADER, header); },
    noticed: function () {
      try { return window.sessionStorage.getItem(NOTICED) === "1"; } catch (e) { return false; }
    },
    setNoticed: function () {
      try { window.sessionStorage.setItem(NOTICED, "1"); } catch (e) { /* ignore */ }
    },
    /* Changed by the reader since the last save or print: "header" or a checklist id. */
    markUnsaved: function (part) {
      var parts = read(UNSAVED);
      if (parts[part] !== true) { parts[part] = true; write(UNSAVED, parts); }
    },
    /* Saved to a file or printed: the parts given, or everything. */
    markSaved: function (parts) {
      if (!parts) { remove(UNSAVED); return; }
      var left = read(UNSAVED);
      parts.forEach(function (part) { delete left[part]; });
      write(UNSAVED, left);
    },
    /* The changed parts that still hold something (an emptied one is nothing to lose). */
    unsaved: function () {
      var self = this;
      return Object.keys(read(UNSAVED)).filter(function (part) {
        return filled(part === "header" ? self.header() : self.checklist(part));
      });
    },
    /* Replace the whole record at once (opened from a file: saved as it is);
     * `checklists` maps ids to states, `ids` lists them all. */
    replaceAll: function (header, checklists, ids) {
      write(HEADER, header);
      ids.forEach(function (id) {
        if (checklists[id]) { write(CHECKLIST + id, checklists[id]); } else { remove(CHECKLIST + id); }
      });
      remove(UNSAVED);
      changed("record");
    },
    clearAll: function (ids) {
      remove(HEADER);
      ids.forEach(function (id) { remove(CHECKLIST + id); });
      remove(UNSAVED);
      changed("record");
    },
    onChange: function (callback) { document.addEventListener("hb-storage", callback); }
  };
})();
