// claimscan index: sort the table by any column (click a heading; again to
// reverse). The order is kept in the URL as #sort=key or #sort=key:asc, and
// ties keep the input order, so a sorted view is stable and shareable.
(function () {
  "use strict";
  var table = document.getElementById("articles");
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function sort(key, dir) {
    var col = -1;
    heads.forEach(function (h, i) {
      if (h.getAttribute("data-key") === key) col = i;
      h.removeAttribute("aria-sort");
    });
    if (col < 0) return;
    var head = heads[col];
    var numeric = head.getAttribute("data-type") === "number";
    if (!dir) dir = numeric ? "descending" : "ascending";
    head.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-value");
      var y = b.cells[col].getAttribute("data-value");
      var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
      return c * sign || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows.forEach(function (r) { body.appendChild(r); });
    document.body.setAttribute("data-sort", key + ":" + (dir === "ascending" ? "asc" : "desc"));
  }

  function fromUrl() {
    var m = /(?:^#|&)sort=([a-z_]+)(?::(asc|desc))?/.exec(location.hash);
    if (m) sort(m[1], m[2] === "asc" ? "ascending" : m[2] === "desc" ? "descending" : null);
  }

  heads.forEach(function (h) {
    var b = h.querySelector("button");
    if (!b) return;
    b.addEventListener("click", function () {
      var key = h.getAttribute("data-key");
      var now = h.getAttribute("aria-sort");
      var numeric = h.getAttribute("data-type") === "number";
      var dir = now ? (now === "ascending" ? "descending" : "ascending") : (numeric ? "descending" : "ascending");
      sort(key, dir);
      try {
        history.replaceState(null, "", "#sort=" + key + ":" + (dir === "ascending" ? "asc" : "desc"));
      } catch (e) { /* file:// in some browsers; the sort still applies */ }
    });
  });
  window.addEventListener("hashchange", fromUrl);
  fromUrl();
})();
