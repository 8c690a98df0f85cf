/* On a document page reached from a search result (?hl=…), mark the query's words in
 * the body (and ?mark=…: document numbers as the text writes them), without touching
 * anything but text nodes; a bar counts the marks and steps from one to the next (a
 * gazette document runs to many screens).  Words are found in the text folded as the
 * search folds it (a query's ： or （ is its : or (), and marked as printed.  Needs
 * tokenizer.js (GazetteTokenizer.folded). */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search), query = params.get("hl");
  if (!query) return;
  var words = (query + " " + (params.get("mark") || "")).normalize("NFKC").split(/[ \t\r\n\u3000]+/)
    .filter(function (w) { return w.length; });
  var bodies = document.querySelectorAll(".body");  // the heading's and the text's
  if (!words.length || !bodies.length) return;
  var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
  var nodes = [], node, marks = [];
  bodies.forEach(function (body) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) nodes.push(node);
  });
  nodes.forEach(function (textNode) {
    var text = GazetteTokenizer.folded(textNode.nodeValue), last = 0, match, parts = [];
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text.plain)) !== null && match[0].length) {
      var end = match.index + match[0].length;
      parts.push(document.createTextNode(text.printed(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = text.printed(match.index, end);
      parts.push(mark);
      marks.push(mark);
      last = end;
    }
    if (!parts.length) return;
    parts.push(document.createTextNode(text.printed(last, text.plain.length)));
    parts.forEach(function (part) { textNode.parentNode.insertBefore(part, textNode); });
    textNode.parentNode.removeChild(textNode);
  });
  document.querySelectorAll("#site-search").forEach(function (input) { input.value = query; });
  if (!marks.length) return;
  var current = -1, bar = document.createElement("nav"), where = document.createElement("span");
  bar.className = "hit-nav";
  bar.setAttribute("aria-label", "检索词位置");
  where.setAttribute("aria-live", "polite");
  function button(label, step) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", function () { go(current + step); });
    return b;
  }
  function go(index) {
    if (current >= 0) marks[current].classList.remove("current");
    current = (index + marks.length) % marks.length;
    marks[current].classList.add("current");
    marks[current].scrollIntoView({block: "center"});
    where.textContent = "检索词第 " + (current + 1) + " / " + marks.length + " 处";
  }
  var clear = document.createElement("a");
  params.delete("hl");
  params.delete("mark");
  clear.href = location.pathname + (params.toString() ? "?" + params.toString() : "") + location.hash;
  clear.textContent = "取消标记";
  [where, button("上一处", -1), button("下一处", 1), clear].forEach(function (part) { bar.appendChild(part); });
  document.body.appendChild(bar);
  document.body.classList.add("has-hit-nav");  // room below the text for the bar
  go(0);
})();
