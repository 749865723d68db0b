// The officer's page's service worker: once the page has been loaded, it opens without the network.
// The page, its script and the guide are cached on install; then every GET of them (and of the
// list's GET answers: /api/selection, the built site's selection/*.json) goes to the network first
// and falls back to the last copy cached. Nothing else is touched: POSTs (the list the page asks
// for, documents, checks) go to the server as they are, and the page says when the network is needed.
"use strict";

var CACHE = "calendar-gen-page-1";
var SCOPE = new URL("./", self.location).href;
var SHELL = ["./", "workspace.js", "huong-dan-su-dung", "huong-dan-su-dung.html"];  // a guide of serve, or of a built site

function kept(url) {
  if (url.origin !== self.location.origin || url.href.indexOf(SCOPE) !== 0) { return false; }
  var path = url.href.slice(SCOPE.length).split(/[?#]/)[0];
  return SHELL.indexOf(path) >= 0 || path === "" || path === "index.html" || path === "api/selection" ||
    /^selection\/[^/]+\.json$/.test(path);
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // One missing file (a built site has no guide) must not stop the others from being kept.
    return Promise.all(SHELL.map(function (path) { return cache.add(path).catch(function () { return null; }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("calendar-gen-page-") === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !kept(new URL(request.url))) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    // Offline: the copy of this address, else (the page with another query) the page itself.
    return caches.match(request).then(function (found) {
      if (found) { return found; }
      if (request.mode === "navigate") {
        return caches.match(request, { ignoreSearch: true }).then(function (page) { return page || caches.match("./"); });
      }
      return Response.error();
    });
  }));
});
