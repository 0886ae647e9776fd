/* Assessment record component (`[data-record]`): the case details, the record's
 * buttons, the messages, the print view and the same content as plain text (Copy as
 * text). The checklists inside the record are ordinary checklist components; all state
 * goes through hbStorage (this tab only). It runs only on a page with a record.
 *
 * Everything typed or read from a file is put into the page with textContent and
 * createElement, never as markup. A file is checked completely before anything in
 * the tab changes: a file that is refused leaves the record exactly as it was.
 */
(function () {
  "use strict";

  if (!document.querySelector("[data-record]")) { return; }

  var FORMAT = "ta-hsb-assessment-record";
  var FORMAT_VERSION = 1;
  var MAX_BYTES = 1024 * 1024;
  var MAX_FIELD = 200;      /* the maxlength of the case detail fields */
  var MAX_TEXT = 1000;
  var MAX_NOTE = 200000;    /* the 1 MB limit on the whole file is the real bound */
  var MAX_ENTRIES = 500;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var HEADER = ["caseReference", "date", "assessor", "agency"];
  var TOP = ["format", "formatVersion", "handbookVersion", "edition", "saved", "header", "checklists"];

  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(obj) { return Object.keys(obj); }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /* A real day on the calendar, as <input type=date> keeps it (it would blank 2026-02-30). */
  function realDate(value) {
    var day = new Date(value + "T00:00:00Z");
    return DATE.test(value) && value.slice(0, 4) !== "0000" &&
      !isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }

  /* JSON.parse keeps only the last of two equal keys in an object, so a repeated
   * key would drop part of a record without a word. The text has already parsed:
   * walk its strings and brackets, and return the first key repeated in one object. */
  function repeatedKey(json) {
    var token = /"[^"\\]*(?:\\.[^"\\]*)*"?|[{}[\]]/g;
    var colon = /\s*:/y;
    var open = [];
    var match;
    while ((match = token.exec(json)) !== null) {
      var t = match[0];
      if (t === "{") { open.push(Object.create(null)); }
      else if (t === "[") { open.push(null); }
      else if (t === "}" || t === "]") { open.pop(); }
      else {
        colon.lastIndex = token.lastIndex;
        var keys = open[open.length - 1];
        if (keys && colon.test(json)) {
          var key = JSON.parse(t);
          if (key in keys) { return key; }
          keys[key] = true;
        }
      }
    }
    return null;
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  /* ── reading the page ─────────────────────────────────────────────────── */

  /* The words of an element as the reader sees them: no hidden tooltip, spaces tidied. */
  function shown(node) {
    if (!node) { return ""; }
    var copy = node.cloneNode(true);
    copy.querySelectorAll("[hidden]").forEach(function (n) { n.remove(); });
    return words(copy.textContent);
  }

  /* A checklist as the page renders it: the print and Copy as text read everything here
   * (introductions, item notes, the Source line) from the page, never from a copy. */
  function describe(section) {
    var id = section.getAttribute("data-checklist");
    var titleNode = document.getElementById(section.getAttribute("aria-labelledby"));
    return {
      id: id,
      title: titleNode ? titleNode.textContent.trim() : id,
      intro: shown(section.querySelector(":scope > .hb-checklist__intro")),
      source: shown(section.querySelector(":scope > .hb-checklist__source")),
      sections: Array.prototype.map.call(section.querySelectorAll(".hb-checklist__section"), function (fs) {
        return {
          title: fs.querySelector("legend").textContent.trim(),
          intro: shown(fs.querySelector(".hb-checklist__intro")),
          boxes: Array.prototype.slice.call(fs.querySelectorAll("input[type=checkbox]")),
          notes: fs.querySelector("textarea")
        };
      })
    };
  }

  function itemText(box) {
    var label = box.parentNode.querySelector("label[for='" + box.id + "']");
    return label ? label.textContent.trim() : box.name;
  }

  function itemNote(box) {
    return shown(box.parentNode.querySelector(".hb-checklist__note"));
  }

  /* ── checking a file ──────────────────────────────────────────────────── */

  function Problem(message) { this.message = message; }

  function text(value, max, where) {
    if (typeof value !== "string") { throw new Problem(where + " is not text."); }
    if (value.length > max) { throw new Problem(where + " is longer than " + max + " characters."); }
    return value;
  }

  function map(value, where) {
    if (!isObject(value)) { throw new Problem(where + " is missing or not a list of entries."); }
    if (own(value).length > MAX_ENTRIES) { throw new Problem(where + " has more than " + MAX_ENTRIES + " entries."); }
    return value;
  }

  function unknownKeys(obj, allowed, where) {
    own(obj).forEach(function (key) {
      if (allowed.indexOf(key) < 0) { throw new Problem(where + " has a field this handbook does not know: “" + key.slice(0, 50) + "”."); }
    });
  }

  function words(value) { return value.replace(/\s+/g, " ").trim(); }

  /* A parsed file → {header, states, saved, version, missing[], reworded[]}, or throws Problem. */
  function check(data, known) {
    if (!isObject(data) || data.format !== FORMAT) {
      throw new Problem("The file is not an assessment record saved by this handbook (its format marker is missing).");
    }
    if (data.formatVersion !== FORMAT_VERSION) {
      throw new Problem(typeof data.formatVersion === "number"
        ? "The file uses record format " + data.formatVersion + "; this handbook reads format " + FORMAT_VERSION + "."
        : "The file has no record format number.");
    }
    unknownKeys(data, TOP, "The file");
    var version = data.handbookVersion === undefined ? "" : text(data.handbookVersion, 50, "The handbook version");
    var saved = data.saved === undefined ? "" : text(data.saved, 50, "The date saved");
    if (data.edition !== undefined) { text(data.edition, MAX_TEXT, "The edition"); }

    var header = {};
    var rawHeader = map(data.header, "The case details");
    unknownKeys(rawHeader, HEADER, "The case details");
    HEADER.forEach(function (key) {
      var value = rawHeader[key] === undefined ? "" : text(rawHeader[key], MAX_FIELD, "The case detail “" + key + "”");
      if (key === "date" && value && !DATE.test(value)) { throw new Problem("The case date is not a date (YYYY-MM-DD)."); }
      if (key === "date" && value && !realDate(value)) { throw new Problem("The case date “" + value + "” is not a day on the calendar."); }
      header[key] = value;
    });

    var states = {};
    var missing = [];
    var reworded = [];
    var lists = map(data.checklists, "The checklists");
    own(lists).forEach(function (id) {
      if (!ID.test(id) || id.length > 100) { throw new Problem("The file names a checklist with an invalid id."); }
      var entry = map(lists[id], "Checklist “" + id + "”");
      unknownKeys(entry, ["title", "ticked", "notes"], "Checklist “" + id + "”");
      var title = entry.title === undefined ? id : text(entry.title, MAX_TEXT, "The title of checklist “" + id + "”");
      var ticked = map(entry.ticked === undefined ? {} : entry.ticked, "The ticked items of “" + title + "”");
      var notes = map(entry.notes === undefined ? {} : entry.notes, "The notes of “" + title + "”");
      var page = has(known, id) ? known[id] : null;
      var state = { items: {}, notes: {} };
      own(ticked).forEach(function (item) {
        if (!ID.test(item) || item.length > 100) { throw new Problem("“" + title + "” names an item with an invalid id."); }
        var label = text(ticked[item], MAX_TEXT, "An item of “" + title + "”");
        if (!page || !has(page.items, item)) { missing.push(title + ": ticked item “" + label + "”"); return; }
        state.items[item] = true;
        if (words(label) !== words(page.items[item])) {
          reworded.push(title + ": “" + label + "” now reads “" + page.items[item] + "”");
        }
      });
      own(notes).forEach(function (name) {
        if (!ID.test(name) || name.length > 100) { throw new Problem("“" + title + "” has notes with an invalid name."); }
        var note = text(notes[name], MAX_NOTE, "A note in “" + title + "”");
        if (!note) { return; }
        if (page && has(page.notes, name)) { state.notes[name] = note; } else { missing.push(title + ": notes “" + note + "”"); }
      });
      if (page && (own(state.items).length || own(state.notes).length)) { states[id] = state; }
    });
    return { header: header, states: states, saved: saved, version: version, missing: missing, reworded: reworded };
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(new Problem("The file could not be read.")); };
      reader.readAsText(file);
    });
  }

  /* ── the component ────────────────────────────────────────────────────── */

  function setUp(root) {
    var version = root.getAttribute("data-version");
    var stamp = root.getAttribute("data-stamp");
    var changesPage = root.getAttribute("data-changes");
    var lists = Array.prototype.map.call(root.querySelectorAll(".hb-checklist[data-checklist]"), describe);
    var ids = lists.map(function (c) { return c.id; });
    var fields = Array.prototype.slice.call(root.querySelectorAll(".hb-record__header input"));
    var message = root.querySelector(".hb-record__message");
    var chooser = root.querySelector(".hb-record__file");
    var confirmBox = root.querySelector(".hb-record__confirm");
    var confirmText = confirmBox.querySelector(".hb-record__confirm-text");
    var yes = confirmBox.querySelector("[data-confirm=yes]");
    var no = confirmBox.querySelector("[data-confirm=no]");
    var printBox = root.querySelector(".hb-record__print");
    var pending = null;

    var known = {};
    lists.forEach(function (c) {
      var entry = { items: {}, notes: {} };
      c.sections.forEach(function (s) {
        s.boxes.forEach(function (b) { entry.items[b.name] = itemText(b); });
        if (s.notes) { entry.notes[s.notes.name] = true; }
      });
      known[c.id] = entry;
    });

    function say(kind, heading, details) {
      message.textContent = "";
      message.className = "hb-record__message hb-record__message--" + kind;
      message.appendChild(make("p", heading, "hb-record__message-title"));
      if (details && details.length) {
        var list = make("ul");
        details.forEach(function (line) { list.appendChild(make("li", line)); });
        message.appendChild(list);
      }
    }

    /* Case details */
    function restoreHeader() {
      var header = hbStorage.header();
      fields.forEach(function (f) { f.value = typeof header[f.name] === "string" ? header[f.name] : ""; });
    }
    function headerValues() {
      var header = {};
      fields.forEach(function (f) { header[f.name] = f.value; });
      return header;
    }
    root.querySelector(".hb-record__header").addEventListener("input", function () {
      hbStorage.setHeader(headerValues());
      hbStorage.markUnsaved("header");
    });

    /* Tallies in each checklist's summary */
    function tally(details) {
      var boxes = details.querySelectorAll("input[type=checkbox]");
      var done = details.querySelectorAll("input[type=checkbox]:checked").length;
      details.querySelector(".hb-record__tally").textContent = "(" + done + " of " + boxes.length + " covered)";
    }
    root.addEventListener("hb-checklist-count", function (event) {
      var details = event.target.closest(".hb-record__checklist");
      if (details) { tally(details); }
    });
    root.querySelectorAll(".hb-record__checklist").forEach(tally);

    /* Confirmation, inline and keyboard operable */
    function ask(question, action, opener, onYes) {
      confirmText.textContent = question;
      yes.textContent = action;
      pending = { opener: opener, onYes: onYes };
      confirmBox.hidden = false;
      yes.focus();
    }
    function answer(ok) {
      var done = pending;
      pending = null;
      confirmBox.hidden = true;
      if (!done) { return; }
      done.opener.focus();
      if (ok) { done.onYes(); }
    }
    yes.addEventListener("click", function () { answer(true); });
    no.addEventListener("click", function () { answer(false); });
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); answer(false); }
    });

    /* Save */
    function snapshot() {
      var out = {};
      lists.forEach(function (c) {
        var ticked = {};
        var notes = {};
        c.sections.forEach(function (s) {
          s.boxes.forEach(function (b) { if (b.checked) { ticked[b.name] = itemText(b); } });
          if (s.notes && s.notes.value) { notes[s.notes.name] = s.notes.value; }
        });
        out[c.id] = { title: c.title, ticked: ticked, notes: notes };
      });
      return {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        handbookVersion: version,
        edition: stamp,
        saved: new Date().toISOString(),
        header: headerValues(),
        checklists: out
      };
    }
    function download() {
      var name = "ta-hsb-record-" + today() + ".json";
      var blob = new Blob([JSON.stringify(snapshot(), null, 2) + "\n"], { type: "application/json" });
      if (blob.size > MAX_BYTES) {
        say("error", "The record was not saved: it is larger than 1 MB, the most a saved record can be.", [
          "Shorten the longest notes, then save again."
        ]);
        return;
      }
      var url = URL.createObjectURL(blob);
      var link = make("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      hbStorage.markSaved();
      document.dispatchEvent(new CustomEvent("hb-saved"));
      say("info", "Saved the record as “" + name + "”.", [
        "The file contains case information: store it as your organisation requires."
      ]);
    }

    /* Open */
    function refuse(problem) {
      say("error", "The file was not opened. Your record has not changed.", [problem]);
    }
    chooser.addEventListener("change", function () {
      var file = chooser.files && chooser.files[0];
      chooser.value = "";
      if (!file) { return; }
      if (!/\.json$/i.test(file.name) && file.type !== "application/json") {
        refuse("“" + file.name + "” is not a saved record: a record is a .json file."); return;
      }
      if (file.size > MAX_BYTES) {
        refuse("“" + file.name + "” is too large (" + Math.ceil(file.size / 1024) + " KB): a saved record is at most 1 MB."); return;
      }
      readFile(file).then(function (content) {
        var data;
        try { data = JSON.parse(content); } catch (e) {
          throw new Problem("“" + file.name + "” is damaged or not a record: it is not valid JSON.");
        }
        var repeated = repeatedKey(content);
        if (repeated !== null) {
          throw new Problem("“" + file.name + "” is damaged: “" + repeated.slice(0, 50) +
            "” appears twice in the same entry, so part of the record could be lost.");
        }
        var record = check(data, known);
        hbStorage.replaceAll(record.header, record.states, ids);
        var done = 0;
        var used = 0;
        lists.forEach(function (c) {
          var state = record.states[c.id];
          var n = state ? own(state.items).length : 0;
          done += n;
          if (n || (state && own(state.notes).length)) { used += 1; }
        });
        var total = own(known).reduce(function (sum, id) { return sum + own(known[id].items).length; }, 0);
        var details = [done + " of " + total + " items covered, in " + used + " of " + lists.length + " checklists."];
        var savedAt = new Date(record.saved);
        if (record.saved && !isNaN(savedAt.getTime())) {
          details.push("Saved " + savedAt.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" }) + ".");
        }
        if (record.version && record.version !== version) {
          details.push("It was saved with handbook version " + record.version + "; this is version " + version + ".");
        }
        if (record.reworded.length) {
          details.push("The wording of these ticked items has changed since the record was saved; check that each tick still applies:");
          details = details.concat(record.reworded);
        }
        if (record.missing.length) {
          details.push("These are no longer in this handbook and were not opened; copy anything you need from here:");
          details = details.concat(record.missing);
        }
        var warn = record.missing.length || record.reworded.length;
        say(warn ? "warning" : "info", "Opened the record from “" + file.name + "”.", details);
        if (record.reworded.length && changesPage) {
          var see = make("p");
          var link = make("a", "See what changed in the guidance, edition by edition");
          link.href = changesPage;
          see.appendChild(link);
          message.appendChild(see);
        }
      }).catch(function (problem) {
        refuse(problem instanceof Problem ? problem.message : "The file could not be opened.");
      });
    });

    /* What the printed record and the copied text hold, read from the page */
    function contents() {
      var used = [];
      var unused = [];
      lists.forEach(function (c) {
        var ticked = 0;
        var noted = false;
        c.sections.forEach(function (s) {
          ticked += s.boxes.filter(function (b) { return b.checked; }).length;
          noted = noted || Boolean(s.notes && s.notes.value.trim());
        });
        if (!ticked && !noted) { unused.push(c.title); return; }
        used.push({
          title: c.title,
          intro: c.intro,
          source: c.source,
          ticked: ticked,
          total: c.sections.reduce(function (n, s) { return n + s.boxes.length; }, 0),
          sections: c.sections.map(function (s) {
            return {
              title: s.title,
              intro: s.intro,
              items: s.boxes.map(function (b) { return { text: itemText(b), note: itemNote(b), covered: b.checked }; }),
              notes: s.notes && s.notes.value.trim() ? s.notes.value : ""
            };
          })
        });
      });
      return {
        header: fields.map(function (f) {
          var label = root.querySelector("label[for='" + f.id + "']");
          return { label: label ? label.textContent : f.name, value: f.value };
        }),
        used: used,
        unused: unused,
        when: new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" })
      };
    }

    /* Print */
    function buildPrint() {
      var record = contents();
      printBox.textContent = "";
      printBox.appendChild(make("h2", "Assessment record", "hb-record__print-title"));
      var table = make("table", null, "hb-record__print-header");
      var body = make("tbody");
      record.header.forEach(function (field) {
        var row = make("tr");
        var th = make("th", field.label);
        th.scope = "row";
        row.appendChild(th);
        row.appendChild(make("td", field.value || "—"));
        body.appendChild(row);
      });
      table.appendChild(body);
      printBox.appendChild(table);
      printBox.appendChild(make("p", "Printed " + record.when + ". " + stamp, "hb-record__print-stamp"));
      record.used.forEach(function (c) {
        var part = make("section", null, "hb-record__print-checklist");
        part.appendChild(make("h3", c.title));
        part.appendChild(make("p", c.ticked + " of " + c.total + " covered"));
        if (c.intro) { part.appendChild(make("p", c.intro, "hb-record__print-intro")); }
        c.sections.forEach(function (s) {
          part.appendChild(make("h4", s.title));
          if (s.intro) { part.appendChild(make("p", s.intro, "hb-record__print-intro")); }
          var list = make("ul", null, "hb-record__print-items");
          s.items.forEach(function (item) {
            var li = make("li", null, item.covered ? "hb-record__print-item is-covered" : "hb-record__print-item");
            li.appendChild(make("span", item.covered ? "Covered" : "Not covered", "hb-record__print-state"));
            var body = make("span", item.text);
            if (item.note) { body.appendChild(make("span", item.note, "hb-record__print-note")); }
            li.appendChild(body);
            list.appendChild(li);
          });
          part.appendChild(list);
          if (s.notes) {
            part.appendChild(make("p", "Notes: " + s.title, "hb-record__print-notes-label"));
            part.appendChild(make("p", s.notes, "hb-record__print-notes"));
          }
        });
        if (c.source) { part.appendChild(make("p", c.source, "hb-record__print-source")); }
        printBox.appendChild(part);
      });
      if (record.unused.length) {
        var rest = make("section", null, "hb-record__print-unused");
        rest.appendChild(make("h3", "Checklists not used"));
        var list = make("ul");
        record.unused.forEach(function (title) { list.appendChild(make("li", title + ": not used")); });
        rest.appendChild(list);
        printBox.appendChild(rest);
      }
    }

    /* Copy as text: the printed record's content, as plain text for a case management
     * system or a spreadsheet, made inert there (OWASP, "CSV Injection"): no control or
     * bidirectional characters (tabs become spaces: a tab would start a new cell), and a
     * line that starts with = + - @ (or their full-width forms) starts with an apostrophe,
     * so a spreadsheet shows it as text, never runs it as a formula. */
    var CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
    var FORMULA = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
    function inert(text) {
      return text.replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(/\t/g, " ").replace(CONTROL, "")
        .split("\n").map(function (line) { return FORMULA.test(line) ? "'" + line : line; }).join("\n");
    }
    function asText(record) {
      var out = ["Assessment record", ""];
      record.header.forEach(function (field) { out.push(field.label + ": " + (field.value || "—")); });
      record.used.forEach(function (c) {
        out.push("", c.title, c.ticked + " of " + c.total + " covered");
        if (c.intro) { out.push(c.intro); }
        c.sections.forEach(function (s) {
          out.push("", s.title);
          if (s.intro) { out.push(s.intro); }
          s.items.forEach(function (item) {
            out.push((item.covered ? "Covered: " : "Not covered: ") + item.text);
            if (item.note) { out.push("  Note: " + item.note); }
          });
          if (s.notes) { out.push("Notes: " + s.title, s.notes); }
        });
        if (c.source) { out.push("", c.source); }
      });
      if (record.unused.length) {
        out.push("", "Checklists not used");
        record.unused.forEach(function (title) { out.push(title + ": not used"); });
      }
      out.push("", "Copied " + record.when + ". " + stamp);
      return inert(out.join("\n")) + "\n";
    }
    function copy() {
      var record = contents();
      var clipboard = navigator.clipboard;
      var writing = clipboard && clipboard.writeText ? clipboard.writeText(asText(record)) : Promise.reject(new Error("no clipboard"));
      writing.then(function () {
        var n = record.used.length;
        say("info", "Copied the record to the clipboard as text.", [
          "It holds the case details, " + n + (n === 1 ? " checklist" : " checklists") + " used (with their " +
            "introductions and Source lines, each item marked “Covered” or “Not covered” with its note, and your " +
            "notes), the checklists not used and the handbook’s edition.",
          "It contains case information: paste it only where your organisation keeps case records."
        ]);
      }, function () {
        say("error", "The record was not copied: this browser did not allow the clipboard.", [
          "Use Print record or Save to file instead."
        ]);
      });
    }
    window.addEventListener("beforeprint", buildPrint);

    /* Buttons */
    var actions = {
      print: function () { buildPrint(); window.print(); },
      copy: copy,
      save: function (button) {
        if (hbStorage.noticed()) { download(); return; }
        ask("The file will contain case information. Store it as your organisation requires for case records.",
          "Save the file", button, function () { hbStorage.setNoticed(); download(); });
      },
      open: function () { chooser.click(); },
      clear: function (button) {
        ask("Clear the whole record: the case details and every tick and note in all " + lists.length +
          " checklists in this tab? This cannot be undone.", "Yes, clear all", button, function () {
          hbStorage.clearAll(ids);
          say("info", "The record has been cleared.");
        });
      }
    };
    root.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { actions[button.getAttribute("data-action")](button); });
    });

    hbStorage.onChange(restoreHeader);
    restoreHeader();
    closeQuietly(root);
    root.querySelector(".hb-record__toolbar").hidden = false;
    root.querySelector(".hb-record__noscript").hidden = true;
  }

  /* The checklists are open in the page as sent (readable without scripts) and closed
   * here. Closed without their theme animation: animating every checklist's shadow and
   * arrow as the page opens repaints the page for a quarter of a second, a long wait on
   * a phone. The animation is back from the next frame on, for the reader's clicks. */
  function closeQuietly(root) {
    root.classList.add("hb-record--opening");
    root.querySelectorAll(".hb-record__checklist").forEach(function (d) { d.open = false; });
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { root.classList.remove("hb-record--opening"); });
    });
  }

  function init() {
    document.querySelectorAll("[data-record]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
