/* Edition and offline copy: the footer stamp (`[data-edition]`) names this page's edition,
 * the site root and whether the offline copy is on (`data-app`, macros/hooks/offline.py).
 *
 * - On: registers the site's service worker (sw.js) once the page has loaded. It keeps
 *   this edition on the device; when it has kept a newer edition, it takes over and this
 *   page says "This handbook has been updated (version X, built DATE). Reload to read
 *   the new edition." After the reload every page is from the new edition.
 * - Off: unregisters a service worker an earlier build installed and deletes its caches.
 * - A page the service worker does not serve compares its edition with the deployed
 *   edition.json and says the same when they differ.
 * - Without a network, the footer says that this is the copy kept on the device, and
 *   which edition it is.
 * From file:// (the offline zip) it does nothing. It never reads or stores case data.
 */
(function () {
  "use strict";

  var stamp = document.querySelector(".hb-footer-stamp[data-edition]");
  var workers = navigator.serviceWorker;
  if (!stamp || !/^https?:$/.test(window.location.protocol)) { return; }

  var own = { id: stamp.getAttribute("data-edition"), version: stamp.getAttribute("data-version"), built: stamp.getAttribute("data-built") };
  var root = new URL(stamp.getAttribute("data-root").replace(/\/?$/, "/"), window.location.href);
  var app = stamp.getAttribute("data-app");
  var notice = document.querySelector(".hb-update");
  var line = document.querySelector(".hb-footer-offline");
  var PREFIX = "ta-hsb " + root.href + " ";

  function make(tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    return node;
  }

  function announce(edition) {
    if (!notice || !edition || edition.id === own.id) { return; }
    var button = make("button", "Reload", "md-button md-button--primary");
    button.type = "button";
    button.addEventListener("click", function () {
      document.dispatchEvent(new CustomEvent("hb-reload"));
      window.location.reload();
    });
    var text = make("p", "This handbook has been updated (version " + edition.version + ", built " +
      edition.built + "). Reload to read the new edition.", "hb-update__text");
    notice.textContent = "";
    notice.appendChild(text);
    notice.appendChild(button);
  }

  function compare() {
    window.fetch(new URL("edition.json", root), { cache: "no-cache" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(announce)
      .catch(function () { /* offline or not deployed: nothing to say */ });
  }

  function connection() {
    if (!line) { return; }
    var kept = Boolean(workers && workers.controller);
    line.textContent = navigator.onLine ? "" : "Offline: " + (kept ? "the copy kept on this device, " : "") +
      "handbook version " + own.version + ", built " + own.built + ".";
    line.hidden = navigator.onLine;
  }
  window.addEventListener("online", connection);
  window.addEventListener("offline", connection);
  connection();

  /* Nothing here is needed for the first paint: it waits for the page to load. */
  function afterLoad(run) {
    if (document.readyState === "complete") { run(); } else { window.addEventListener("load", run); }
  }

  function forget() {
    workers.getRegistrations().then(function (registrations) {
      registrations.forEach(function (r) { if (r.scope === root.href) { r.unregister(); } });
    });
    if (window.caches) {
      window.caches.keys().then(function (names) {
        names.forEach(function (name) { if (name.indexOf(PREFIX) === 0) { window.caches.delete(name); } });
      });
    }
  }

  if (!workers || app !== "on") {
    if (workers) { afterLoad(forget); }
    afterLoad(compare);
    return;
  }
  var controlled = Boolean(workers.controller);
  workers.addEventListener("controllerchange", function () {
    if (controlled) { compare(); } /* a newer edition is now kept: say so */
    controlled = true;
    connection();
  });
  if (!controlled) { afterLoad(compare); }
  function register() {
    workers.register(new URL("sw.js", root), { scope: root.pathname }).catch(function () {
      /* storage refused (private mode, policy): the site works online as before */
    });
  }
  afterLoad(register);
})();
