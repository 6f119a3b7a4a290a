// redline dashboard: small enhancements over pages that work without
// JavaScript. Filter selects apply on change (the form is a GET, so the URL
// always holds the filters); "/" focuses the actor box; j/k move through
// event rows and Enter opens the focused row's event; actor boxes suggest
// codes from /api/actors.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (form) {
    // Drop empty fields so that shared URLs stay short.
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && !el.value) el.disabled = true;
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("select, input[type=date]"), function (el) {
      el.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("table.events tbody tr[tabindex]"));
  var at = -1;
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") {
      var box = document.getElementById("f-source") || document.getElementById("jump-actor");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    } else if ((e.key === "j" || e.key === "k") && rows.length) {
      at = Math.max(0, Math.min(rows.length - 1, at + (e.key === "j" ? 1 : -1)));
      rows[at].focus();
    } else if (e.key === "Enter" && at >= 0 && document.activeElement === rows[at]) {
      var link = rows[at].querySelector("td:last-child a");
      if (link) link.click();
    }
  });

  var list = document.getElementById("actor-list");
  var timer = null, last = "";
  function suggest(e) {
    var v = e.target.value.trim();
    if (!list || v.length < 2 || v === last) return;
    last = v;
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch("/api/actors?limit=12&q=" + encodeURIComponent(v)).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) {
          if (!j) return;
          list.textContent = "";
          j.actors.forEach(function (a) {
            var o = document.createElement("option");
            o.value = a.code;
            o.label = a.name + " · " + a.events + " events";
            list.appendChild(o);
          });
        }).catch(function () {});
    }, 150);
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[list=actor-list]"), function (el) {
    el.addEventListener("input", suggest);
  });
})();
