/* What every page does for its reader: folds on a phone, "/" to search, and the page's own
 * address and date for a printout and a citation. */
var GazetteStamp = (function () {
  "use strict";
  /* A phone opens the page at its text: boxes marked data-open-wide (a document's details,
     the search filters) start closed on a narrow screen, their summary line in view. */
  if (window.matchMedia("(max-width: 600px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = false; });
  }

  /* "/" goes to the search box (the search page's own, else the header's), as on many sites. */
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    var box = document.getElementById("q") || document.getElementById("site-search");
    event.preventDefault();
    box.focus();
    box.select();
  });

  /* The page's own address (the hosted one where the build knows it) and today's date; a
     printout shows them at its foot instead of each link's raw target (127.0.0.1…, file://…). */
  var stamp = {
    address: function () {
      var canonical = document.querySelector("link[rel=canonical]");
      return canonical ? canonical.href : location.href.split("#")[0];
    },
    today: function () {
      var d = new Date(), pad = function (n) { return (n < 10 ? "0" : "") + n; };
      return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    }
  };
  window.addEventListener("beforeprint", function () {
    document.getElementById("print-stamp").textContent = "本页地址：" + stamp.address() + "　打印日期：" + stamp.today();
  });
  return stamp;
})();
