/* The field log's outbox: every entry is kept on the phone (IndexedDB) with its client
 * id until the server answers 2xx; nothing is lost to a dropped connection.
 *
 * On the log-activity form (form[data-outbox]) a submission is first stored here:
 * - online, the form is then posted as usual (the page shows the server's answer and
 *   its field errors); the entry is confirmed by the API on the next page (the same
 *   client id: the server answers with the first result, never a second row);
 * - offline, it stays here and the form is cleared for the next entry.
 * Entries are sent to the API (POST with Idempotency-Key) on page load, on the
 * "online" event and with "Send now". 2xx: removed. 401/403 (the session ended):
 * kept, "sign in again". 400/422: kept as refused, with the server's field errors, to
 * fix or discard. Anything else (offline, 409, 5xx): kept, tried again later.
 * Each entry belongs to the account that typed it (data-user of #outbox): on a phone
 * shared by two people, entries of the other account are neither shown nor sent (the
 * server would file them under the wrong name); they wait until that account signs in.
 * The DOM is built with textContent only; the sentences come translated from the page
 * (data-t-* of #outbox).
 */
(function () {
  "use strict";

  // Only http(s) links, resolved against this page: never javascript: or data:.
  function safeHref(url) {
    try {
      var parsed = new URL(String(url), window.location.href);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : "#";
    } catch (e) { return "#"; }
  }
  var DB = "clusterdev-outbox";
  var STORE = "entries";
  var FIELDS = ["occurred_on", "kind", "location", "summary", "women", "men"];

  var box = document.getElementById("outbox");
  if (!box || !window.indexedDB) return;
  var form = document.querySelector("form[data-outbox]");
  var statusLine = document.getElementById("outbox-status");
  var list = document.getElementById("outbox-entries");
  var sendButton = document.getElementById("outbox-send");
  var note = "";
  var sent = 0;
  var flushing = false;
  var me = box.dataset.user || "";

  // Entries stored before they carried their account belong to whoever signs in next.
  function mine(entry) { return !entry.owner || entry.owner === me; }

  function t(name, value) {
    var text = box.getAttribute("data-t-" + name) || "";
    return value === undefined ? text : text.replace("%s", String(value));
  }

  // --- IndexedDB, as promises -----------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(request && request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function save(entry) { return withStore("readwrite", function (s) { return s.put(entry); }); }
  function forget(id) { return withStore("readwrite", function (s) { return s.delete(id); }); }
  function entries() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (all) {
      return (all || []).sort(function (a, b) { return a.createdAt - b.createdAt; });
    });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // --- Sending --------------------------------------------------------------------
  function send(entry) {
    return fetch(entry.api, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Idempotency-Key": entry.id,
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(entry.payload),
    }).then(function (response) {
      if (response.ok) {
        sent += 1;
        return forget(entry.id).then(function () { return "next"; });
      }
      if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
        entry.state = "signin";
        return save(entry).then(function () { return "stop"; });
      }
      if (response.status === 400 || response.status === 422) {
        return response.json().catch(function () { return {}; }).then(function (errors) {
          entry.state = "refused";
          entry.errors = errors;
          return save(entry).then(function () { return "next"; });
        });
      }
      return "stop"; // 409 (still being processed), 5xx: later
    }, function () { return "stop"; }); // no connection
  }

  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    return entries().then(function (all) {
      var waiting = all.filter(function (e) { return mine(e) && e.state !== "refused"; });
      var chain = Promise.resolve("next");
      waiting.forEach(function (entry) {
        chain = chain.then(function (step) { return step === "stop" ? "stop" : send(entry); });
      });
      return chain;
    }).catch(function () {}).then(function () {
      flushing = false;
      if (sent) note = "";
      return render();
    });
  }

  // --- The list of what waits -----------------------------------------------------
  function errorText(errors) {
    var parts = [];
    Object.keys(errors || {}).forEach(function (field) {
      var value = errors[field];
      parts.push((Array.isArray(value) ? value : [value]).join(" "));
    });
    return parts.join(" ");
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "outline";
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  function entryItem(entry) {
    var li = document.createElement("li");
    li.dataset.id = entry.id;
    var p = entry.payload;
    var line = document.createElement("span");
    line.textContent = [p.occurred_on, entry.kindLabel || p.kind, (p.summary || "").slice(0, 80)].join(" · ");
    li.appendChild(line);
    if (entry.state === "refused") {
      li.className = "refused";
      var why = document.createElement("small");
      why.className = "errorlist";
      why.textContent = t("refused") + " " + errorText(entry.errors);
      li.appendChild(document.createElement("br"));
      li.appendChild(why);
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(button(t("fix"), function () { fix(entry); }));
      actions.appendChild(button(t("discard"), function () { forget(entry.id).then(render); }));
      li.appendChild(actions);
    }
    return li;
  }

  function render() {
    return entries().then(function (everyone) {
      var all = everyone.filter(mine);
      var others = everyone.length - all.length;
      var waiting = all.filter(function (e) { return e.state !== "refused"; });
      var signin = all.some(function (e) { return e.state === "signin"; });
      list.replaceChildren.apply(list, all.map(entryItem));
      statusLine.replaceChildren();
      var lines = [];
      if (note) lines.push(note);
      if (waiting.length && !signin) lines.push(t("waiting", waiting.length));
      if (sent) lines.push(t("sent", sent));
      if (others) lines.push(t("others", others));
      statusLine.textContent = lines.join(" ");
      if (signin) {
        var link = document.createElement("a");
        var next = all.filter(function (e) { return e.state === "signin"; })[0].formUrl || location.pathname;
        Object.assign(link, { href: safeHref(box.dataset.login + "?next=" + encodeURIComponent(next)) });
        link.id = "outbox-signin";
        link.textContent = t("signin-link");
        statusLine.appendChild(document.createTextNode((statusLine.textContent ? " " : "") + t("signin", waiting.length) + " "));
        statusLine.appendChild(link);
      }
      sendButton.hidden = !waiting.length;
      box.hidden = !all.length && !note && !sent && !others;
      box.dataset.waiting = String(waiting.length);
    });
  }

  // --- The form -------------------------------------------------------------------
  function field(name) { return form.elements.namedItem(name); }

  function fromForm() {
    var payload = { cluster: Number(form.dataset.cluster) };
    FIELDS.forEach(function (name) { payload[name] = field(name) ? field(name).value : ""; });
    var kind = field("kind");
    return {
      id: field("client_id").value || uuid(),
      owner: me,
      api: form.dataset.api,
      formUrl: location.pathname,
      payload: payload,
      kindLabel: kind && kind.selectedIndex >= 0 ? kind.options[kind.selectedIndex].text : "",
      state: "waiting",
      createdAt: Date.now(),
    };
  }

  function fix(entry) {
    if (!form || entry.formUrl !== location.pathname) {
      location.assign(entry.formUrl + "#fix=" + entry.id);
      return;
    }
    FIELDS.forEach(function (name) { if (field(name)) field(name).value = entry.payload[name]; });
    // The refused entry was not stored by the server: its id may be sent again.
    field("client_id").value = entry.id;
    Object.keys(entry.errors || {}).forEach(function (name) {
      var ul = document.getElementById("id_" + name + "-errors");
      if (!ul) return;
      var messages = Array.isArray(entry.errors[name]) ? entry.errors[name] : [entry.errors[name]];
      ul.replaceChildren.apply(ul, messages.map(function (m) {
        var li = document.createElement("li"); li.textContent = m; return li;
      }));
      ul.hidden = false;
    });
    forget(entry.id).then(render);
    form.scrollIntoView();
  }

  function onSubmit(event) {
    event.preventDefault();
    var once = window.ClusterDevSubmitOnce;
    if (once && !once.mark(form, event.submitter)) return; // a repeat tap
    var entry = fromForm();
    save(entry).then(function () {
      if (navigator.onLine) {
        form.submit(); // the usual page answer; the outbox confirms the entry afterwards
        return;
      }
      form.reset();
      field("client_id").value = uuid(); // the next entry is a new one
      note = t("offline");
      if (once) once.release(form);
      return render();
    }, function () {
      form.submit(); // no storage on this phone: send as a plain form
    });
  }

  function precache() {
    if (!("serviceWorker" in navigator) || !box.dataset.sw) return;
    navigator.serviceWorker.register(box.dataset.sw).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var urls = [location.pathname];
      document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (el) {
        urls.push(el.href || el.src);
      });
      if (box.dataset.form) urls.push(box.dataset.form);
      registration.active.postMessage({ type: "precache", urls: urls });
    }).catch(function () {});
  }

  function start() {
    var ready = Promise.resolve();
    if (form) {
      form.addEventListener("submit", onSubmit);
      // The server answered this submission with field errors: the form shows them.
      if (form.hasAttribute("data-refused")) ready = forget(field("client_id").value);
      var fixId = (location.hash.match(/^#fix=(.+)$/) || [])[1];
      if (fixId) {
        ready = ready.then(entries).then(function (all) {
          all.filter(function (e) { return e.id === fixId; }).forEach(fix);
        });
      }
    }
    sendButton.addEventListener("click", flush);
    window.addEventListener("online", flush);
    ready.then(render).then(flush);
    precache();
  }

  start();
})();
