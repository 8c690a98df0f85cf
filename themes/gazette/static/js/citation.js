/* The citation's address and day of access, filled in on the reader's screen (the page
 * itself is the same for every reader and every day), and a button that copies it. */
(function () {
  "use strict";
  var citation = document.getElementById("citation");
  if (!citation) return;
  var url = citation.querySelector("[data-cite-url]");
  url.textContent = url.getAttribute("data-canonical") || GazetteStamp.address();
  citation.querySelector("[data-cite-date]").textContent = GazetteStamp.today();
  var button = document.getElementById("copy-citation"), status = document.getElementById("copy-status");
  button.hidden = false;

  function selectCitation() {
    var range = document.createRange();
    range.selectNodeContents(citation);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function byCommand() {   // where the clipboard API is not offered: the page's selection
    selectCitation();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    status.textContent = copied ? "已复制" : "已选中，请按 Ctrl+C 复制";
  }
  button.addEventListener("click", function () {
    var text = citation.textContent.replace(/\s+/g, " ").trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "已复制"; }, byCommand);
    } else {
      byCommand();
    }
  });
})();
