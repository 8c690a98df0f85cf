/* Search, part 3 of 3: the results page: the form as the URL has it, the results with
 * their snippets, the filters' counts.  Text from documents is put on the page with
 * textContent only, never as HTML. */
(function (root) {
  "use strict";
  var api = root.GazetteSearch, received = api.data, rank = api.rank, PAGE = api.PAGE, BATCH = api.BATCH;
  var filtered = api.filtered, facetCounts = api.facetCounts, sorted = api.sorted, doc = api.doc, normal = api.normal;
  var holdsAll = api.holdsAll, pager = api.pager, isNumber = api.isNumber, numbersOf = api.numbersOf;
  var byNumber = api.byNumber, withinDates = api.withinDates;

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  /** What a hit lacking the words themselves holds of them: the character pairs of their
   * runs of Han characters, their other runs as they are (经市政府同意,现印发给你们 → 经市 …
   * 同意 现印 … 你们). */
  function pairsOf(words) {
    return [].concat.apply([], words.map(function (word) {
      return [].concat.apply([], (word.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) || []).map(function (run) {
        var chars = Array.from(run);
        if (chars.length < 3 || !/^\p{Script=Han}/u.test(run)) return [run];
        return chars.slice(1).map(function (c, i) { return chars[i] + c; });
      }));
    }));
  }

  /** Where the words stand in ``text`` from ``offset`` on, in order: [{at, word}] (the
   * first 1,000 of each word: a plan may name its subject hundreds of times before the
   * passage that holds the other words). */
  function occurrences(text, words, offset) {
    var found = [];
    words.forEach(function (word, k) {
      for (var at = text.indexOf(word, offset), n = 0; at >= 0 && n < 1000; at = text.indexOf(word, at + 1), n++) {
        found.push({at: at, word: k});
      }
    });
    return found.sort(function (a, b) { return a.at - b.at; });
  }

  /** The hit opening the passage of ``SPAN`` characters that holds the most of the query's
   * different words (the earliest such). */
  var SPAN = 80;
  function bestHit(found) {
    var best = found[0], most = 0;
    found.forEach(function (hit, i) {
      var seen = new Set();
      for (var j = i; j < found.length && found[j].at < hit.at + SPAN; j++) seen.add(found[j].word);
      if (seen.size > most) { most = seen.size; best = hit; }
    });
    return best;
  }

  function escaped(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }  // as a regular expression

  /** Where the title ends when the body's opening holds it (after the issuing organ's
   * header and the document number, often), whitespace aside; else 0. */
  function afterTitle(plain, title) {
    var chars = Array.from(normal(title)).map(escaped);
    var match = chars.length ? new RegExp(chars.join("\\s*")).exec(plain.slice(0, chars.length + 300)) : null;
    return match ? match.index + match[0].length : 0;
  }

  /** A passage of the text holding as many of the query's words as one can, after the
   * title the body opens with (the result's heading shows it already) when the words
   * stand in the text too; found in the folded text, shown as printed. */
  function snippet(body, words, title) {
    var text = GazetteTokenizer.folded(body), plain = text.plain, from = afterTitle(plain, title || "");
    function printed(start, end) { return text.printed(start, end).replace(/\s+/g, " "); }
    function find() {
      var found = occurrences(plain, words, from);
      return found.length ? found : occurrences(plain, words, 0);
    }
    var found = find();
    if (!found.length) {  // the text holds the words' bigrams only: mark those
      words = pairsOf(words);
      found = find();
    }
    var at = found.length ? bestHit(found).at : from;  // no words: the text's opening
    var start = found.length ? Math.max(at >= from ? from : 0, at - 40) : at, end = Math.min(plain.length, at + SPAN + 20);
    var node = element("p", "snippet");
    if (start > 0) node.appendChild(document.createTextNode("…"));
    appendMarked(node, plain, printed, start, end, words);
    node.appendChild(document.createTextNode("…"));
    return node;
  }

  /** The folded ``plain`` text from ``start`` to ``end`` into ``node``, shown as printed,
   * the words marked where it holds them whole. */
  function appendMarked(node, plain, printed, start, end, words) {
    words = words.filter(Boolean);
    var pattern = new RegExp(words.map(escaped).join("|"), "g"), piece = plain.slice(start, end);
    var last = 0, match;
    while (words.length && (match = pattern.exec(piece)) !== null && match[0].length) {
      node.appendChild(document.createTextNode(printed(start + last, start + match.index)));
      node.appendChild(element("mark", null, printed(start + match.index, start + match.index + match[0].length)));
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(printed(start + last, end)));
    return node;
  }

  /** The marks the document page adds to the query's words: document numbers in their
   * canonical form where the query wrote them otherwise (盘政办发[2024]1号). */
  function canonicalMarks(query, words) {
    var typed = query.normalize("NFKC");
    var extra = words.filter(function (w) { return isNumber(w) && typed.indexOf(w) < 0; });
    return extra.length ? "&mark=" + encodeURIComponent(extra.join(" ")) : "";
  }

  /** A result: its title linked, its details, and a snippet; one that lacks the query's
   * phrases (holding only their bigrams) says so. */
  function renderItem(ref, query, words, className, phrases) {
    return doc(ref).then(function (loaded) {
      var row = loaded[0], item = element("li", className || "result");
      var title = GazetteTokenizer.folded(row[0]);
      var link = appendMarked(element("a"), title.plain, title.printed, 0, title.plain.length, words);
      link.href = row[5] + (query ? "?hl=" + encodeURIComponent(query) + canonicalMarks(query, words) : "");
      var heading = element("h2"); heading.appendChild(link); item.appendChild(heading);
      var details = element("p", "doc-meta", [row[1], row[2], row[3], row[4]].filter(Boolean).join(" · "));
      if (phrases && !holdsAll(loaded, phrases)) details.appendChild(element("span", "partial", "不含完整检索词"));
      item.appendChild(details);
      item.appendChild(snippet(loaded[1], words, row[0]));
      return item;
    });
  }

  /** Documents that mention the numbers searched for, under their own heading: the first
   * ``PAGE``, with how many there are. */
  function showMentions(mentions, query, words, heading) {
    if (!mentions.length) return Promise.resolve();
    var section = document.getElementById("search-mentions"), list = document.getElementById("mention-results");
    document.getElementById("mentions-heading").textContent = (heading || "另有 " + mentions.length + " 件文件提及此文号") +
      (mentions.length > PAGE ? "（列出前 " + PAGE + " 件）" : "");
    return Promise.all(mentions.slice(0, PAGE).map(function (hit) { return renderItem(hit[0], query, words, "mention"); }))
      .then(function (items) {
        items.forEach(function (item) { list.appendChild(item); });
        section.hidden = false;
      });
  }

  /** When no document holds every word of the query, how many each word finds alone (the
   * filters kept), each linked to its own search: the reader sees which word to drop. */
  function showWordsAlone(state, parts) {
    var words = GazetteTokenizer.splitQuery(parts ? parts.join(" ") : state.query), list = document.getElementById("words-alone");
    if (words.length < 2) return Promise.resolve();
    return Promise.all(words.map(function (word) {
      return rank([word.tokens]).then(function (ranked) {
        return withinDates(ranked, state.from, state.to);
      }).then(function (ranked) {
        return byNumber(filtered(ranked, state.filters), [word.tokens]).hits.length;
      });
    })).then(function (counts) {
      words.forEach(function (word, i) {
        var item = element("li"), name = element(counts[i] ? "a" : "span", null, word.text);  // a link only where it finds some
        if (counts[i]) {
          var params = new URLSearchParams(location.search);
          params.set("q", word.text);
          name.href = "?" + params.toString();
        }
        item.appendChild(name);
        item.appendChild(document.createTextNode("（" + counts[i] + " 件）"));
        list.appendChild(item);
      });
      document.getElementById("search-words").hidden = false;
    });
  }

  function readParams() {
    var params = new URLSearchParams(location.search), filters = {};
    received["facet-values"].names.forEach(function (name) { filters[name] = params.get(name) || ""; });
    return {query: params.get("q") || "", filters: filters, sort: params.get("sort") || "",
            from: dateParam(params.get("from")), to: dateParam(params.get("to"))};
  }

  /** A date as a date field sends it (YYYY-MM-DD), else "". */
  function dateParam(value) { return /^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value : ""; }

  /** The filters and dates chosen, on the line that folds them away on a phone. */
  function showChosen(state) {
    var chosen = [];
    document.querySelectorAll("select[data-facet]").forEach(function (select) {
      var name = select.getAttribute("data-facet");
      if (state.filters[name]) chosen.push(select.parentNode.firstChild.textContent.trim() + " " + optionLabel(name, state.filters[name]));
    });
    if (state.from || state.to) chosen.push("成文日期 " + (state.from || "…") + " 至 " + (state.to || "…"));
    document.getElementById("filters-chosen").textContent = chosen.join("；");
  }

  function optionLabel(name, value) { return name === "year" ? value + "年" : value; }

  function fillFilters(filters) {
    var facets = received["facet-values"];
    document.querySelectorAll("select[data-facet]").forEach(function (select) {
      var name = select.getAttribute("data-facet");
      facets.values[name].forEach(function (value) {
        var option = element("option", null, optionLabel(name, value));
        option.value = value;
        option.selected = value === filters[name];
        select.appendChild(option);
      });
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  /** Each filter option says how many results choosing it gives; one that gives none is
   * disabled (unless chosen: the reader must be able to see and undo it). */
  function showCounts(counts) {
    var facets = received["facet-values"];
    document.querySelectorAll("select[data-facet]").forEach(function (select) {
      var name = select.getAttribute("data-facet"), count = counts[name];
      Array.prototype.forEach.call(select.options, function (option) {
        var position = facets.values[name].indexOf(option.value);
        var n = option.value === "" ? count.all : count.counts[position];
        option.textContent = (option.value === "" ? "全部" : optionLabel(name, option.value)) + "（" + n + "）";
        option.disabled = !n && !option.selected;
      });
    });
  }

  /** The form as the URL has it; a change of order searches again (as a filter's does). */
  function fillForm(state) {
    document.getElementById("q").value = state.query;
    document.getElementById("site-search").value = state.query;
    fillFilters(state.filters);
    document.getElementById("from").value = state.from;
    document.getElementById("to").value = state.to;
    showChosen(state);
    var sort = document.getElementById("sort");
    sort.value = state.sort === "date" || state.sort === "date-asc" ? state.sort : "";
    sort.addEventListener("change", function () { sort.form.submit(); });
  }

  /** The hits on screen a page at a time, as the pager knows them (each group after the
   * one before); then the status and the documents that mention a number searched for. */
  function showResults(found, state, words, began) {
    var status = document.getElementById("search-status"), list = document.getElementById("search-results");
    var more = document.getElementById("search-more"), ranked = found.hits;
    var searched = state.parts ? state.parts.join(" ") : state.query;  // a word split into parts: the parts
    var typed = searched.normalize("NFKC").split(/[ \t\r\n\u3000]+/).filter(Boolean);
    var marks = typed.concat(numbersOf(words));  // what snippets mark: the words typed, numbers in their canonical form
    var phrases = GazetteTokenizer.queryPhrases(searched), said = "";
    if (found.unheld) {  // a number no document here bears: say so, and who cites it, under that heading
      status.textContent = "本档案未收录“" + numbersOf(words).join("、") + "”。";
      return showMentions(found.mentions, state.query, marks, "本档案未收录此文号；引用、修改或废止它的文件共 " +
        found.mentions.length + " 件");
    }
    var pages = pager(ranked, phrases, state.sort === "date" || state.sort === "date-asc", function (checked, toCheck) {
      // a long check (holders sparse among the hits) says how far it is
      if (checked > BATCH && checked < toCheck) status.textContent = said + "；正在逐件核对全文（" + checked + " / " + toCheck + "）……";
    });
    function showMore() {
      var appended = Promise.resolve();
      return pages.next(function (hits) {
        hits.forEach(function (hit) {  // each on screen as soon as it and those before it are ready
          var item = renderItem(hit[0], state.query, marks, null, phrases);
          appended = appended.then(function () { return item; }).then(function (ready) {
            list.appendChild(ready);
            if (api.firstShownMs === undefined) api.firstShownMs = performance.now() - began;
          });
        });
      }).then(function () {
        more.hidden = !pages.left();
        var holders = pages.holders(), stop = pages.stopped();
        if (stop) {  // the check was no longer worth its wait: how far it got, the rest by their bigrams
          said = "找到 " + ranked.length + " 件文件包含“" + state.query + "”的全部字词；逐件核对全文费时，核对 " + stop.checked +
            " / " + stop.toCheck + " 件后停下，" + (stop.holders ? "已知 " + stop.holders + " 件包含完整的检索词，排在前面，" : "尚未找到包含完整检索词的，") +
            "其余按相关度列出" + (pages.left() ? "（“显示更多”接着核对）" : "") + "。";
        } else if (ranked.length && holders === 0) {
          said = "没有文件包含完整的“" + state.query + "”；以下 " + ranked.length + " 件文件包含其中的全部字词。";
        } else if (holders !== null && holders < ranked.length) {  // the reader knows where the labelled ones begin
          said = "找到 " + ranked.length + " 件文件，其中 " + holders + " 件包含完整的“" + state.query + "”";
        }
        status.textContent = said;
        return appended;
      });
    }
    more.onclick = function () {  // the reader goes on at the first result added, not back at the top
      var before = list.children.length;
      showMore().then(function () {
        var first = list.children[before];
        if (first) first.querySelector("a").focus();
      });
    };
    said = ranked.length && state.parts ? "没有文件包含“" + state.query + "”；以下 " + ranked.length + " 件文件同时包含“" +
      state.parts.join("”“") + "”。" : ranked.length && state.asText ? "没有文号为“" + state.asText.join("、") + "”的文件，也没有文件引用它；以下 " +
      ranked.length + " 件文件的文号包含其各部分。" : ranked.length ? "找到 " + ranked.length + " 件文件" :
      words.length ? "没有找到包含“" + state.query + "”的文件。" : "没有符合筛选条件的文件。";
    status.textContent = said;
    return showMore().then(function () {
      if (state.parts) return showWordsAlone(state, state.parts);
      return ranked.length ? showMentions(found.mentions, state.query, marks) : showWordsAlone(state);
    });
  }

  /** Every document, as hits (for filters set without a query). */
  function everything() {
    var all = [];
    for (var d = 0; d < received.meta.documents; d++) all.push([d, 0]);
    return all;
  }

  /** The hits of the query's words.  A document number that no document bears or cites
   * (typed without its organ's first characters, say: 市政办〔2020〕19号 for
   * 晋市政办〔2020〕19号) is searched for again as text, keeping the documents whose own
   * number holds each of its parts (its year and serial too: 〔2023〕10号 is not found in
   * 〔2023〕8号); ``state.asText`` then names the numbers.  Resolves to {all, words}. */
  function rankOrAsText(state, words) {
    return rank(words).then(function (all) {
      var numbers = numbersOf(words);
      if (!all.length && !numbers.length) return rankParts(state, words, all);
      if (all.length || !numbers.length) return {all: all, words: words};
      var asText = GazetteTokenizer.queryWords(state.query, true);
      return rank(asText).then(function (found) {
        var field = received.meta.fields.indexOf("doc_number");
        var bearers = [].concat.apply([], GazetteTokenizer.queryWords(numbers.join(" "), true)).map(function (part) {
          var postings = api.postingsOf(part);  // null: a part left out of a long query (withinParts)
          return postings && new Set(postings[field].documents);
        }).filter(Boolean);
        found = found.filter(function (hit) { return bearers.every(function (set) { return set.has(hit[0]); }); });
        if (!found.length) return {all: all, words: words};
        state.asText = numbers;
        return {all: found, words: asText};
      });
    });
  }

  /** A word no document holds whole (营商环境优化) split where its characters never stand
   * together in the archive (a character pair the index does not know: 境优), and searched
   * for as its parts (营商环境 优化) if each is two characters or more and together they find
   * some; ``state.parts`` then names them.  Resolves to {all, words}. */
  function rankParts(state, words, none) {
    var parts = [].concat.apply([], GazetteTokenizer.splitQuery(state.query).map(function (word) {
      return splitAtUnknownPairs(word.text);
    }));
    // a part of one character is no word (量 子计算机): only parts that are words, and that find some
    var wordLike = parts.every(function (part) { return Array.from(part).length >= 2; });
    if (parts.length <= GazetteTokenizer.splitQuery(state.query).length || !wordLike) {
      return Promise.resolve({all: none, words: words});
    }
    var partWords = GazetteTokenizer.queryWords(parts.join(" "));
    return rank(partWords).then(function (found) {
      if (!found.length) return {all: none, words: words};
      state.parts = parts;
      return {all: found, words: partWords};
    });
  }

  function splitAtUnknownPairs(word) {
    var chars = Array.from(word.normalize("NFKC")), parts = [""];
    chars.forEach(function (char, i) {
      var pair = i ? chars[i - 1] + char : "";
      var han = /\p{Script=Han}/u.test(char) && i && /\p{Script=Han}/u.test(chars[i - 1]);
      if (han && api.postingsOf(pair) === null && parts[parts.length - 1]) parts.push("");
      parts[parts.length - 1] += char;
    });
    return parts.filter(Boolean);
  }

  /** Search for the query in the URL; filters set without a query list every document
   * they keep, newest first (the filters combine as the archive's listing pages cannot). */
  function start(dataBase) {
    api.base = dataBase;
    var state = readParams(), status = document.getElementById("search-status");
    var words = GazetteTokenizer.queryWords(state.query);
    var filtering = Object.keys(state.filters).some(function (name) { return state.filters[name]; });
    var browsing = !state.query.trim() && (filtering || Boolean(state.from || state.to));
    function shown(hits) {  // what the list shows of hits: a number's bearers, or who mentions a number not held
      var split = byNumber(hits, words);
      return split.unheld ? split.mentions : split.hits;
    }
    if (browsing) state.sort = "date";
    fillForm(state);
    if (!words.length && !browsing) {
      status.textContent = state.query.trim() ? "检索词中没有可检索的文字。" : "请输入检索词，或选择筛选条件浏览文件。";
      showCounts(facetCounts(everything(), state.filters, shown));
      document.body.setAttribute("data-search-done", "1");
      return Promise.resolve();
    }
    status.textContent = "正在检索…";
    var began = performance.now();
    return (browsing ? Promise.resolve({all: everything(), words: words}) : rankOrAsText(state, words)).then(function (found) {
      words = found.words;
      return withinDates(found.all, state.from, state.to).then(function (all) {
        return sorted(filtered(all, state.filters), state.sort)
          .then(function (ranked) { return showResults(byNumber(ranked, words), state, words, began); })
          .then(function () {  // the filters' counts after the results: the reader needs those first
            showCounts(facetCounts(all, state.filters, shown));
            api.lastQueryMs = performance.now() - began;
            document.body.setAttribute("data-search-done", "1");
          });
      });
    }).catch(function (error) {
      status.textContent = "检索出错：" + error.message;
      document.body.setAttribute("data-search-done", "error");
    });
  }

  api.start = start;
})(this);
