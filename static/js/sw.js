/* The offline field log's service worker (served at /sw.js, scope "/").
 *
 * - The log-activity form and the activity list: network first, so a page is always
 *   as fresh as the connection allows; each good answer is kept, and served when the
 *   network fails (the CDA can log work with no connection; field-outbox.js keeps the
 *   entries until the server confirms them).
 * - Static files: the network, or the copy precached for those pages when it fails.
 *   The pages send the list of their assets ({type: "precache", urls}); their names
 *   carry the file's hash in production, so a copy is never stale.
 * Signing out (the POST to /accounts/logout/) deletes the kept pages: the next person
 * on this phone must not read them offline. Static files stay; so does the outbox,
 * whose entries each name their account.
 * Nothing is sent from here: the outbox lives in the page (IndexedDB), which sees the
 * answers (a 403 or a sign-in page must keep the entry, never count as sent).
 */
"use strict";

var CACHE = "clusterdev-field-log-v1";
var OFFLINE_PAGES = [/^\/clusters\/\d+\/activities\/new\/$/, /^\/clusters\/\d+\/activities\/$/];

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== CACHE; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function offlinePage(url) {
  return url.origin === self.location.origin && OFFLINE_PAGES.some(function (re) { return re.test(url.pathname); });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "precache" || !Array.isArray(data.urls)) return;
  var urls = data.urls.filter(function (u) {
    var url = new URL(u, self.location.origin);
    return url.origin === self.location.origin && (url.pathname.indexOf("/static/") === 0 || offlinePage(url));
  });
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (u) {
        return fetch(u, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) return cache.put(u, response);
        }).catch(function () { /* offline: the next visit tries again */ });
      }));
    }).then(function () {
      if (event.source) event.source.postMessage({ type: "precached", count: urls.length });
    })
  );
});

function pageFromNetwork(request) {
  var url = new URL(request.url);
  var key = url.origin + url.pathname;
  return fetch(request).then(function (response) {
    // A redirect (to the sign-in page) is not the page: never keep it in its place.
    if (response.ok && !response.redirected && !url.search) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key).then(function (cached) {
      return cached || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
    });
  });
}

var LOGOUT = "/accounts/logout/";

function forgetPages() {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return offlinePage(new URL(r.url)); })
        .map(function (r) { return cache.delete(r); }));
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && url.pathname === LOGOUT) {
    event.waitUntil(forgetPages()); // the request itself goes on to the network
    return;
  }
  if (request.method !== "GET") return;
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && offlinePage(url)) {
    event.respondWith(pageFromNetwork(request));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(request).then(function (cached) {
        return cached || Response.error();
      });
    }));
  }
});
