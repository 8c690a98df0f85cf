/* Client-side search over the term-partitioned lunr index (see plugins/search_index).
 * Data arrives as .js files that call GazetteSearch.receive(name, data): no fetch/XHR,
 * no modules, no workers, so the same code runs on file:// and over http.
 * Text from documents is put on the page with textContent only, never as HTML. */
(function (root) {
  "use strict";
  var PAGE = 10;          // results shown at a time
  var received = {}, waiting = {}, indexes = {}, base = "search/";

  function receive(name, data) {
    received[name] = data;
    (waiting[name] || []).forEach(function (done) { done(data); });
    delete waiting[name];
  }

  function load(name) {
    if (received[name] !== undefined) return Promise.resolve(received[name]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[name];
      (waiting[name] = waiting[name] || []).push(resolve);
      if (!first) return;
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.onerror = function () { reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  /* A compact part (terms with flat field/document-gap/score triples, see
   * plugins/search_index/builder.py) made into the lunr.Index it stands for. */
  function lunrIndex(data) {
    var fields = data.fields, inverted = Object.create(null), vectors = Object.create(null), terms = [];
    data.terms.forEach(function (entry, position) {
      var posting = {_index: position}, flat = entry[1], ref = 0, i, key;
      fields.forEach(function (field) { posting[field] = Object.create(null); });
      for (i = 0; i < flat.length; i += 3) {  // (field, gap to the previous document, score × 1000)
        ref += flat[i + 1];
        posting[fields[flat[i]]][String(ref)] = {};
        key = fields[flat[i]] + "/" + ref;
        (vectors[key] = vectors[key] || []).push(position, flat[i + 2] / 1000);
      }
      inverted[entry[0]] = posting;
      terms.push(entry[0]);
    });
    var fieldVectors = Object.create(null);
    Object.keys(vectors).forEach(function (key) { fieldVectors[key] = new lunr.Vector(vectors[key]); });
    return new lunr.Index({invertedIndex: inverted, fieldVectors: fieldVectors, tokenSet: lunr.TokenSet.fromArray(terms),
                           fields: fields, pipeline: new lunr.Pipeline()});
  }

  function part(number) {
    return load("index/" + number).then(function (data) {
      return indexes[number] || (indexes[number] = lunrIndex(data));
    });
  }

  /* Scores of one token in its part: a one-term lunr query, whose score is the term's
   * BM25 weight (the query vector has length 1), so scores add up over the tokens exactly
   * as one index over all terms would rank them. */
  function tokenScores(index, token) {
    var results = index.query(function (query) {
      query.term(token, {usePipeline: false, presence: lunr.Query.presence.REQUIRED,
                         wildcard: lunr.Query.wildcard.NONE});
    });
    var scores = new Map();
    results.forEach(function (result) { scores.set(Number(result.ref), result.score); });
    return scores;
  }

  /** All tokens required (AND); scores summed.  Resolves to [[ref, score], …] best first. */
  function rank(words) {
    var meta = received.meta, tokens = [];
    words.forEach(function (word) { word.forEach(function (t) { if (tokens.indexOf(t) < 0) tokens.push(t); }); });
    var parts = tokens.map(function (t) { return GazetteTokenizer.partitionOf(t, meta.partitions); });
    return Promise.all(parts.map(part)).then(function (loaded) {
      var total = null;
      tokens.forEach(function (token, i) {
        var scores = tokenScores(loaded[i], token), next = new Map();
        if (total === null) { total = scores; return; }
        total.forEach(function (score, ref) { if (scores.has(ref)) next.set(ref, score + scores.get(ref)); });
        total = next;
      });
      return Array.from(total || new Map()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    });
  }

  /** Results kept by the filters; each document's facet values load only when a filter is set. */
  function filtered(ranked, filters) {
    var facets = received["facet-values"];
    var active = facets.names.filter(function (name) { return filters[name]; });
    if (!active.length) return Promise.resolve(ranked);
    return load("facet-docs").then(function (docs) {
      return ranked.filter(function (pair) {
        return active.every(function (name) {
          var column = facets.names.indexOf(name), position = facets.values[name].indexOf(filters[name]);
          return docs[pair[0]][column].indexOf(position) >= 0;
        });
      });
    });
  }

  /** [row, text] of a document: row = [title, number, organ, date, issue, url]. */
  function doc(ref) { return load("doc/" + ref); }

  function normal(s) { return (s || "").normalize("NFKC").replace(/[ \t\r\n\u3000]+/g, ""); }

  /** Among the results about to be shown, those whose title or text holds every query
   * word as typed come first (their text is loaded for the snippet anyway). */
  function rerank(page, words) {
    return Promise.all(page.map(function (pair) {
      return doc(pair[0]).then(function (loaded) {
        var haystack = normal(loaded[0][0] + loaded[0][1] + loaded[1]);
        return words.every(function (w) { return haystack.indexOf(normal(w)) >= 0; });
      });
    })).then(function (exact) {
      return page.filter(function (_, i) { return exact[i]; }).concat(page.filter(function (_, i) { return !exact[i]; }));
    });
  }

  /** A query that is only document numbers finds the documents bearing them. */
  function ownNumbers(ranked, words, query) {
    var numbers = words.filter(function (w) { return w.length === 1 && /号$/.test(w[0]) && /[〔令]/.test(w[0]); });
    if (!numbers.length || numbers.length !== words.length) return Promise.resolve(ranked);
    return Promise.all(ranked.map(function (pair) { return doc(pair[0]); })).then(function (docs) {
      var own = ranked.filter(function (_, i) { return numbers.some(function (n) { return docs[i][0][1] === n[0]; }); });
      return own.length ? own : ranked;
    });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  function snippet(body, words) {
    var plain = body.normalize("NFKC"), at = -1, length = 0;
    words.some(function (w) { at = plain.indexOf(w); length = w.length; return at >= 0; });
    var start = Math.max(0, at - 40), piece = plain.slice(start, Math.max(at, 0) + length + 80).replace(/\s+/g, " ");
    var node = element("p", "snippet");
    if (start > 0) node.appendChild(document.createTextNode("…"));
    var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
    var last = 0, match;
    while (words.length && (match = pattern.exec(piece)) !== null && match[0].length) {
      node.appendChild(document.createTextNode(piece.slice(last, match.index)));
      node.appendChild(element("mark", null, match[0]));
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(piece.slice(last) + "…"));
    return node;
  }

  function renderItem(ref, query, words) {
    return doc(ref).then(function (loaded) {
      var row = loaded[0], item = element("li", "result");
      var link = element("a", null, row[0]);
      link.href = row[5] + "?hl=" + encodeURIComponent(query);
      var heading = element("h2"); heading.appendChild(link); item.appendChild(heading);
      item.appendChild(element("p", "doc-meta", [row[1], row[2], row[3], row[4]].filter(Boolean).join(" · ")));
      item.appendChild(snippet(loaded[1], words));
      return item;
    });
  }

  function readParams() {
    var params = new URLSearchParams(location.search), filters = {};
    received["facet-values"].names.forEach(function (name) { filters[name] = params.get(name) || ""; });
    return {query: params.get("q") || "", filters: filters};
  }

  function fillFilters(filters) {
    var facets = received["facet-values"];
    document.querySelectorAll("select[data-facet]").forEach(function (select) {
      var name = select.getAttribute("data-facet");
      facets.values[name].forEach(function (value) {
        var option = element("option", null, name === "year" ? value + "年" : value);
        option.value = value;
        option.selected = value === filters[name];
        select.appendChild(option);
      });
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function start(dataBase) {
    base = dataBase;
    var state = readParams(), status = document.getElementById("search-status");
    var list = document.getElementById("search-results"), more = document.getElementById("search-more");
    document.getElementById("q").value = state.query;
    document.getElementById("site-search").value = state.query;
    fillFilters(state.filters);
    var words = GazetteTokenizer.queryWords(state.query);
    var typed = state.query.normalize("NFKC").split(/[ \t\r\n\u3000]+/).filter(Boolean);
    if (!words.length) {
      status.textContent = state.query ? "检索词中没有可检索的文字。" : "请输入检索词。";
      document.body.setAttribute("data-search-done", "1");
      return Promise.resolve();
    }
    status.textContent = "正在检索…";
    var began = performance.now();
    return rank(words)
      .then(function (ranked) { return filtered(ranked, state.filters); })
      .then(function (ranked) { return ownNumbers(ranked, words, state.query); })
      .then(function (ranked) {
        var shown = 0;
        function showMore() {
          var page = ranked.slice(shown, shown + PAGE);
          shown += page.length;
          more.hidden = shown >= ranked.length;
          return rerank(page, typed).then(function (ordered) {
            return Promise.all(ordered.map(function (pair) { return renderItem(pair[0], state.query, typed); }));
          }).then(function (items) { items.forEach(function (item) { list.appendChild(item); }); });
        }
        more.onclick = showMore;
        status.textContent = ranked.length ? "找到 " + ranked.length + " 件文件" : "没有找到包含“" + state.query + "”的文件。";
        return showMore();
      })
      .then(function () { root.GazetteSearch.lastQueryMs = performance.now() - began; document.body.setAttribute("data-search-done", "1"); })
      .catch(function (error) { status.textContent = "检索出错：" + error.message; document.body.setAttribute("data-search-done", "error"); });
  }

  root.GazetteSearch = {receive: receive, start: start, rank: rank, load: load};
})(this);
