/* The search tokenizer: the same specification as plugins/search_index/tokenizer.py
 * (a test runs both over the same texts).  Works in a browser (window.GazetteTokenizer)
 * and in Node (module.exports).  Its patterns are the converter's own, written by each
 * build as patterns.js (plugins/search_index/patterns.py), loaded before this file. */
(function (root) {
  "use strict";
  var P = typeof module !== "undefined" && module.exports ? require("./patterns.js") : root.GazettePatterns;
  var HAN_CHAR = new RegExp("^[" + P.HAN + "]$", "u"), HAN_RUN = new RegExp("^[" + P.HAN + "]+$", "u");
  var TOKEN_RUN = new RegExp(P.TOKEN_RUN, "gu");
  var SPACE_BETWEEN_HAN = new RegExp(P.SPACE_BETWEEN_HAN, "gu");
  var WHITESPACE = new RegExp(P.WHITESPACE, "u");
  // Document numbers: organ prefix, year in any bracket, serial; orders: …令第N号.
  var DOC_NUMBER = new RegExp(P.DOC_NUMBER, "gu");
  var ORDER_NUMBER = new RegExp(P.ORDER_NUMBER, "gu");
  // A query word that is a number printed without brackets (盘政办发2024年1号), as a reader
  // may type it; in a text such a run is read as words.
  var BARE_NUMBER = new RegExp("^(?:" + P.BARE_NUMBER + ")$", "u");
  var LEADING_WORDS = new RegExp(P.LEADING_WORDS, "u");

  /** A number's organ prefix without the words a sentence puts before it (根据, 按照 …). */
  function organ(prefix) {
    return prefix.replace(LEADING_WORDS, "") || prefix;
  }

  function asciiLower(word) {
    return word.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); });
  }

  function numberMatches(text) {
    var found = [], match, prefix, serial;
    DOC_NUMBER.lastIndex = 0;
    while ((match = DOC_NUMBER.exec(text)) !== null) {
      prefix = organ(match[1]);
      if (match.index > 0 && /[0-9]/.test(text.charAt(match.index - 1)) && "年月日号".indexOf(prefix.charAt(0)) >= 0) {
        prefix = prefix.slice(1);
      }
      serial = String(parseInt(match[3], 10));
      found.push({start: match.index, end: match.index + match[0].length, token: prefix + "〔" + match[2] + "〕" + serial + "号"});
    }
    ORDER_NUMBER.lastIndex = 0;
    while ((match = ORDER_NUMBER.exec(text)) !== null) {
      prefix = organ(match[1]);
      if (match.index > 0 && /[0-9]/.test(text.charAt(match.index - 1)) && "年月日号".indexOf(prefix.charAt(0)) >= 0) {
        prefix = prefix.slice(1);
      }
      found.push({start: match.index, end: match.index + match[0].length, token: prefix + "第" + String(parseInt(match[2], 10)) + "号"});
    }
    found.sort(function (a, b) { return a.start - b.start; });
    return found;
  }

  function runTokens(run, indexSide) {
    var chars = Array.from(run), pairs = [], i;
    if (!HAN_CHAR.test(chars[0])) return [asciiLower(run)];
    for (i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    if (indexSide) return pairs.concat(chars);
    return pairs.length ? pairs : chars;
  }

  function runs(text, indexSide) {
    var found = [], match;
    TOKEN_RUN.lastIndex = 0;
    while ((match = TOKEN_RUN.exec(text)) !== null) found = found.concat(runTokens(match[0], indexSide));
    return found;
  }

  /** Tokens of a text, as the index holds them. */
  function tokens(text) {
    text = (text || "").normalize("NFKC").replace(SPACE_BETWEEN_HAN, "");
    return numberMatches(text).map(function (m) { return m.token; }).concat(runs(text, true));
  }

  /** The canonical number a query word is when it is a number without brackets, or null. */
  function bareNumber(word) {
    var match = BARE_NUMBER.exec(word);
    if (!match) return null;
    return organ(match[1]) + "〔" + match[2] + "〕" + String(parseInt(match[3], 10)) + "号";
  }

  /** A query's document numbers, and the query with a space in place of each. */
  function numbersApart(query) {
    query = (query || "").normalize("NFKC");
    var numbers = numberMatches(query), i;
    for (i = numbers.length - 1; i >= 0; i--) {
      query = query.slice(0, numbers[i].start) + " " + query.slice(numbers[i].end);
    }
    return {numbers: numbers, rest: query};
  }

  /** A query split at spaces into words, each as typed (a document number in its canonical
   * form, one token, unless ``asText``: then its characters' tokens as for any text) with
   * its tokens: [{text, tokens}, …]. */
  function splitQuery(query, asText) {
    var parts = asText ? {numbers: [], rest: (query || "").normalize("NFKC")} : numbersApart(query);
    var words = parts.numbers.map(function (m) { return {text: m.token, tokens: [m.token]}; });
    parts.rest.split(WHITESPACE).forEach(function (word) {
      var bare = asText ? null : bareNumber(word), wordTokens = bare ? [bare] : runs(word, false);
      if (wordTokens.length) words.push({text: bare || word, tokens: wordTokens});
    });
    return words;
  }

  /** A query split at spaces into words, each word a list of tokens. */
  function queryWords(query, asText) {
    return splitQuery(query, asText).map(function (word) { return word.tokens; });
  }

  /** The query's phrases: each word (between spaces; document numbers apart) that says
   * more than one token: three or more Han characters, or runs joined by punctuation or
   * of two scripts (经市政府同意，现印发给你们, 5G产业), without the punctuation at its ends.
   * Folded (NFKC): ， is ,. */
  function queryPhrases(query) {
    var phrases = [];
    numbersApart(query).rest.split(WHITESPACE).forEach(function (word) {
      if (bareNumber(word)) return;
      var found = word.match(TOKEN_RUN) || [], chars = Array.from(found[0] || ""), last = found[found.length - 1];
      if (found.length > 1 || (chars.length >= 3 && HAN_CHAR.test(chars[0]))) {
        phrases.push(word.slice(word.indexOf(found[0]), word.lastIndexOf(last) + last.length));
      }
    });
    return phrases;
  }

  /** Whether a phrase is one run of Han characters (the index knows where its bigrams
   * stand in titles). */
  function isHanRun(phrase) {
    return HAN_RUN.test(phrase);
  }

  /** The text folded as the index folds it (NFKC), ``plain``, and ``printed(start, end)``:
   * the text as printed where ``plain.slice(start, end)`` comes from.  A passage found in
   * the folded text is shown as printed (，and （ stay full-width: a snippet, the marks on
   * a document page).  Most texts fold to as many code units (，→ ,): one to one. */
  function folded(text) {
    var plain = text.normalize("NFKC"), origin = [], at = 0;
    if (plain.length === text.length) {
      return {plain: plain, printed: function (start, end) { return text.slice(start, end); }};
    }
    plain = "";
    for (var char of text) {  // code points: … folds to ..., ㎡ to m2
      var fold = char.normalize("NFKC");
      for (var k = 0; k < fold.length; k++) origin.push(at);
      plain += fold;
      at += char.length;
    }
    origin.push(text.length);
    return {plain: plain, printed: function (start, end) { return text.slice(origin[start], origin[end]); }};
  }

  /** FNV-1a (32 bit) of a string's UTF-8 bytes: which index part holds a term. */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), hash = 0x811c9dc5, i;
    for (i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function partitionOf(term, count) {
    return fnv1a(term) % count;
  }

  var api = {tokens: tokens, queryWords: queryWords, splitQuery: splitQuery, queryPhrases: queryPhrases,
             isHanRun: isHanRun, folded: folded, partitionOf: partitionOf};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.GazetteTokenizer = api;
})(this);
