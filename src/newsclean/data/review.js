// newsclean review page: filters and linking. Works on the DOM only; no data, no network.
(function () {
  "use strict";
  var body = document.body;

  function setKey(key, on) {
    body.classList.toggle("on-" + key, on);
  }
  document.querySelectorAll(".counts input[data-key]").forEach(function (box) {
    box.addEventListener("change", function () { setKey(box.dataset.key, box.checked); });
  });
  document.querySelectorAll(".counts button[data-group]").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.classList.contains("all");
      button.closest("fieldset").querySelectorAll("input[data-key]").forEach(function (box) {
        box.checked = on;
        setKey(box.dataset.key, on);
      });
    });
  });

  // Flash what an anchor points at: the highlight after an empty anchor, or the target itself.
  var flashed = null;
  function flash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    var shown = target;
    if (target.classList.contains("anc")) {
      var next = target.nextElementSibling;
      while (next && next.classList.contains("anc")) { next = next.nextElementSibling; }
      if (next && (next.classList.contains("m") || next.classList.contains("pt"))) { shown = next; }
    }
    if (flashed) { flashed.classList.remove("hit"); }
    shown.classList.add("hit");
    flashed = shown;
    shown.scrollIntoView({ block: "center" });
    // a flag reached in one pane is brought into view in the other pane too
    var pair = /^rf-/.test(id) ? "cf-" + id.slice(3) : /^cf-/.test(id) ? "rf-" + id.slice(3) : null;
    var other = pair ? document.getElementById(pair) : null;
    if (other) { reveal(other); }
  }
  // Scroll the pane holding el (not the page) so that el is in its upper third.
  function reveal(el) {
    var pane = el.closest(".raw, .clean");
    if (!pane) { return; }
    var next = el.classList.contains("anc") ? el.nextElementSibling : null;
    var box = (next || el).getBoundingClientRect();
    pane.scrollTop += box.top - pane.getBoundingClientRect().top - pane.clientHeight / 3;
  }
  window.addEventListener("hashchange", flash);
  if (location.hash) { flash(); }

  // A click on a highlight in the raw dump opens its first change (or flag) in the lists.
  document.getElementById("raw").addEventListener("click", function (event) {
    var el = event.target.closest(".m, .pt");
    if (!el) { return; }
    if (el.dataset.c) {
      location.hash = "c-" + el.dataset.c.split(" ")[0];
    } else if (el.dataset.f) {
      location.hash = "fl-" + el.dataset.f.split(" ")[0];
    }
  });
})();

// Tooltips of the raw dump's highlights, composed on first hover from the lists' rows.
(function () {
  "use strict";
  function cells(id) {
    var row = document.getElementById(id);
    return row ? Array.prototype.map.call(row.cells, function (td) { return td.textContent; }) : null;
  }
  document.getElementById("raw").addEventListener("mouseover", function (event) {
    var el = event.target.closest(".m, .pt");
    if (!el || el.title) { return; }
    var lines = [];
    (el.dataset.c ? el.dataset.c.split(" ") : []).forEach(function (id) {
      var c = cells("c-" + id);  // #, cleaner, before → after, reason, source
      if (c && lines.length < 8) { lines.push(c[1] + ": " + c[2] + " (" + c[3] + ")"); }
    });
    (el.dataset.f ? el.dataset.f.split(" ") : []).forEach(function (id) {
      var f = cells("fl-" + id);  // #, kind, note, source, go to
      if (f && lines.length < 8) { lines.push("\u2691 " + f[1] + ": " + f[2]); }
    });
    el.title = lines.join("\n");
  });
})();
