// The subscribe page: when a filter changes, the feed link, the QR code and the preview follow.
// Text from the server is only ever set with textContent, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("filters");
  var urlBox = document.getElementById("feed-url");
  var webcal = document.getElementById("webcal");
  var qr = document.getElementById("qr");
  var preview = document.getElementById("preview");
  var copied = document.getElementById("copied");
  var base = new URL("feed.ics", window.location.href);

  function query() {
    var params = new URLSearchParams();
    ["scope", "tag", "alarm"].forEach(function (name) {
      var value = document.getElementById(name).value;
      if (value) { params.set(name, value); }
    });
    if (document.getElementById("round").checked) { params.set("round", "1"); }
    return params;
  }

  function update() {
    var params = query();
    var text = params.toString();
    var url = new URL(base.href);
    url.search = text;
    urlBox.value = url.href;
    webcal.href = url.href.replace(/^https?:/, "webcal:");
    var qrUrl = new URL("qr.svg", window.location.href);
    qrUrl.search = text;
    fetch(qrUrl.href).then(function (r) { return r.ok ? r.text() : ""; }).then(function (svg) {
      var doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      var node = doc.documentElement;
      if (node && node.nodeName === "svg") { qr.replaceChildren(document.importNode(node, true)); }
    });
    var api = new URL("api/occurrences", window.location.href);
    var apiParams = new URLSearchParams(text);
    apiParams.delete("alarm");
    apiParams.set("from", script.dataset.monthFrom);
    apiParams.set("to", script.dataset.monthTo);
    api.search = apiParams.toString();
    fetch(api.href).then(function (r) { return r.json(); }).then(function (items) {
      var list = items.map(function (item) {
        var li = document.createElement("li");
        if (item.round_class === "tron" || item.round_class === "le5") { li.className = "round"; }
        var day = item.date.slice(8, 10).replace(/^0/, "") + "/" + item.date.slice(5, 7).replace(/^0/, "");
        li.textContent = day + ": " + item.text;
        return li;
      });
      if (!list.length) {
        var empty = document.createElement("li");
        empty.textContent = "Không có ngày kỷ niệm nào.";
        list.push(empty);
      }
      preview.replaceChildren.apply(preview, list);
    });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    }
  }

  form.addEventListener("change", update);
  document.getElementById("copy").addEventListener("click", function () {
    var done = function () { copied.textContent = "Đã sao chép địa chỉ lịch."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(urlBox.value).then(done, function () {
        urlBox.select(); document.execCommand("copy"); done();
      });
    } else {
      urlBox.select(); document.execCommand("copy"); done();
    }
  });
})();
