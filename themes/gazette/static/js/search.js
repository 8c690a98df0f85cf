/* Client-side search over the term-partitioned lunr index (see plugins/search_index).
 * Data arrives as .js files that call GazetteSearch.receive(name, data): no fetch/XHR,
 * no modules, no workers, so the same code runs on file:// and over http.
 * Text from documents is put on the page with textContent only, never as HTML. */
(function (root) {
  "use strict";
  var PAGE = 10;          // results shown at a time
  var received = {}, waiting = {}, base = "search/";

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

  /* Numbers as plugins/search_index/codec.py writes them: base-32 digits, the last of each
   * number from FINAL, the others from MORE. */
  var FINAL = "0123456789abcdefghijklmnopqrstuv", MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&_";
  var DIGIT = new Int8Array(128).fill(-1), FINAL_DIGIT = new Uint8Array(128);
  for (var d = 0; d < 32; d++) {
    DIGIT[FINAL.charCodeAt(d)] = d; FINAL_DIGIT[FINAL.charCodeAt(d)] = 1; DIGIT[MORE.charCodeAt(d)] = d;
  }

  function decodeNumbers(text) {
    var numbers = [], value = 0, i, code;
    for (i = 0; i < text.length; i++) {
      code = text.charCodeAt(i);
      value = value * 32 + DIGIT[code];
      if (FINAL_DIGIT[code]) { numbers.push(value); value = 0; }
    }
    return numbers;
  }

  /** A field's postings: parallel arrays of documents and term frequencies.  The text is
   * the gaps between documents, each doubled plus one when its frequency is not 1, then
   * after a "." those frequencies (see codec.py). */
  function decodePostings(text) {
    var dot = text.indexOf("."), numbers = decodeNumbers(dot < 0 ? text : text.slice(0, dot));
    var others = dot < 0 ? [] : decodeNumbers(text.slice(dot + 1)), next = 0;
    var documents = new Array(numbers.length), frequencies = new Array(numbers.length), document = 0, i;
    for (i = 0; i < numbers.length; i++) {
      document += numbers[i] >> 1;
      documents[i] = document;
      frequencies[i] = numbers[i] & 1 ? others[next++] : 1;
    }
    return {documents: documents, frequencies: frequencies};
  }

  /** The archive's statistics for BM25: document count, field boosts, average and
   * per-document field lengths (lengths.js, decoded once). */
  var stats = null;
  function archiveStats() {
    if (stats) return stats;
    var meta = received.meta;
    stats = {documents: meta.documents, fields: meta.fields, boosts: meta.boosts, average: meta.average,
             lengths: meta.fields.map(function (field) { return decodeNumbers(received.lengths[field]); })};
    return stats;
  }

  /** A term's postings per field, or null when the archive lacks the term (decoded once:
   * a reader refining a query reuses most of its terms).  The positioned field (the
   * title) also has ``positionsText``: where the term stands, posting after posting
   * (decoded when a phrase needs it: titlePositions). */
  var decoded = new Map();
  function termPostings(part, term) {
    if (decoded.has(term)) return decoded.get(term);
    var lo = 0, hi = part.length - 1, mid, found = null, fields = received.meta.fields.length;
    while (lo <= hi && !found) {  // terms are sorted in JavaScript's string order
      mid = (lo + hi) >> 1;
      if (part[mid][0] === term) {
        found = part[mid].slice(1, 1 + fields).map(decodePostings);
        found[received.meta.positioned].positionsText = part[mid][1 + fields] || "";
      } else if (part[mid][0] < term) lo = mid + 1; else hi = mid - 1;
    }
    decoded.set(term, found);
    return found;
  }

  /** Where a term stands in a document's title: the positions of its posting there. */
  function titlePositions(postings, document) {
    var field = postings[received.meta.positioned], documents = field.documents, lo = 0, hi = documents.length - 1, mid;
    if (!field.starts) {  // the positions, and where each posting's begin
      field.positions = decodeNumbers(field.positionsText);
      field.starts = new Array(documents.length + 1);
      field.starts[0] = 0;
      for (mid = 0; mid < documents.length; mid++) field.starts[mid + 1] = field.starts[mid] + field.frequencies[mid];
    }
    while (lo <= hi) {
      mid = (lo + hi) >> 1;
      if (documents[mid] === document) return field.positions.slice(field.starts[mid], field.starts[mid + 1]);
      if (documents[mid] < document) lo = mid + 1; else hi = mid - 1;
    }
    return [];
  }

  /** The documents whose title holds ``phrase``, from the index alone: ABCD stands where
   * AB, BC and CD stand at p, p + 1 and p + 2.  Bigrams whose part is not loaded
   * (withinParts) are passed over; where the others leave a character out, the documents
   * are those whose title may hold the phrase: {documents, exact}. */
  function inTitles(phrase) {
    var chars = Array.from(phrase), pairs = [], covered = chars.map(function () { return false; }), i;
    for (i = 0; i + 1 < chars.length; i++) {
      var pair = chars[i] + chars[i + 1], part = received["index/" + partOf(pair)];
      if (part === undefined) continue;
      var postings = termPostings(part, pair);
      if (!postings) return {documents: new Set(), exact: true};  // no document holds this bigram
      pairs.push({at: i, postings: postings});
      covered[i] = covered[i + 1] = true;
    }
    if (!pairs.length) return {documents: new Set(), exact: false};  // nothing loaded to tell
    function inTitleCount(pair) { return pair.postings[received.meta.positioned].documents.length; }
    pairs.sort(function (a, b) { return inTitleCount(a) - inTitleCount(b); });
    var holders = new Set(), rarest = pairs[0];
    rarest.postings[received.meta.positioned].documents.forEach(function (document) {
      titlePositions(rarest.postings, document).forEach(function (position) {
        var start = position - rarest.at;
        if (pairs.every(function (pair) { return titlePositions(pair.postings, document).indexOf(start + pair.at) >= 0; })) {
          holders.add(document);
        }
      });
    });
    return {documents: holders, exact: covered.indexOf(false) < 0};
  }

  /** The documents whose title holds (exact) or may hold every phrase: {documents, exact}. */
  function titleHolders(phrases) {
    return phrases.map(inTitles).reduce(function (all, these) {
      return {documents: new Set(Array.from(all.documents).filter(function (d) { return these.documents.has(d); })),
              exact: all.exact && these.exact};
    });
  }

  /** Documents holding every term in some field (AND), counted in one pass per term. */
  function commonDocuments(postings) {
    var count = new Uint16Array(archiveStats().documents), all = [];
    postings.forEach(function (fields, i) {
      fields.forEach(function (field) {
        field.documents.forEach(function (document) { if (count[document] === i) count[document] = i + 1; });
      });
    });
    var last = postings.length;
    postings[last - 1].forEach(function (field) {
      field.documents.forEach(function (document) {
        if (count[document] === last) { all.push(document); count[document] = 0; }
      });
    });
    return all;
  }

  /* lunr's BM25 field-vector value (lunr.Builder.prototype.createFieldVectors), from the
   * whole archive's statistics: what one lunr index over everything would hold. */
  function fieldScore(s, idf, field, document, frequency) {
    var k1 = 1.2, b = 0.75;
    var score = idf * ((k1 + 1) * frequency) /
      (k1 * (1 - b + b * (s.lengths[field][document] / s.average[field])) + frequency) * s.boosts[field];
    return Math.round(score * 1000) / 1000;
  }

  /** Each query word's value per document: the sum, over the word's tokens and every
   * field, of lunr's field-vector values (Float64Array by document; only ``documents``,
   * those holding all tokens, are filled).  ``groups`` holds, per word, the positions of
   * its tokens in ``postings``.  (Plain loops: a common word has tens of thousands of
   * postings.) */
  function wordValues(groups, postings, documents) {
    var s = archiveStats(), wanted = new Uint8Array(s.documents);
    documents.forEach(function (document) { wanted[document] = 1; });
    return groups.map(function (group) {
      var total = new Float64Array(s.documents);
      group.forEach(function (t) {
        var fields = postings[t], withTerm = 0, f, i;
        for (f = 0; f < fields.length; f++) withTerm += fields[f].documents.length;
        var idf = Math.log(1 + Math.abs((s.documents - withTerm + 0.5) / (withTerm + 0.5)));
        for (f = 0; f < fields.length; f++) {
          var inField = fields[f].documents, frequencies = fields[f].frequencies;
          for (i = 0; i < inField.length; i++) {
            if (wanted[inField[i]]) total[inField[i]] += fieldScore(s, idf, f, inField[i], frequencies[i]);
          }
        }
      });
      return total;
    });
  }

  /** lunr's score of every document: the dot product of the query vector (1 per word)
   * with the document's vector over the query vector's length, summed in word order as
   * lunr.Vector.dot sums.  Best first, ties by document. */
  function scored(values, documents) {
    var length = Math.sqrt(values.length), score = new Float64Array(documents.length), order = [], i, w;
    for (i = 0; i < documents.length; i++) {
      var dot = 0;
      for (w = 0; w < values.length; w++) dot += values[w][documents[i]];
      score[i] = dot / length;
      order.push(i);
    }
    order.sort(function (a, b) { return score[b] - score[a] || documents[a] - documents[b]; });
    return order.map(function (i) { return [documents[i], score[i]]; });
  }

  /** A word's term in the query's lunr index: names sort as their positions, which lunr's
   * TokenSet and Vector need. */
  function wordName(position) { return "w" + String(position).padStart(6, "0"); }

  /** A lunr.Index over the query's words and the given documents, scored as one lunr index
   * over the whole archive would score them.  lunr's score is the same dot product in
   * every field, so one field "all" whose value for a document and word is the word's
   * value (wordValues) gives the same ranking, with one match per document and word. */
  function lunrIndex(values, documents) {
    var inverted = Object.create(null), fieldVectors = Object.create(null);
    var names = values.map(function (total, w) { return wordName(w); });
    names.forEach(function (name, position) {
      var refs = Object.create(null);
      documents.forEach(function (document) { refs[document] = {}; });
      inverted[name] = {_index: position, all: refs};
    });
    documents.forEach(function (document) {
      var vector = [];
      values.forEach(function (total, position) { vector.push(position, total[document]); });
      fieldVectors["all/" + document] = new lunr.Vector(vector);
    });
    return new lunr.Index({invertedIndex: inverted, fieldVectors: fieldVectors, tokenSet: lunr.TokenSet.fromArray(names),
                           fields: ["all"], pipeline: new lunr.Pipeline()});
  }

  /** The best ``api.lunrDocuments`` documents ranked by lunr.js, then the others in the
   * same order by the same score.  lunr.js spends a few microseconds on each document it
   * matches, so a common word (thousands of hits) would cost more than a reader should
   * wait; the documents beyond the first pages keep their place without it. */
  function lunrRanked(groups, postings, documents) {
    var values = wordValues(groups, postings, documents), order = scored(values, documents);
    var best = order.slice(0, api.lunrDocuments).map(function (pair) { return pair[0]; });
    var results = lunrIndex(values, best).query(function (query) {
      values.forEach(function (total, w) {
        query.term(wordName(w), {usePipeline: false, presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.NONE});
      });
    });
    return results.map(function (result) { return [Number(result.ref), result.score]; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .concat(order.slice(best.length));
  }

  function part(number) { return load("index/" + number); }
  function partOf(token) { return GazetteTokenizer.partitionOf(token, received.meta.partitions); }

  /** The words with bigrams left out of long words until their tokens lie in at most
   * ``api.maxParts`` parts, one file each (a phrase's bigrams fall in as many parts as it
   * has bigrams).  Only a bigram inside a chain (AB BC CD) is left out, and only where that
   * saves a file: first every other one, whose neighbours hold its characters; then any.
   * The result list checks the phrase itself in the texts it shows (pager). */
  function withinParts(words) {
    var kept = words.map(function (word) { return word.map(function () { return true; }); }), uses = new Map();
    words.forEach(function (word) { word.forEach(function (t) { uses.set(partOf(t), (uses.get(partOf(t)) || 0) + 1); }); });
    function chained(word, i) {
      var before = Array.from(word[i - 1]), mine = Array.from(word[i]), after = Array.from(word[i + 1]);
      return mine.length === 2 && before[before.length - 1] === mine[0] && after[0] === mine[1];
    }
    [true, false].forEach(function (alternate) {
      words.forEach(function (word, w) {
        for (var i = 1; i + 1 < word.length && uses.size > api.maxParts; i++) {
          if (!kept[w][i] || !chained(word, i) || uses.get(partOf(word[i])) !== 1) continue;
          if (alternate && !(kept[w][i - 1] && kept[w][i + 1])) continue;
          kept[w][i] = false;
          uses.delete(partOf(word[i]));
        }
      });
    });
    return words.map(function (word, w) { return word.filter(function (_, i) { return kept[w][i]; }); });
  }

  /** All tokens required (AND), ranked by lunr.  Resolves to [[ref, score], …] best first. */
  function rank(words) {
    var tokens = [], groups = [];
    withinParts(words).forEach(function (word) {
      var group = [];
      word.forEach(function (t) {  // a token in two words counts once, in the first
        if (tokens.indexOf(t) < 0) { group.push(tokens.length); tokens.push(t); }
      });
      if (group.length) groups.push(group);
    });
    return Promise.all(tokens.map(function (t) { return part(partOf(t)); })).then(function (loaded) {
      var postings = tokens.map(function (token, i) { return termPostings(loaded[i], token); });
      if (!tokens.length || postings.indexOf(null) >= 0) return [];
      var documents = commonDocuments(postings);
      return documents.length ? lunrRanked(groups, postings, documents) : [];
    });
  }

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

  /** The hits newest first (by signing date; undated last, ties in lunr's order), when the
   * reader sorts by date: the dates load only then. */
  function sorted(ranked, sort) {
    if (sort !== "date") return Promise.resolve(ranked);
    return load("dates").then(function (text) {
      var day = decodeNumbers(text);
      return ranked.map(function (hit, i) { return [hit, i]; })
        .sort(function (a, b) { return day[b[0][0]] - day[a[0][0]] || a[1] - b[1]; })
        .map(function (pair) { return pair[0]; });
    });
  }

  /** [row, text] of a document: row = [title, number, organ, date, issue, url]. */
  function doc(ref) { return load("doc/" + ref); }

  function normal(s) { return (s || "").normalize("NFKC").replace(/[ \t\r\n\u3000]+/g, ""); }

  /** Whether a document's title, number or text holds every phrase (whitespace aside). */
  function holdsAll(loaded, phrases) {
    var text = normal(loaded[0][0] + loaded[0][1] + loaded[1]);
    return phrases.every(function (phrase) { return text.indexOf(normal(phrase)) >= 0; });
  }

  /** The hits a reader is shown, ``PAGE`` at a time, those holding the query's phrases
   * (its runs of three or more Han characters) first.  A hit holds every bigram of the
   * query, not necessarily its phrases (理工院 is also matched by 管理工作 … 工院).  Those
   * whose title holds the phrases are known from the index (titleHolders) and come first;
   * the others are checked against their texts in lunr's order as they are shown, up to
   * ``CHECKED`` texts a page — those whose title may hold them first: one without the
   * phrases goes after every hit not yet checked (it may hold them).  A query without
   * phrases is held by every hit.  Sorted by date, no hit goes ahead for its title (the
   * reader asked for the newest): holders go first among the hits checked. */
  var CHECKED = 3 * PAGE;
  function pager(hits, phrases, byDate) {
    var titled = phrases.length ? (byDate ? {documents: new Set(), exact: false} : titleHolders(phrases)) : null;
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
     * known at once, those each check finds as it ends, then the hits not checked and
     * those without the phrases.  Resolves when the page is complete. */
    function next(show) {
      var shown = 0;
      function emit(hits) {
        shown += hits.length;
        if (hits.length) show(hits);
      }
      function check(queue, budget) {  // resolves to the budget left
        if (shown >= PAGE || !queue.length || budget <= 0) return Promise.resolve(budget);
        var batch = queue.splice(0, Math.min(PAGE - shown, budget));
        return Promise.all(batch.map(holds)).then(function (found) {
          batch.forEach(function (hit, i) { (found[i] ? held : without).push(hit); });
          checked += batch.length;
          holding += found.filter(Boolean).length;
          emit(held.splice(0, PAGE - shown));
          return check(queue, budget - batch.length);
        });
      }
      emit(held.splice(0, PAGE));
      return check(maybe, CHECKED).then(function (left) { return check(unchecked, left); }).then(function () {
        var rest = [maybe, unchecked, without].reduce(function (page, queue) {
          return page.concat(queue.splice(0, PAGE - shown - page.length));
        }, []);
        emit(rest);
      });
    }
    /* Whether the query has phrases and no hit holds them, every hit checked. */
    function noneHold() { return phrases.length > 0 && !titledHeld && !holding && checked === toCheck; }
    return {next: next, noneHold: noneHold,
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
   * bears a number is in the index: its postings in the doc_number field. */
  function byNumber(ranked, words) {
    var numbers = numbersOf(words), field = received.meta.fields.indexOf("doc_number"), bearing = new Set();
    if (!numbers.length || numbers.length !== words.length) return {hits: ranked, mentions: []};
    numbers.forEach(function (number) {
      var postings = decoded.get(number);
      if (postings) postings[field].documents.forEach(function (document) { bearing.add(document); });
    });
    var own = ranked.filter(function (hit) { return bearing.has(hit[0]); });
    if (!own.length) return {hits: ranked, mentions: []};
    return {hits: own, mentions: ranked.filter(function (hit) { return !bearing.has(hit[0]); })};
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  /** The character pairs of words of Han characters (a hit that lacks such a word holds
   * each of its bigrams); other words as they are. */
  function pairsOf(words) {
    return [].concat.apply([], words.map(function (word) {
      var chars = Array.from(word);
      if (chars.length < 3 || !/^\p{Script=Han}+$/u.test(word)) return [word];
      return chars.slice(1).map(function (c, i) { return chars[i] + c; });
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

  /** A passage of the text holding as many of the query's words as one can, after the
   * title the body opens with (the result's heading shows it already) when the words
   * stand in the text too. */
  function snippet(body, words, title) {
    var plain = body.normalize("NFKC"), heading = normal(title);
    var from = heading && normal(plain.slice(0, title.length + 20)).indexOf(heading) === 0 ? title.length : 0;
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
    var start = found.length ? Math.max(0, at - 40) : at, piece = plain.slice(start, at + SPAN + 20).replace(/\s+/g, " ");
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
      var link = element("a", null, row[0]);
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
  function showMentions(mentions, query, words) {
    if (!mentions.length) return Promise.resolve();
    var section = document.getElementById("search-mentions"), list = document.getElementById("mention-results");
    document.getElementById("mentions-heading").textContent = "另有 " + mentions.length + " 件文件提及此文号" +
      (mentions.length > PAGE ? "（列出前 " + PAGE + " 件）" : "");
    return Promise.all(mentions.slice(0, PAGE).map(function (hit) { return renderItem(hit[0], query, words, "mention"); }))
      .then(function (items) {
        items.forEach(function (item) { list.appendChild(item); });
        section.hidden = false;
      });
  }

  /** When no document holds every word of the query, how many each word finds alone (the
   * filters kept), each linked to its own search: the reader sees which word to drop. */
  function showWordsAlone(state) {
    var words = GazetteTokenizer.splitQuery(state.query), list = document.getElementById("words-alone");
    if (words.length < 2) return Promise.resolve();
    return Promise.all(words.map(function (word) {
      return rank([word.tokens]).then(function (ranked) {
        return byNumber(filtered(ranked, state.filters), [word.tokens]).hits.length;
      });
    })).then(function (counts) {
      words.forEach(function (word, i) {
        var params = new URLSearchParams(location.search), item = element("li"), link = element("a", null, word.text);
        params.set("q", word.text);
        link.href = "?" + params.toString();
        item.appendChild(counts[i] ? link : element("span", null, word.text));  // a link only where it finds some
        item.appendChild(document.createTextNode("（" + counts[i] + " 件）"));
        list.appendChild(item);
      });
      document.getElementById("search-words").hidden = false;
    });
  }

  function readParams() {
    var params = new URLSearchParams(location.search), filters = {};
    received["facet-values"].names.forEach(function (name) { filters[name] = params.get(name) || ""; });
    return {query: params.get("q") || "", filters: filters, sort: params.get("sort") || ""};
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
    var sort = document.getElementById("sort");
    sort.value = state.sort === "date" ? "date" : "";
    sort.addEventListener("change", function () { sort.form.submit(); });
  }

  /** The hits on screen a page at a time, as the pager knows them (each group after the
   * one before); then the status and the documents that mention a number searched for. */
  function showResults(found, state, words, began) {
    var status = document.getElementById("search-status"), list = document.getElementById("search-results");
    var more = document.getElementById("search-more"), ranked = found.hits;
    var typed = state.query.normalize("NFKC").split(/[ \t\r\n\u3000]+/).filter(Boolean);
    var marks = typed.concat(numbersOf(words));  // what snippets mark: the words typed, numbers in their canonical form
    var phrases = GazetteTokenizer.queryPhrases(state.query), pages = pager(ranked, phrases, state.sort === "date");
    function showMore() {
      var appended = Promise.resolve();
      return pages.next(function (hits) {
        var items = Promise.all(hits.map(function (hit) { return renderItem(hit[0], state.query, marks, null, phrases); }));
        appended = appended.then(function () { return items; }).then(function (ready) {
          ready.forEach(function (item) { list.appendChild(item); });
          if (api.firstShownMs === undefined) api.firstShownMs = performance.now() - began;
        });
      }).then(function () {
        more.hidden = !pages.left();
        return appended;
      });
    }
    more.onclick = showMore;
    status.textContent = ranked.length ? "找到 " + ranked.length + " 件文件" :
      words.length ? "没有找到包含“" + state.query + "”的文件。" : "没有符合筛选条件的文件。";
    return showMore().then(function () {
      if (ranked.length && pages.noneHold()) {
        status.textContent = "没有文件包含完整的“" + state.query + "”；以下 " + ranked.length + " 件文件包含其中的全部字词。";
      }
      return ranked.length ? showMentions(found.mentions, state.query, marks) : showWordsAlone(state);
    });
  }

  /** Every document, as hits (for filters set without a query). */
  function everything() {
    var all = [];
    for (var d = 0; d < received.meta.documents; d++) all.push([d, 0]);
    return all;
  }

  /** Search for the query in the URL; filters set without a query list every document
   * they keep, newest first (the filters combine as the archive's listing pages cannot). */
  function start(dataBase) {
    base = dataBase;
    var state = readParams(), status = document.getElementById("search-status");
    var words = GazetteTokenizer.queryWords(state.query);
    var filtering = Object.keys(state.filters).some(function (name) { return state.filters[name]; });
    var browsing = !state.query.trim() && filtering;
    if (browsing) state.sort = "date";
    fillForm(state);
    if (!words.length && !browsing) {
      status.textContent = state.query.trim() ? "检索词中没有可检索的文字。" : "请输入检索词，或选择筛选条件浏览文件。";
      showCounts(facetCounts(everything(), state.filters, function (hits) { return hits; }));
      document.body.setAttribute("data-search-done", "1");
      return Promise.resolve();
    }
    status.textContent = "正在检索…";
    var began = performance.now();
    return (browsing ? Promise.resolve(everything()) : rank(words)).then(function (all) {
      return sorted(filtered(all, state.filters), state.sort)
        .then(function (ranked) { return showResults(byNumber(ranked, words), state, words, began); })
        .then(function () {  // the filters' counts after the results: the reader needs those first
          showCounts(facetCounts(all, state.filters, function (hits) { return byNumber(hits, words).hits; }));
          api.lastQueryMs = performance.now() - began;
          document.body.setAttribute("data-search-done", "1");
        });
    }).catch(function (error) {
      status.textContent = "检索出错：" + error.message;
      document.body.setAttribute("data-search-done", "error");
    });
  }

  var api = {receive: receive, start: start, rank: rank, titleHolders: titleHolders, load: load, lunrDocuments: 200,
             maxParts: 10};
  root.GazetteSearch = api;
})(this);
