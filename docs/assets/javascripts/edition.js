/* Edition and offline copy (guides/hosting.md): registers sw.js when the footer stamp's
 * data-app is on, else removes an earlier build's; announces a newer edition (the worker's or
 * edition.json's); offline, the footer names this edition. Nothing from file://, no case data. */
var stamp = document.querySelector(".hb-footer-stamp[data-edition]");
var workers = navigator.serviceWorker;
if (!stamp || !/^https?:$/.test(window.location.protocol)) { return; }

var own = stamp.dataset; /* edition, version, built, root, app */
var root = new URL(own.root.replace(/\/?$/, "/"), window.location.href);
var notice = document.querySelector(".hb-update");
var line = document.querySelector(".hb-footer-offline");

function announce(edition) {
  if (!notice || !edition || edition.id === own.edition) { return; }
  var text = "This handbook has been updated (version " + edition.version + ", built " + edition.built + "). Reload to read the new edition.";
  var button = Object.assign(document.createElement("button"), { className: "md-button md-button--primary", type: "button", textContent: "Reload" });
  button.addEventListener("click", function () {
    document.dispatchEvent(new CustomEvent("hb-reload"));
    window.location.reload();
  });
  notice.replaceChildren(Object.assign(document.createElement("p"), { className: "hb-update__text", textContent: text }), button);
}

function compare() { /* offline or not deployed: nothing to say */
  window.fetch(new URL("edition.json", root), { cache: "no-cache" })
    .then((response) => (response.ok ? response.json() : null)).then(announce).catch(() => {});
}

function connection() {
  if (!line) { return; }
  line.textContent = navigator.onLine ? "" : "Offline: " + (workers && workers.controller ? "the copy kept on this device, " : "") +
    "handbook version " + own.version + ", built " + own.built + ".";
  line.hidden = navigator.onLine;
}
["online", "offline"].forEach((name) => window.addEventListener(name, connection));
connection();

/* Nothing below is needed for the first paint: it waits for the page to load (this
 * script is deferred, so the page has not loaded yet). */
var on = workers && own.app === "on";
var controlled = Boolean(workers && workers.controller);
window.addEventListener("load", function () {
  if (!on || !controlled) { compare(); } /* else the worker says when it keeps a newer one */
  if (on) {
    /* refused (private mode, policy): the site works online as before */
    workers.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {});
  } else if (workers) {
    workers.getRegistrations().then((all) => all.filter((r) => r.scope === root.href).forEach((r) => r.unregister()));
    window.caches.keys().then((names) => names.filter((name) => name.startsWith("ta-hsb " + root.href + " "))
      .forEach((name) => window.caches.delete(name)));
  }
});
if (on) {
  workers.addEventListener("controllerchange", function () {
    if (controlled) { compare(); } /* a newer edition is now kept: say so */
    controlled = true;
    connection();
  });
}
