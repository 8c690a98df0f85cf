/* The offline copy, on every page of a hosted build (OFFLINE_COPY).  download/offer.js says
 * either what the hosted site's copy is (its size, date and SHA-256: a page cannot hold
 * them, the zip holds the page) or, inside the copy, that this is a copy and what it holds;
 * a copy then asks the hosted site's offer.js whether a newer copy is out.  Everything is
 * put on the page as text.  When done, body[data-offline] says what was found: hosted,
 * current, newer, unreachable. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script.getAttribute("data-root"), online = script.getAttribute("data-online");

  function load(src, done, failed) {
    var element = document.createElement("script");
    element.src = src;
    element.onload = done;
    element.onerror = failed;
    document.head.appendChild(element);
  }

  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function fill(selector, text) {
    document.querySelectorAll(selector).forEach(function (element) { element.textContent = text; });
  }

  function finish(state) { document.body.setAttribute("data-offline", state); }

  /* The hosted site: its copy's size, date and hash where the page has room for them. */
  function offer(latest) {
    fill("[data-offline-facts]", "（" + latest.gazettes + " 种公报 " + latest.issues + " 期，" + size(latest.bytes) +
      "，收录至 " + latest.as_of + "）");
    fill("[data-offline-size]", "（" + size(latest.bytes) + "）");
    fill("[data-offline-sha]", latest.sha256);
    finish("hosted");
  }

  function isNewer(latest, own) {
    if ((latest.as_of || "") !== (own.as_of || "")) return (latest.as_of || "") > (own.as_of || "");
    return latest.issues > own.issues || latest.documents > own.documents;
  }

  /* A copy whose hosted site has a newer one: said at the top of every page. */
  function sayNewer(latest, own) {
    var notice = document.getElementById("offline-notice");
    notice.textContent = "这是离线副本，收录至 " + own.as_of + "（最新一期：" + own.newest_issue + "）；网上档案已更新至 " +
      latest.as_of + "（最新一期：" + latest.newest_issue + "）。";
    var link = document.createElement("a");
    link.href = online + "/download/index.html";
    link.textContent = "下载新的离线副本（" + size(latest.bytes) + "）";
    notice.appendChild(link);
    notice.hidden = false;
    fill("[data-offline-status]", "网上档案已有更新的副本：收录至 " + latest.as_of + "，最新一期 " + latest.newest_issue + "。");
    finish("newer");
  }

  function check(own) {
    fill("[data-offline-facts]", "（您正在阅读离线副本，收录至 " + own.as_of + "）");
    if (!online) { finish("unreachable"); return; }
    load(online + "/download/offer.js", function () {
      var latest = window.GazetteOffer;
      if (isNewer(latest, own)) { sayNewer(latest, own); return; }
      fill("[data-offline-status]", "已与网上档案核对：本副本是最新的（收录至 " + own.as_of + "）。");
      finish("current");
    }, function () {
      fill("[data-offline-status]", "此刻无法连接网上档案（" + online + "），未能核对是否有更新的副本；本副本收录至 " + own.as_of + "。");
      finish("unreachable");
    });
  }

  load(root + "/download/offer.js", function () {
    var here = window.GazetteOffer;
    if (here.in_copy) check(here); else offer(here);
  }, function () { finish("unreachable"); });
})();
