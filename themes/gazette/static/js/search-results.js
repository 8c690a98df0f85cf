/* Search, part 2 of 3: which hits a reader is shown, and in which order: filters and
 * their counts, the date order, the phrase check against the texts (pager), and a
 * document number's bearers apart from the documents citing it. */
(function (root) {
  "use strict";
  var api = root.GazetteSearch, received = api.data, load = api.load, decodeNumbers = api.decodeNumbers;
  var titleHolders = api.titleHolders, forget = api.forget;
  var PAGE = 10;          // results shown at a time

  /** Each document's facet values (facet-docs.js, decoded once, codec.encode_value_lists):
   * per facet, document d's values (positions in facet-values' list) are
   * ``values[starts[d]]`` up to ``values[starts[d + 1]]``. */
  var facetLists = null;
  function documentFacets() {
    if (facetLists) return facetLists;
    facetLists = {};
    received["facet-values"].names.forEach(function (name) {
      var numbers = decodeNumbers(received["facet-docs"][name]), document = 0, n = 0, i;
      var starts = new Uint32Array(received.meta.documents + 1), values = new Uint32Array(numbers.length);
      for (i = 0; i < numbers.length; i++) {
        if (numbers[i]) values[n++] = (numbers[i] >> 1) - 1;
        if (!(numbers[i] & 1)) starts[++document] = n;
      }
      facetLists[name] = {starts: starts, values: values};
    });
    return facetLists;
  }

  function hasValue(list, document, value) {
    for (var i = list.starts[document]; i < list.starts[document + 1]; i++) if (list.values[i] === value) return true;
    return false;
  }

  /** The hits that have the value of each filter set, leaving out the filter on ``except``. */
  function filtered(ranked, filters, except) {
    var facets = received["facet-values"];
    var tests = facets.names.filter(function (name) { return filters[name] && name !== except; }).map(function (name) {
      return {list: documentFacets()[name], wanted: facets.values[name].indexOf(filters[name])};
    });
    if (!tests.length) return ranked;
    return ranked.filter(function (hit) {
      return tests.every(function (test) { return hasValue(test.list, hit[0], test.wanted); });
    });
  }

  /** Per facet, how many results each of its values would give: the hits kept by the other
   * filters (a reader changing one filter sees what the others leave), then what the list
   * shows of them (``shown``: a number query shows its bearers).  {name: {all, counts}}. */
  function facetCounts(ranked, filters, shown) {
    var lists = documentFacets(), result = {};
    received["facet-values"].names.forEach(function (name) {
      var hits = shown(filtered(ranked, filters, name)), list = lists[name], i, j;
      var counts = new Array(received["facet-values"].values[name].length).fill(0);
      for (i = 0; i < hits.length; i++) {
        for (j = list.starts[hits[i][0]]; j < list.starts[hits[i][0] + 1]; j++) counts[list.values[j]]++;
      }
      result[name] = {all: hits.length, counts: counts};
    });
    return result;
  }

  /** Each document's signing date as YYYYMMDD (0: none), loaded when first needed. */
  var days = null;
  function signingDays() {
    if (days) return Promise.resolve(days);
    return load("dates").then(function (text) { return (days = decodeNumbers(text)); });
  }

  /** The hits signed from ``from`` to ``to`` (YYYY-MM-DD, either may be ""; given the wrong
   * way round, the other way), undated ones left out once a date is given. */
  function withinDates(hits, from, to) {
    if (!from && !to) return Promise.resolve(hits);
    var low = from ? +from.replace(/-/g, "") : 1, high = to ? +to.replace(/-/g, "") : 99991231;
    if (low > high) { var swap = low; low = high; high = swap; }
    return signingDays().then(function (day) {
      return hits.filter(function (hit) { return day[hit[0]] >= low && day[hit[0]] <= high; });
    });
  }

  /** The hits newest first ("date") or oldest first ("date-asc") by signing date (undated
   * last, ties in lunr's order), when the reader sorts by date: the dates load only then. */
  function sorted(ranked, sort) {
    if (sort !== "date" && sort !== "date-asc") return Promise.resolve(ranked);
    var sign = sort === "date" ? 1 : -1;
    return signingDays().then(function (day) {
      function when(hit) { return day[hit[0]] || (sign > 0 ? 0 : Infinity); }  // undated: last either way
      return ranked.map(function (hit, i) { return [hit, i]; })
        .sort(function (a, b) { return sign * (when(b[0]) - when(a[0])) || a[1] - b[1]; })
        .map(function (pair) { return pair[0]; });
    });
  }

  /** [row, text] of a document: row = [title, number, organ, date, issue, url]. */
  function doc(ref) { return load("doc/" + ref); }

  function normal(s) { return (s || "").normalize("NFKC").replace(/[ \t\r\n\u3000]+/g, ""); }

  /** Whether a document's title, number or text holds every phrase (whitespace and case
   * aside). */
  function holdsAll(loaded, phrases) {
    var text = normal(loaded[0][0] + loaded[0][1] + loaded[1]).toLowerCase();
    return phrases.every(function (phrase) { return text.indexOf(normal(phrase).toLowerCase()) >= 0; });
  }

  /** The hits a reader is shown, ``PAGE`` at a time, those holding the query's phrases
   * (GazetteTokenizer.queryPhrases) first.  A hit holds every bigram of the query, not
   * necessarily its phrases (理工院 is also matched by 管理工作 … 工院), and lunr may rank
   * hits without them far ahead of hits with them.  Those whose title holds the phrases
   * are known from the index (titleHolders) and come first; the others are checked
   * against their texts in lunr's order — those whose title may hold them first — until
   * the page is full of holders or every hit is checked, so a hit without the phrases is
   * shown only after every hit holding them.  Checks go in batches that grow while the
   * holders are sparse; a checked text not shown is let go (``forget``).  A query without
   * phrases is held by every hit.  Sorted by date, no hit goes ahead for its title (the
   * reader asked for the newest) nor for a phrase with punctuation or Latin in it (the
   * index knows where bigrams stand, not those): holders go first, newest first.
   * ``progress(checked, toCheck)`` hears of each batch checked.
   * A page's check stops when it has taken ``api.checkMs`` (holders are rare among many
   * hits, and each check loads a text): the page is filled with the hits not yet checked,
   * in lunr's order (``stopped()`` then says how far the check got), and the next page
   * goes on checking where it stopped. */
  var BATCH = 5 * PAGE;   // texts loaded at once at most
  api.checkMs = 800;      // about a second to the page, with its rendering
  function pager(hits, phrases, byDate, progress) {
    var byTitle = !byDate && phrases.every(GazetteTokenizer.isHanRun);
    var titled = phrases.length ? (byTitle ? titleHolders(phrases) : {documents: new Set(), exact: false}) : null;
    var known = !titled || titled.exact;
    var inTitle = titled ? hits.filter(function (hit) { return titled.documents.has(hit[0]); }) : hits.slice();
    var others = titled ? hits.filter(function (hit) { return !titled.documents.has(hit[0]); }) : [];
    // maybe: hits whose title may hold the phrases, checked first and on their own (most do)
    var held = known ? inTitle : [], maybe = known ? [] : inTitle, unchecked = others, without = [];
    var toCheck = maybe.length + unchecked.length, titledHeld = held.length, checked = 0, holding = 0;
    function holds(hit) {
      return doc(hit[0]).then(function (loaded) { return holdsAll(loaded, phrases); });
    }
    /* The next page, handed to ``show`` as it becomes known, in its order: the holders
     * known at once, then those each check finds as it ends, then (every hit checked)
     * those without the phrases.  Resolves when the page is complete. */
    var stopped = false;
    function next(show) {
      var shown = 0, checkedHere = 0, deadline = performance.now() + api.checkMs;
      stopped = false;
      function emit(hits) {
        shown += hits.length;
        if (hits.length) show(hits);
      }
      function check(queue) {
        if (shown >= PAGE || !queue.length) return Promise.resolve();
        if (checkedHere && performance.now() > deadline) {  // not worth more waiting: the rest unchecked
          stopped = true;
          emit(queue.splice(0, PAGE - shown));
          return Promise.resolve();
        }
        var batch = queue.splice(0, Math.max(PAGE - shown, Math.min(BATCH, checkedHere)));
        return Promise.all(batch.map(holds)).then(function (found) {
          batch.forEach(function (hit, i) {
            if (found[i]) held.push(hit);
            else {
              without.push(hit);
              forget("doc/" + hit[0]);
            }
          });
          checked += batch.length;
          checkedHere += batch.length;
          holding += found.filter(Boolean).length;
          if (progress) progress(checked, toCheck);
          emit(held.splice(0, PAGE - shown));
          return check(queue);
        });
      }
      emit(held.splice(0, PAGE));
      return check(maybe).then(function () { return check(unchecked); }).then(function () {
        emit(without.splice(0, PAGE - shown));
      });
    }
    /* How many hits hold the query's phrases, once every hit is checked (else null). */
    function holders() { return phrases.length && checked === toCheck ? titledHeld + holding : null; }
    /* How far the check got when the last page stopped it (else null). */
    function stoppedAt() {
      return stopped ? {checked: checked, toCheck: toCheck, holders: titledHeld + holding} : null;
    }
    return {next: next, holders: holders, stopped: stoppedAt,
            left: function () { return held.length + maybe.length + unchecked.length + without.length; }};
  }

  /** Whether a token is a document number (the tokenizer's canonical form). */
  function isNumber(token) { return /号$/.test(token) && /[〔令]/.test(token); }

  /** The document numbers a query holds, in their canonical form. */
  function numbersOf(words) {
    return words.filter(function (w) { return w.length === 1 && isNumber(w[0]); }).map(function (w) { return w[0]; });
  }

  /** A query that is only document numbers finds the documents bearing them; those that
   * only mention them (citing them in their text) are listed apart, as mentions.  Who
   * bears a number is in the index: its postings in the doc_number field.  When none
   * bears them (a number the archive does not hold), every hit is a mention: ``unheld``. */
  function byNumber(ranked, words) {
    var numbers = numbersOf(words), field = received.meta.fields.indexOf("doc_number"), bearing = new Set();
    if (!numbers.length || numbers.length !== words.length) return {hits: ranked, mentions: []};
    numbers.forEach(function (number) {
      var postings = api.postingsOf(number);
      if (postings) postings[field].documents.forEach(function (document) { bearing.add(document); });
    });
    var own = ranked.filter(function (hit) { return bearing.has(hit[0]); });
    // no document here bears it: those found only mention it (cite, amend, repeal)
    if (!own.length) return {hits: [], mentions: ranked, unheld: ranked.length > 0};
    return {hits: own, mentions: ranked.filter(function (hit) { return !bearing.has(hit[0]); })};
  }

  Object.assign(api, {PAGE: PAGE, BATCH: BATCH, filtered: filtered, facetCounts: facetCounts, withinDates: withinDates, sorted: sorted, doc: doc, normal: normal,
                      holdsAll: holdsAll, pager: pager, isNumber: isNumber, numbersOf: numbersOf, byNumber: byNumber});
})(this);
