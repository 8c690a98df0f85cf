/* On a document page reached from a search result (?hl=…), mark the query's words in
 * the body (and ?mark=…: document numbers as the text writes them), without touching
 * anything but text nodes. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search), query = params.get("hl");
  if (!query) return;
  var words = (query + " " + (params.get("mark") || "")).normalize("NFKC").split(/[ \t\r\n\u3000]+/)
    .filter(function (w) { return w.length; });
  var bodies = document.querySelectorAll(".body");  // the heading's and the text's
  if (!words.length || !bodies.length) return;
  var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
  var nodes = [], node, first = null;
  bodies.forEach(function (body) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) nodes.push(node);
  });
  nodes.forEach(function (textNode) {
    var value = textNode.nodeValue, last = 0, match, parts = [];
    pattern.lastIndex = 0;
    while ((match = pattern.exec(value)) !== null) {
      parts.push(document.createTextNode(value.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parts.push(mark);
      first = first || mark;
      last = match.index + match[0].length;
    }
    if (!parts.length) return;
    parts.push(document.createTextNode(value.slice(last)));
    parts.forEach(function (part) { textNode.parentNode.insertBefore(part, textNode); });
    textNode.parentNode.removeChild(textNode);
  });
  document.querySelectorAll("#site-search").forEach(function (input) { input.value = query; });
  if (first) first.scrollIntoView({block: "center"});
})();
