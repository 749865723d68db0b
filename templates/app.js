// The subscribe page. Served (form#filters): when a filter changes, the feed link, the one-click
// links, the QR code, the preview and the documents follow. Built site (select#feed-choice): the
// chosen feed is shown, the paragraph follows the month. Text from the server is only ever set
// with textContent or a form value, never as HTML.
(function () {
  "use strict";
  var script = document.currentScript;
  var $ = function (id) { return document.getElementById(id); };

  function copyFrom(box, status, message) {
    var done = function () { status.textContent = message; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(done, function () {
        box.select(); document.execCommand("copy"); done();
      });
    } else {
      box.select(); document.execCommand("copy"); done();
    }
  }

  function loadParagraph(url) {
    fetch(url).then(function (r) { return r.ok ? r.text() : null; }).then(function (text) {
      if (text !== null) { $("paragraph").value = text.trim(); }
    });
  }

  if ($("copy-paragraph")) {
    $("copy-paragraph").addEventListener("click", function () {
      copyFrom($("paragraph"), $("paragraph-copied"), "Đã sao chép đoạn văn.");
    });
  }

  // The built site: one feed at a time, chosen from the list (or by #f-... in the address).
  var choice = $("feed-choice");
  if (choice) {
    var showFeed = function () {
      document.querySelectorAll("section.feed").forEach(function (section) {
        section.hidden = section.id !== choice.value;
      });
    };
    var wanted = window.location.hash.slice(1);
    if (wanted && $(wanted) && $(wanted).classList.contains("feed")) { choice.value = wanted; }
    choice.addEventListener("change", function () {
      showFeed();
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + choice.value); }
    });
    showFeed();
    $("paragraph-month").addEventListener("change", function () { loadParagraph($("paragraph-month").value); });
    return;
  }

  var form = $("filters");
  var base = new URL("feed.ics", window.location.href);

  function selectedText(id) {
    var select = $(id);
    return select.value ? select.options[select.selectedIndex].text : "";
  }

  function query() {
    var params = new URLSearchParams();
    ["scope", "tag", "alarm"].forEach(function (name) {
      var value = $(name).value;
      if (value) { params.set(name, value); }
    });
    if ($("round").checked) { params.set("round", "1"); }
    return params;
  }

  // The calendar's name in Outlook, as the server writes it: "Các ngày kỷ niệm – Toàn quốc – ...".
  function calendarName() {
    var parts = ["Các ngày kỷ niệm", selectedText("scope"), selectedText("tag")].filter(Boolean);
    return parts.join(" – ") + ($("round").checked ? " (năm tròn, năm lẻ 5)" : "");
  }

  function updateLinks(url) {
    var webcal = url.replace(/^https?:/, "webcal:");
    $("feed-url").value = url;
    $("webcal").href = webcal;
    $("google").href = "https://calendar.google.com/calendar/r?cid=" + encodeURIComponent(webcal);
    $("outlook").href = "https://outlook.live.com/calendar/0/addfromweb?url=" + encodeURIComponent(url) +
      "&name=" + encodeURIComponent(calendarName());
  }

  function updateQr(text) {
    var qrUrl = new URL("qr.svg", window.location.href);
    qrUrl.search = text;
    fetch(qrUrl.href).then(function (r) { return r.ok ? r.text() : ""; }).then(function (svg) {
      var doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      var node = doc.documentElement;
      if (node && node.nodeName === "svg") { $("qr").replaceChildren(document.importNode(node, true)); }
    });
  }

  function updatePreview(text) {
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
      $("preview").replaceChildren.apply($("preview"), list);
    });
  }

  // A province's documents list the national days too (as the server's document_scopes does).
  function updateDocuments() {
    var scope = $("scope").value;
    var province = scope && scope.split(",").every(function (s) { return s.indexOf("province") === 0; });
    var docScope = province ? "national," + scope : scope;
    var label = !scope ? "tất cả các ngày kỷ niệm đã nạp" : (province ? "Toàn quốc, " : "") + selectedText("scope");
    $("documents-label").textContent = "Gồm: " + label + ".";
    var year = parseInt($("doc-year").value, 10);
    if (!(year >= 1 && year <= 9998)) { return; }
    var yearText = ("000" + year).slice(-4);
    var suffix = docScope ? "?scope=" + docScope : "";
    var month = "month/" + yearText + "-" + $("doc-month").value;
    $("month-html").href = month + suffix;
    $("month-pdf").href = month + ".pdf" + suffix;
    $("month-docx").href = month + ".docx" + suffix;
    $("year-html").href = "year/" + yearText + suffix;
    $("year-pdf").href = "year/" + yearText + ".pdf" + suffix;
    $("year-docx").href = "year/" + yearText + ".docx" + suffix;
    loadParagraph(month + ".txt" + suffix);
  }

  function update() {
    var text = query().toString();
    var url = new URL(base.href);
    url.search = text;
    updateLinks(url.href);
    updateQr(text);
    updatePreview(text);
    updateDocuments();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    }
  }

  form.addEventListener("change", update);
  $("doc-month").addEventListener("change", updateDocuments);
  $("doc-year").addEventListener("change", updateDocuments);
  $("copy").addEventListener("click", function () {
    copyFrom($("feed-url"), $("copied"), "Đã sao chép địa chỉ lịch.");
  });
})();
