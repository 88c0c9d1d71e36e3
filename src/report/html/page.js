// claimscan report page: label filters (kept in the URL as #hide=a,b so a
// filtered view can be shared), flag-to-flag keyboard navigation, tap to
// open a highlight's details, and #open=N to link to flag N, opened.
// Reads attributes only; never writes HTML.
(function () {
  "use strict";
  var ORDER = ["absolute", "vague", "hedged", "cited"];
  var flags = Array.prototype.slice.call(document.querySelectorAll("mark.flag"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var status = document.getElementById("status");
  var last = null;

  function hiddenFromUrl() {
    var m = /(?:^#|&)hide=([a-z,]*)/.exec(location.hash);
    var hidden = {};
    if (m) {
      m[1].split(",").forEach(function (l) {
        if (ORDER.indexOf(l) >= 0) hidden[l] = true;
      });
    }
    return hidden;
  }

  function apply(hidden) {
    boxes.forEach(function (b) {
      var on = !hidden[b.getAttribute("data-filter")];
      b.checked = on;
      if (on) b.setAttribute("checked", ""); else b.removeAttribute("checked");
    });
    var shown = 0;
    flags.forEach(function (f) {
      var labels = f.getAttribute("data-labels").split(" ");
      var active = ORDER.filter(function (l) { return labels.indexOf(l) >= 0 && !hidden[l]; });
      var off = active.length === 0;
      f.setAttribute("data-active", active.join(" "));
      f.classList.toggle("off", off);
      f.classList.remove("open");
      f.setAttribute("tabindex", off ? "-1" : "0");
      if (!off) shown += 1;
    });
    document.body.setAttribute("data-hidden", ORDER.filter(function (l) { return hidden[l]; }).join(" "));
    status.textContent = shown + " of " + flags.length + " flagged units highlighted";
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      var hidden = {};
      boxes.forEach(function (x) { if (!x.checked) hidden[x.getAttribute("data-filter")] = true; });
      var list = ORDER.filter(function (l) { return hidden[l]; });
      try {
        history.replaceState(null, "", list.length ? "#hide=" + list.join(",") : location.pathname + location.search);
      } catch (e) { /* some browsers refuse on file://; the filter still applies */ }
      apply(hidden);
    });
  });
  function openFromUrl() {
    var m = /(?:^#|&)open=([0-9]+)/.exec(location.hash);
    var f = m && document.getElementById("flag-" + m[1]);
    if (!f || flags.indexOf(f) < 0 || f.classList.contains("off")) return;
    f.classList.add("open", "current");
    last = f;
    f.scrollIntoView({ block: "nearest" });
  }
  window.addEventListener("hashchange", function () { apply(hiddenFromUrl()); openFromUrl(); });

  function closeAll(except) {
    flags.forEach(function (f) { if (f !== except) f.classList.remove("open"); });
  }

  function go(step) {
    var list = flags.filter(function (f) { return !f.classList.contains("off"); });
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    if (at < 0) at = list.indexOf(last);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
    var f = list[next];
    if (last) last.classList.remove("current");
    f.classList.add("current");
    last = f;
    closeAll(null);
    f.focus({ preventScroll: true });
    f.scrollIntoView({ block: "center" });
    status.textContent = "Flag " + (next + 1) + " of " + list.length + ": " + f.getAttribute("data-severity") + ", " + f.getAttribute("data-active");
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
    else if (e.key === "Escape") { closeAll(null); if (document.activeElement && document.activeElement.blur) document.activeElement.blur(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-nav]"), function (b) {
    b.addEventListener("click", function () { go(Number(b.getAttribute("data-nav"))); });
  });
  flags.forEach(function (f) {
    f.addEventListener("focus", function () {
      if (last && last !== f) last.classList.remove("current");
      last = f;
    });
    f.addEventListener("click", function (e) {
      if (f.classList.contains("off")) return;
      var open = !f.classList.contains("open");
      closeAll(f);
      f.classList.toggle("open", open);
      e.stopPropagation();
    });
  });
  document.addEventListener("click", function () { closeAll(null); });

  apply(hiddenFromUrl());
  openFromUrl();
})();
