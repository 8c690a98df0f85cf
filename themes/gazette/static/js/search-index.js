/* Search, part 1 of 3: the term-partitioned lunr index in the browser (see
 * plugins/search_index): its data files, their decoding, and lunr's ranking over the
 * whole archive's statistics.  Data arrives as .js files that call
 * GazetteSearch.receive(name, data): no fetch/XHR, no modules, no workers, so the same
 * code runs on file:// and over http.  search-results.js and search.js build on it. */
(function (root) {
  "use strict";
  var received = {}, waiting = {};

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
      script.src = api.base + name + ".js";
      script.onerror = function () { reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  /** Let go of a data file's content (a text checked and not shown: a phrase query may
   * check thousands); ``load`` loads it again when asked. */
  function forget(name) {
    delete received[name];
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

  /** A term's postings as the last query decoded them (null when the archive lacks it). */
  function postingsOf(term) { return decoded.get(term) || null; }

  var api = {receive: receive, load: load, forget: forget, data: received, base: "search/", decodeNumbers: decodeNumbers,
             postingsOf: postingsOf, rank: rank, titleHolders: titleHolders, lunrDocuments: 200, maxParts: 10};
  root.GazetteSearch = api;
})(this);
