// The officer's page. The list, the reasons and the paragraph always come from the server
// (/api/selection, the CLI's own selection); this script only sends what is chosen and ticked, and
// shows the answer. On a built site (``calendar-gen build``, #site-data present) the same answers
// were written at build time (selection/YYYY-MM.json, selection/YYYY.json) and the controls that need
// the server are not on the page. The office's profile stays in localStorage; the server checks it
// (/api/profile) with the YAML profile's check. Text from the server is set with textContent, never as HTML.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var store = window.localStorage;
  var UNIT_KEY = "calendar-gen.unit", AUDIENCE_KEY = "calendar-gen.for", PROFILE_KEY = "calendar-gen.profile";
  var LAST_KEY = "calendar-gen.last-selection";
  // Said instead of hanging or showing nothing when the server cannot be reached.
  var OFFLINE = "Không kết nối được máy chủ: việc này cần mạng. Hãy kiểm tra kết nối rồi thử lại.";
  var SITE = (function () {
    var data = $("site-data");
    return data ? JSON.parse(data.textContent) : null;
  }());
  var edited = false;
  var ticked = [];
  var pending = 0;

  function showProblem(text) {
    var box = $("problem");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function period() {
    if ($("kind-year").checked) { return $("year").value.trim(); }
    return $("month").value || $("month").dataset.default;
  }

  function fields() {
    var data = new URLSearchParams();
    data.set("unit", $("unit").value);
    if ($("audience") && $("audience").value) { data.set("for", $("audience").value); }
    data.set("period", period());
    if (edited) { data.set("edited", "1"); data.set("ticked", ticked.join(",")); }
    return data;
  }

  // fetch() that fails with OFFLINE when the network or the server is down.
  function call(url, options) {
    return fetch(url, options).catch(function () { throw new Error(OFFLINE); });
  }

  function answer(response) {
    return response.text().then(function (text) {
      var data = null;
      try { data = JSON.parse(text); } catch (e) { data = null; }
      if (!response.ok) {
        throw new Error(data && data.error ? data.error : (text.trim() || "Máy chủ không trả lời; hãy thử lại."));
      }
      return data;
    });
  }

  function item(entry) {
    var li = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = entry.ticked;
    box.value = entry.id;
    box.dataset.id = entry.id;
    box.disabled = SITE !== null;  // a built site shows the editor's list; editing it needs the server
    box.addEventListener("change", function () {
      edited = true;
      ticked = Array.prototype.map.call(document.querySelectorAll("ul.items input:checked"), function (b) { return b.value; });
      refresh();
    });
    var text = document.createElement("span");
    var date = document.createElement("span");
    date.className = "date";
    date.textContent = entry.date_text + ": ";
    text.appendChild(date);
    text.appendChild(document.createTextNode(entry.text));
    var why = document.createElement("span");
    why.className = "why";
    why.textContent = entry.ticked ? entry.reason : entry.why;
    text.appendChild(why);
    label.appendChild(box);
    label.appendChild(text);
    li.appendChild(label);
    return li;
  }

  function show(data) {
    var listed = $("listed-items"), other = $("other-items");
    listed.textContent = "";
    other.textContent = "";
    data.items.forEach(function (entry) { (entry.listed ? listed : other).appendChild(item(entry)); });
    ticked = data.items.filter(function (e) { return e.ticked; }).map(function (e) { return e.id; });
    var count = ticked.length;
    $("list-caption").textContent = data.title + " – " + data.unit_label + ": đã đánh dấu " + count + " trên " + data.items.length + " ngày.";
    $("paragraph").value = data.paragraph;
    $("paragraph-print").textContent = data.paragraph;  // a textarea prints clipped: this copy prints instead
    var sub = data.subscribe;
    $("sub-google").href = sub.google;
    $("sub-outlook").href = sub.outlook;
    $("sub-apple").href = sub.webcal;
    $("sub-apps").hidden = !sub.google;  // a site built without --base-url: no app can subscribe
    $("sub-url").value = sub.url;
    $("qr").hidden = !sub.qr;
    if (sub.qr) { $("sub-qr").src = sub.qr; }
    $("sub-more").href = sub.more;
    if (SITE) { siteDocuments(data.period); $("sub-file").href = sub.url; }
  }

  // A built site's documents of the period: the prebuilt month or year files.
  function siteDocuments(chosen) {
    var stem = chosen.length === 4 ? "year/" + chosen : "month/" + chosen;
    $("doc-docx").href = stem + ".docx";
    $("doc-html").href = stem + ".html";
    if ($("doc-pdf")) { $("doc-pdf").href = stem + ".pdf"; }
  }

  // A built site's list: the answer written at build time for this period and unit.
  function siteSelection(chosen) {
    var unit = $("unit").value;
    var pick = function (file) {
      if (!file.units[unit]) { throw new Error("Trang tĩnh này không có danh sách của đơn vị đã chọn."); }
      return file.units[unit];
    };
    if (chosen === SITE.period) { return Promise.resolve(pick(SITE.selection)); }
    var outside = "Trang tĩnh này có danh sách từ tháng 1/" + SITE.first + " đến tháng 12/" + SITE.last + "; hãy chọn tháng hoặc năm trong khoảng đó.";
    if (!/^[0-9]{4}(-[0-9]{2})?$/.test(chosen)) { return Promise.reject(new Error(outside)); }
    return call("selection/" + chosen + ".json").then(function (response) {
      if (!response.ok) { throw new Error(outside); }
      return response.json();
    }).then(pick);
  }

  function refresh() {
    var mine = ++pending;
    if (SITE) {
      siteSelection(period()).then(function (data) {
        if (mine === pending) { showProblem(""); show(data); }
      }).catch(function (error) {
        if (mine === pending) { showProblem(error.message); }
      });
      return;
    }
    fetch("api/selection", { method: "POST", body: fields() }).then(answer, function () {
      return lastLoaded();
    }).then(function (data) {
      if (mine !== pending) { return; }
      if (data.offline) {
        showProblem("Không có mạng: danh sách dưới đây là danh sách tải lần trước (" + data.title + " – " +
          data.unit_label + "); cần kết nối mạng để đổi đơn vị, thời gian hoặc các ngày đánh dấu.");
      } else {
        showProblem("");
        try { store.setItem(LAST_KEY, JSON.stringify(data)); } catch (e) { /* full: kept as it was */ }
      }
      show(data);
    }).catch(function (error) {
      if (mine === pending) { showProblem(error.message); }
    });
  }

  // Offline: the last list this browser loaded (POST answers are not kept by the service worker).
  function lastLoaded() {
    var data = null;
    try { data = JSON.parse(store.getItem(LAST_KEY) || "null"); } catch (e) { data = null; }
    if (!data || !Array.isArray(data.items)) { throw new Error(OFFLINE); }
    data.offline = true;
    return data;
  }

  function chosenChanged() {
    edited = false;
    store.setItem(UNIT_KEY, $("unit").value);
    if ($("audience")) { store.setItem(AUDIENCE_KEY, $("audience").value); }
    $("month-field").hidden = $("kind-year").checked;
    $("year-field").hidden = !$("kind-year").checked;
    refresh();
  }

  // The office's profile: the YAML profile's keys, kept in this browser only.
  var TEXTS = { "p-parent": "parent", "p-issuer": "issuer", "p-number": "number", "p-place": "place", "p-type": "type", "p-summary": "summary", "p-authority": "authority", "p-on-behalf": "on_behalf", "p-role": "role", "p-name": "name", "p-recipients": "recipients" };

  var extras = {};

  function formValues() {
    var values = { party: $("p-party").checked, extra: extras };
    Object.keys(TEXTS).forEach(function (id) { values[TEXTS[id]] = $(id).value; });
    return values;
  }

  var EXTRA = ["intro", "closing", "include", "exclude"];  // keys of a YAML profile the form does not show

  function profile() {
    var v = formValues();
    var extra = {};
    EXTRA.forEach(function (key) { if (v.extra && v.extra[key]) { extra[key] = v.extra[key]; } });
    var filled = ["parent", "issuer", "number", "place", "authority", "on_behalf", "role", "name", "recipients"].some(function (k) { return v[k].trim(); });
    if (!filled && !v.party && !Object.keys(extra).length) { return {}; }
    var issuer = v.parent.trim() ? [v.parent, v.issuer] : v.issuer;
    return {
      intro: extra.intro, closing: extra.closing, include: extra.include, exclude: extra.exclude,
      issuer: issuer, party: v.party, place: v.place, number: v.number, type: v.type, summary: v.summary,
      recipients: v.recipients.split("\n"),
      signer: { authority: v.authority, on_behalf: v.on_behalf, role: v.role, name: v.name }
    };
  }

  function saveProfile() { store.setItem(PROFILE_KEY, JSON.stringify(formValues())); }

  function loadProfile() {
    var saved = null;
    try { saved = JSON.parse(store.getItem(PROFILE_KEY) || "null"); } catch (e) { saved = null; }
    if (!saved) { return; }
    Object.keys(TEXTS).forEach(function (id) { if (typeof saved[TEXTS[id]] === "string") { $(id).value = saved[TEXTS[id]]; } });
    $(saved.party ? "p-party" : "p-state").checked = true;
    extras = saved.extra || {};
  }

  // Open a YAML profile: read with the server's guards and checks, then shown in the form.
  function fillFrom(data) {
    var lines = Array.isArray(data.issuer) ? data.issuer.slice() : String(data.issuer || "").split("|");
    var signer = data.signer || {};
    var text = function (value) { return value === undefined || value === null ? "" : String(value); };
    $("p-issuer").value = text(lines.pop()).trim();
    $("p-parent").value = lines.join(" | ").trim();
    $(data.party ? "p-party" : "p-state").checked = true;
    $("p-number").value = text(data.number);
    $("p-place").value = text(data.place);
    $("p-type").value = text(data.type) || "HƯỚNG DẪN";
    $("p-summary").value = text(data.summary) || "Tuyên truyền các ngày kỷ niệm {period}";
    $("p-authority").value = text(signer.authority).toLowerCase().replace(/[\/.]/g, "");
    $("p-on-behalf").value = text(signer.on_behalf);
    $("p-role").value = text(signer.role);
    $("p-name").value = text(signer.name);
    $("p-recipients").value = (Array.isArray(data.recipients) ? data.recipients : [text(data.recipients)]).join("\n").trim();
    extras = {};
    EXTRA.forEach(function (key) { if (data[key]) { extras[key] = data[key]; } });
    saveProfile();
  }

  $("unit").addEventListener("change", chosenChanged);
  ["kind-month", "kind-year"].forEach(function (id) { $(id).addEventListener("change", chosenChanged); });
  $("month").addEventListener("change", chosenChanged);
  $("year").addEventListener("change", chosenChanged);

  $("copy-paragraph").addEventListener("click", function () {
    var box = $("paragraph");
    var done = function () { $("paragraph-status").textContent = "Đã sao chép đoạn văn."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(done, function () { box.select(); document.execCommand("copy"); done(); });
    } else { box.select(); document.execCommand("copy"); done(); }
  });

  // The controls that need the server: the office's profile, the documents of the ticked items,
  // checking a draft. A built site has none of them.
  function serverOnly() {
    $("p-open").addEventListener("change", function () {
      var file = $("p-open").files[0];
      if (!file) { return; }
      file.text().then(function (content) {
        var body = new URLSearchParams();
        body.set("yaml", content);
        return call("api/profile", { method: "POST", body: body }).then(answer);
      }).then(function (result) {
        var box = $("profile-problems");
        box.textContent = result.problems.join("\n");
        box.hidden = result.problems.length === 0;
        if (!result.problems.length) { fillFrom(result.data || {}); $("profile-status").textContent = "Đã mở tệp hồ sơ."; }
      }).catch(function (e) { showProblem(e.message); });
    });

    function checkProfile() {
      var data = new URLSearchParams();
      data.set("profile", JSON.stringify(profile()));
      return call("api/profile", { method: "POST", body: data }).then(answer).then(function (result) {
        var box = $("profile-problems");
        box.textContent = result.problems.join("\n");
        box.hidden = result.problems.length === 0;
        $("profile-status").textContent = result.problems.length ? "" : "Thông tin cơ quan hợp lệ.";
        return result;
      });
    }

    $("audience").addEventListener("change", chosenChanged);

    Object.keys(TEXTS).forEach(function (id) { $(id).addEventListener("input", saveProfile); });
    ["p-party", "p-state"].forEach(function (id) { $(id).addEventListener("change", saveProfile); });
    $("profile-check").addEventListener("click", function () { checkProfile().catch(function (e) { showProblem(e.message); }); });
    $("profile-clear").addEventListener("click", function () { store.removeItem(PROFILE_KEY); extras = {}; $("profile-form").reset(); });
    $("profile-export").addEventListener("click", function () {
      checkProfile().then(function (result) {
        if (result.problems.length) { return; }
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([result.yaml], { type: "application/yaml" }));
        link.download = "ho-so-van-ban.yaml";
        document.body.appendChild(link);
        link.click();
        link.remove();
      }).catch(function (e) { showProblem(e.message); });
    });

    // A download carries everything (unit, period, ticked ids, profile); a profile with problems is
    // shown on the page instead of leaving it for an error page.
    $("download-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = $("download-form"), data = fields();
      form.elements.unit.value = data.get("unit");
      form.elements["for"].value = data.get("for") || "";
      form.elements.period.value = data.get("period");
      form.elements.edited.value = "1";
      form.elements.ticked.value = ticked.join(",");
      form.elements.profile.value = JSON.stringify(profile());
      form.elements.format.value = event.submitter ? event.submitter.value : "docx";
      checkProfile().then(function (result) {
        if (result.problems.length) {
          showProblem("Thông tin cơ quan (phần 3) chưa hợp lệ; hãy sửa theo các dòng báo lỗi rồi tải lại.");
          $("profile-problems").scrollIntoView();
          return;
        }
        showProblem("");
        form.submit();
      }).catch(function (e) { showProblem(e.message); });
    });

    // Each finding marked over the pasted text, or over the uploaded file's paragraphs (1-based
    // columns, the end one past the last character; in a Word file the line is the paragraph number).
    function highlight(findings, paragraphs) {
      var view = $("draft-view");
      view.textContent = "";
      var lines;
      if ($("draft-file").files.length) {
        lines = (paragraphs || []).map(function (p) { return { number: p.number, text: p.text }; });
      } else {
        lines = $("draft-text").value.split("\n").map(function (text, index) { return { number: index + 1, text: text }; });
      }
      if (!lines.some(function (l) { return l.text.trim(); })) { view.hidden = true; return; }
      lines.forEach(function (line) {
        var marks = findings.filter(function (f) { return f.line === line.number && f.end_line === line.number; });
        marks.sort(function (a, b) { return a.column - b.column; });
        var p = document.createElement("p"), at = 0;
        marks.forEach(function (f) {
          if (f.column - 1 < at) { return; }
          p.appendChild(document.createTextNode(line.text.slice(at, f.column - 1)));
          var mark = document.createElement("mark");
          mark.className = f.severity;
          mark.title = f.message;
          mark.textContent = line.text.slice(f.column - 1, f.end_column - 1);
          p.appendChild(mark);
          at = f.end_column - 1;
        });
        p.appendChild(document.createTextNode(line.text.slice(at)));
        view.appendChild(p);
      });
      view.hidden = false;
    }

    // Check a draft: POST /check?format=json; the downloads submit the same form with download=...
    $("check-run").addEventListener("click", function () {
      var data = new FormData($("check-form"));
      $("check-status").textContent = "Đang kiểm tra…";
      call("check?format=json", { method: "POST", body: data }).then(answer).then(function (report) {
        var list = $("findings");
        list.textContent = "";
        report.findings.forEach(function (f) {
          var li = document.createElement("li");
          li.textContent = (f.paragraph ? "Đoạn " + f.paragraph : "Dòng " + f.line) + ": " + f.message + (f.suggestion ? ". Nên sửa thành: " + f.suggestion : "");
          li.className = "sev-" + f.severity;
          list.appendChild(li);
        });
        highlight(report.findings, report.paragraphs);
        $("check-status").textContent = "Tìm thấy " + report.summary.mentions + " ngày kỷ niệm, " + report.findings.length + " điểm cần xem.";
      }).catch(function (e) { $("check-status").textContent = e.message; });
    });

    // The copy with comments is made from a Word file: said on the page, not on an error page.
    // Without the server the download would leave the page for the browser's error page; whether
    // it answers is asked first (navigator.onLine says nothing of a server that has stopped).
    $("check-form").addEventListener("submit", function (event) {
      var form = $("check-form");
      var kind = event.submitter ? event.submitter.value : "corrected";
      event.preventDefault();
      if (kind === "annotated" && !$("draft-file").files.length) {
        $("check-status").textContent = "Bản có ghi chú cần một tệp Word (.docx): hãy chọn tệp, hoặc tải bản đã sửa của văn bản đã dán.";
        return;
      }
      call("healthz", { cache: "no-store" }).then(function () {
        var chosen = document.createElement("input");
        chosen.type = "hidden";
        chosen.name = "download";
        chosen.value = kind;
        form.appendChild(chosen);
        form.submit();  // submit() sends no button: the hidden field carries the choice
        form.removeChild(chosen);
      }).catch(function (e) { $("check-status").textContent = e.message; });
    });
  }

  if (!SITE) { serverOnly(); }
  var unit = store.getItem(UNIT_KEY), audience = store.getItem(AUDIENCE_KEY);
  if (unit && $("unit").querySelector('option[value="' + CSS.escape(unit) + '"]')) { $("unit").value = unit; }
  if (!SITE && audience !== null && $("audience").querySelector('option[value="' + CSS.escape(audience) + '"]')) { $("audience").value = audience; }
  if (!SITE) { loadProfile(); }
  refresh();

  // Once loaded, the page opens without the network (sw.js); a secure context is needed
  // (https, or http on 127.0.0.1 / localhost).
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("sw.js").catch(function () { /* the page works without it */ });
  }
})();
