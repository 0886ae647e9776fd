/* The assessment record (`[data-record]`): case details, buttons, messages, print view and
 * Copy as text; state goes through hbStorage. Typed or opened text reaches the page as text,
 * never markup; a file is checked completely first, so a refused one changes nothing. */
var FORMAT = "ta-hsb-assessment-record";
var FORMAT_VERSION = 1;
var MAX_BYTES = 1024 * 1024;
var MAX_FIELD = 200; /* the maxlength of the case detail fields */
var MAX_TEXT = 1000;
var MAX_NOTE = 200000; /* the 1 MB limit on the whole file is the real bound */
var MAX_ENTRIES = 500;
var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var HEADER = ["caseReference", "date", "assessor", "agency"];
var TOP = ["format", "formatVersion", "handbookVersion", "edition", "saved", "header", "checklists"];
var own = Object.keys;

/* An element holding `text`, never markup. */
function make(tag, text, className) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) { node.textContent = text; }
  if (className) { node.className = className; }
  return node;
}

function all(root, selector) { return Array.from(root.querySelectorAll(selector)); }

function words(value) { return value.replace(/\s+/g, " ").trim(); }

function when(date) { return date.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" }); }

/* JSON.parse keeps only the last of two equal keys, silently dropping part of a record:
 * walk the (valid) text's strings and brackets for the first key repeated in one object. */
function repeatedKey(json) {
  var token = /"[^"\\]*(?:\\.[^"\\]*)*"?|[{}[\]]/g;
  var colon = /\s*:/y;
  var open = [];
  var match;
  while ((match = token.exec(json)) !== null) {
    var t = match[0];
    var keys = open[open.length - 1]; /* the keys of the object the token is in, if any */
    colon.lastIndex = token.lastIndex;
    if (t === "{" || t === "[") { open.push(t === "{" ? new Set() : null); }
    else if (t === "}" || t === "]") { open.pop(); }
    else if (keys && colon.test(json)) {
      var key = JSON.parse(t);
      if (keys.has(key)) { return key; }
      keys.add(key);
    }
  }
  return null;
}

/* The words of an element as the reader sees them: no hidden tooltip, spaces tidied. */
function shown(node) {
  if (!node) { return ""; }
  var copy = node.cloneNode(true);
  copy.querySelectorAll("[hidden]").forEach(function (n) { n.remove(); });
  return words(copy.textContent);
}

/* A checklist as rendered: print and Copy as text read everything from the page. */
function describe(section) {
  var sections = all(section, ".hb-checklist__section").map((fs) => ({
    title: fs.querySelector("legend").textContent.trim(),
    intro: shown(fs.querySelector(".hb-checklist__intro")),
    items: all(fs, "input[type=checkbox]").map((box) => ({ box: box, text: box.labels[0].textContent.trim() })),
    notes: fs.querySelector("textarea")
  }));
  return {
    id: section.dataset.checklist,
    title: document.getElementById(section.getAttribute("aria-labelledby")).textContent.trim(),
    intro: shown(section.querySelector(":scope > .hb-checklist__intro")),
    source: shown(section.querySelector(":scope > .hb-checklist__source")),
    sections: sections,
    items: sections.flatMap((s) => s.items),
    notes: sections.map((s) => s.notes)
  };
}

function ticked(c) { return c.items.filter(function (item) { return item.box.checked; }); }

/* A checklist is used if it holds a tick or a note. */
function used(c) { return ticked(c).length || c.notes.some(function (t) { return t.value.trim(); }); }

/* ── checking a file ──────────────────────────────────────────────────── */

function Problem(message) { this.message = message; }

/* An optional text: "" if absent. */
function text(value, max, where) {
  if (value === undefined) { return ""; }
  if (typeof value !== "string") { throw new Problem(where + " is not text."); }
  if (value.length > max) { throw new Problem(where + " is longer than " + max + " characters."); }
  return value;
}

/* An object of at most MAX_ENTRIES entries and, if `allowed` is given, only those keys. */
function map(value, where, allowed) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) { throw new Problem(where + " is missing or not a list of entries."); }
  if (own(value).length > MAX_ENTRIES) { throw new Problem(where + " has more than " + MAX_ENTRIES + " entries."); }
  var extra = allowed && own(value).find((key) => !allowed.includes(key));
  if (extra !== undefined) { throw new Problem(where + " has a field this handbook does not know: “" + extra.slice(0, 50) + "”."); }
  return value;
}

function checkId(id, problem) { if (!ID.test(id) || id.length > 100) { throw new Problem(problem); } }

/* A parsed file → {header, states, saved, version, missing[], reworded[]}, or throws Problem;
 * `known` is the page's checklists (describe); an id in a file is only compared, never a key. */
function check(data, known) {
  if (data?.format !== FORMAT) {
    throw new Problem("The file is not an assessment record saved by this handbook (its format marker is missing).");
  }
  if (data.formatVersion !== FORMAT_VERSION) {
    throw new Problem(typeof data.formatVersion === "number"
      ? "The file uses record format " + data.formatVersion + "; this handbook reads format " + FORMAT_VERSION + "."
      : "The file has no record format number.");
  }
  map(data, "The file", TOP);
  var version = text(data.handbookVersion, 50, "The handbook version");
  var saved = text(data.saved, 50, "The date saved");
  text(data.edition, MAX_TEXT, "The edition");

  var given = map(data.header, "The case details", HEADER);
  var header = Object.fromEntries(HEADER.map((key) => [key, text(given[key], MAX_FIELD, "The case detail “" + key + "”")]));
  /* A YYYY-MM-DD day on the calendar is what a date field keeps (it blanks 2026-02-30). */
  if (header.date && Object.assign(make("input"), { type: "date", value: header.date }).value !== header.date) {
    throw new Problem("The case date “" + header.date + "” is not a day on the calendar (YYYY-MM-DD).");
  }

  var states = {};
  var missing = [];
  var reworded = [];
  var lists = map(data.checklists, "The checklists");
  own(lists).forEach(function (id) {
    checkId(id, "The file names a checklist with an invalid id.");
    var entry = map(lists[id], "Checklist “" + id + "”", ["title", "ticked", "notes"]);
    var title = text(entry.title, MAX_TEXT, "The title of checklist “" + id + "”") || id;
    var ticked = map(entry.ticked === undefined ? {} : entry.ticked, "The ticked items of “" + title + "”");
    var notes = map(entry.notes === undefined ? {} : entry.notes, "The notes of “" + title + "”");
    var page = known.find((c) => c.id === id);
    var state = { items: {}, notes: {} };
    own(ticked).forEach(function (item) {
      checkId(item, "“" + title + "” names an item with an invalid id.");
      var label = text(ticked[item], MAX_TEXT, "An item of “" + title + "”");
      var now = page && page.items.find((i) => i.box.name === item)?.text;
      if (now === undefined) { missing.push(title + ": ticked item “" + label + "”"); return; }
      state.items[item] = true;
      if (words(label) !== words(now)) { reworded.push(title + ": “" + label + "” now reads “" + now + "”"); }
    });
    own(notes).forEach(function (name) {
      checkId(name, "“" + title + "” has notes with an invalid name.");
      var note = text(notes[name], MAX_NOTE, "A note in “" + title + "”");
      if (!note) { return; }
      if (page && page.notes.some((t) => t.name === name)) { state.notes[name] = note; } else { missing.push(title + ": notes “" + note + "”"); }
    });
    if (page && (own(state.items).length || own(state.notes).length)) { states[id] = state; }
  });
  return { header: header, states: states, saved: saved, version: version, missing: missing, reworded: reworded };
}

/* Copy as text made inert for a spreadsheet (OWASP, "CSV Injection"): no control or bidi
 * characters (a tab, which starts a new cell, becomes a space), and a line starting with
 * = + - @ (or full-width forms) gets an apostrophe: shown as text, never run as a formula. */
var CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
var FORMULA = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
function inert(value) {
  return value.replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(/\t/g, " ").replace(CONTROL, "")
    .split("\n").map(function (line) { return FORMULA.test(line) ? "'" + line : line; }).join("\n");
}

/* ── the component ────────────────────────────────────────────────────── */

function setUp(root) {
  var { version, stamp } = root.dataset;
  var lists = all(root, ".hb-checklist[data-checklist]").map(describe);
  var ids = lists.map(function (c) { return c.id; });
  var fields = all(root, ".hb-record__header input");
  var message = root.querySelector(".hb-record__message");
  var chooser = root.querySelector(".hb-record__file");
  var confirmBox = root.querySelector(".hb-record__confirm");
  var printBox = root.querySelector(".hb-record__print");

  function say(kind, heading, details) {
    message.className = "hb-record__message hb-record__message--" + kind;
    message.replaceChildren(make("p", heading, "hb-record__message-title"));
    if (details) { message.appendChild(make("ul")).append(...details.map((line) => make("li", line))); }
  }

  function restoreHeader() {
    var header = hbStorage.header();
    fields.forEach(function (f) { f.value = typeof header[f.name] === "string" ? header[f.name] : ""; });
  }
  function headerValues() { return Object.fromEntries(fields.map((f) => [f.name, f.value])); }
  root.querySelector(".hb-record__header").addEventListener("input", () => hbStorage.set("header", headerValues()));

  function ask(question, action, onYes) {
    confirmBox.querySelector(".hb-record__confirm-text").textContent = question;
    confirmBox.querySelector("[value=yes]").textContent = action;
    confirmBox.returnValue = ""; /* Escape leaves the last answer in place */
    confirmBox.showModal();
    confirmBox.addEventListener("close", () => confirmBox.returnValue === "yes" && onYes(), { once: true });
  }

  function download() {
    var day = new Date(Date.now() - new Date().getTimezoneOffset() * 60000); /* the local date */
    var name = "ta-hsb-record-" + day.toISOString().slice(0, 10) + ".json";
    var checklists = Object.fromEntries(lists.map((c) => [c.id, { title: c.title,
      ticked: Object.fromEntries(ticked(c).map((item) => [item.box.name, item.text])),
      notes: Object.fromEntries(c.notes.filter((t) => t.value).map((t) => [t.name, t.value])) }]));
    var record = { format: FORMAT, formatVersion: FORMAT_VERSION, handbookVersion: version, edition: stamp,
      saved: new Date().toISOString(), header: headerValues(), checklists: checklists };
    var blob = new Blob([JSON.stringify(record, null, 2) + "\n"], { type: "application/json" });
    if (blob.size > MAX_BYTES) {
      say("error", "The record was not saved: it is larger than 1 MB, the most a saved record can be.",
        ["Shorten the longest notes, then save again."]);
      return;
    }
    var link = Object.assign(make("a"), { href: URL.createObjectURL(blob), download: name });
    link.click(); /* a link out of the page downloads too */
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    hbStorage.markSaved();
    say("info", "Saved the record as “" + name + "”.",
      ["The file contains case information: store it as your organisation requires."]);
  }

  chooser.addEventListener("change", async function () {
    var file = chooser.files && chooser.files[0];
    chooser.value = "";
    if (!file) { return; }
    try {
      if (!/\.json$/i.test(file.name) && file.type !== "application/json") {
        throw new Problem("“" + file.name + "” is not a saved record: a record is a .json file.");
      }
      if (file.size > MAX_BYTES) {
        throw new Problem("“" + file.name + "” is too large (" + Math.ceil(file.size / 1024) + " KB): a saved record is at most 1 MB.");
      }
      var content = await new Promise((resolve, reject) => Object.assign(new FileReader(), {
        onload: (event) => resolve(event.target.result), onerror: () => reject(new Problem("The file could not be read."))
      }).readAsText(file)); /* not Blob.text(): this honours a UTF-16 byte order mark */
      var data;
      try { data = JSON.parse(content); } catch (e) {
        throw new Problem("“" + file.name + "” is damaged or not a record: it is not valid JSON.");
      }
      var repeated = repeatedKey(content);
      if (repeated !== null) {
        throw new Problem("“" + file.name + "” is damaged: “" + repeated.slice(0, 50) +
          "” appears twice in the same entry, so part of the record could be lost.");
      }
      var record = check(data, lists);
      hbStorage.replaceAll(record.header, record.states, ids);
      var done = Object.values(record.states).reduce((n, state) => n + own(state.items).length, 0);
      var total = lists.reduce((n, c) => n + c.items.length, 0);
      var details = [done + " of " + total + " items covered, in " + own(record.states).length + " of " + lists.length + " checklists."];
      var savedAt = new Date(record.saved);
      if (!isNaN(savedAt)) { details.push("Saved " + when(savedAt) + "."); }
      if (record.version && record.version !== version) {
        details.push("It was saved with handbook version " + record.version + "; this is version " + version + ".");
      }
      if (record.reworded.length) {
        details = details.concat("The wording of these ticked items has changed since the record was saved; check that each tick still applies:", record.reworded);
      }
      if (record.missing.length) {
        details = details.concat("These are no longer in this handbook and were not opened; copy anything you need from here:", record.missing);
      }
      say(record.missing.length || record.reworded.length ? "warning" : "info", "Opened the record from “" + file.name + "”.", details);
      if (record.reworded.length && root.dataset.changes) {
        var link = Object.assign(make("a", "See what changed in the guidance, edition by edition"), { href: root.dataset.changes });
        message.appendChild(make("p")).appendChild(link);
      }
    } catch (problem) {
      say("error", "The file was not opened. Your record has not changed.",
        [problem instanceof Problem ? problem.message : "The file could not be opened."]);
    }
  });

  /* The printed record (elements in `box`, emptied first) and the copied text, from one walk:
   * `put` makes an element and adds `line` to the text (a line, true for the element's own
   * words, or a list of them, "" a blank line). */
  function render(box) {
    var lines = [];
    box.replaceChildren();
    var now = when(new Date());
    function put(parent, tag, text, className, line) {
      [].concat(line === undefined ? [] : line).forEach(function (l) { lines.push(l === true ? text : l); });
      return parent.appendChild(make(tag, text, className));
    }
    put(box, "h2", "Assessment record", "hb-record__print-title", [true, ""]);
    var rows = put(put(box, "table", null, "hb-record__print-header"), "tbody");
    fields.forEach(function (field) {
      var label = field.labels.length ? field.labels[0].textContent : field.name;
      var row = put(rows, "tr", null, null, label + ": " + (field.value || "—"));
      put(row, "th", label).scope = "row";
      put(row, "td", field.value || "—");
    });
    put(box, "p", "Printed " + now + ". " + stamp, "hb-record__print-stamp");
    lists.filter(used).forEach(function (c) {
      var part = put(box, "section", null, "hb-record__print-checklist");
      put(part, "h3", c.title, null, ["", true]);
      put(part, "p", ticked(c).length + " of " + c.items.length + " covered", null, true);
      if (c.intro) { put(part, "p", c.intro, "hb-record__print-intro", true); }
      c.sections.forEach(function (s) {
        put(part, "h4", s.title, null, ["", true]);
        if (s.intro) { put(part, "p", s.intro, "hb-record__print-intro", true); }
        var list = put(part, "ul", null, "hb-record__print-items");
        s.items.forEach(function (item) {
          var state = item.box.checked ? "Covered" : "Not covered";
          var note = shown(item.box.parentNode.querySelector(".hb-checklist__note"));
          var li = put(list, "li", null, "hb-record__print-item" + (item.box.checked ? " is-covered" : ""), state + ": " + item.text);
          put(li, "span", state, "hb-record__print-state");
          var body = put(li, "span", item.text);
          if (note) { put(body, "span", note, "hb-record__print-note", "  Note: " + note); }
        });
        if (s.notes.value.trim()) {
          put(part, "p", "Notes: " + s.title, "hb-record__print-notes-label", true);
          put(part, "p", s.notes.value, "hb-record__print-notes", true);
        }
      });
      if (c.source) { put(part, "p", c.source, "hb-record__print-source", ["", true]); }
    });
    var unused = lists.filter(function (c) { return !used(c); });
    if (unused.length) {
      var rest = put(box, "section", null, "hb-record__print-unused");
      put(rest, "h3", "Checklists not used", null, ["", true]);
      var list = put(rest, "ul");
      unused.forEach(function (c) { put(list, "li", c.title + ": not used", null, true); });
    }
    /* Copy as text: for a case management system or a spreadsheet, made inert there. */
    return inert(lines.concat("", "Copied " + now + ". " + stamp).join("\n")) + "\n";
  }
  window.addEventListener("beforeprint", () => render(printBox));

  var actions = {
    print: function () { render(printBox); window.print(); },
    copy: function () {
      /* no clipboard (or no writeText) throws, and is refused like a denied one */
      Promise.resolve().then(() => navigator.clipboard.writeText(render(make("div")))).then(function () {
        var n = lists.filter(used).length;
        say("info", "Copied the record to the clipboard as text.", [
          "It holds the case details, " + n + (n === 1 ? " checklist" : " checklists") + " used (with their " +
            "introductions and Source lines, each item marked “Covered” or “Not covered” with its note, and your " +
            "notes), the checklists not used and the handbook’s edition.",
          "It contains case information: paste it only where your organisation keeps case records."
        ]);
      }, function () {
        say("error", "The record was not copied: this browser did not allow the clipboard.",
          ["Use Print record or Save to file instead."]);
      });
    },
    save: function () {
      if (hbStorage.noticed()) { download(); return; }
      ask("The file will contain case information. Store it as your organisation requires for case records.",
        "Save the file", function () { hbStorage.setNoticed(); download(); });
    },
    open: function () { chooser.click(); },
    clear: function () {
      ask("Clear the whole record: the case details and every tick and note in all " + lists.length +
        " checklists in this tab? This cannot be undone.", "Yes, clear all", function () {
        hbStorage.replaceAll(null, {}, ids);
        say("info", "The record has been cleared.");
      });
    }
  };
  root.querySelectorAll("[data-action]").forEach((button) =>
    button.addEventListener("click", () => actions[button.dataset.action]()));

  /* Sent open (readable without scripts), closed here without the theme's animation of
   * their shadow and arrow, which repainted the page for 0.25 s on a phone; back next frame. */
  root.classList.add("hb-record--opening");
  root.querySelectorAll(".hb-record__checklist").forEach(function (d) { d.open = false; });
  requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove("hb-record--opening")));
  hbStorage.onChange(restoreHeader);
  restoreHeader();
  root.querySelector(".hb-record__toolbar").hidden = false;
  root.querySelector(".hb-record__noscript").hidden = true;
}

/* The handbook's scripts are deferred: the page is parsed when this runs. */
document.querySelectorAll("[data-record]").forEach(setUp);
