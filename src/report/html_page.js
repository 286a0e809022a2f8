// Clicking a link to a passage: scroll to it, mark it active, move focus to it.
(function () {
  "use strict";
  function show(id) {
    var target = document.getElementById(id);
    if (!target) { return false; }
    document.querySelectorAll("mark.hit.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll("mark.hit").forEach(function (m) {
      if ((m.getAttribute("data-passages") || "").split(" ").indexOf(id) >= 0) { m.classList.add("active"); }
    });
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.jump") : null;
    if (!a) { return; }
    var id = (a.getAttribute("href") || "").slice(1);
    if (show(id)) {
      e.preventDefault();
      if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    }
  });
  // Print: open every details element so help and citations are on paper.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
})();
