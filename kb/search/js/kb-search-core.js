/*
 * kb-search-core.js: the browser's port of `kb search` -- analysis, scoring, snippets.
 *
 * A port of kb/search (normalize, segment, analysis, query, snippet) and of
 * whoosh's BM25F, declared in kb/search/port.yaml.  It holds no table and no
 * constant of its own: the lexicon, stopwords, synonym classes, piece
 * patterns, weights, BM25 constants and snippet sizes all come from the
 * index that `kb build` writes (kb/search/browser.py), and an index of
 * another format is refused.  tests/test_search_port.py runs every stage
 * under node against fixtures written by the Python side.
 *
 * The index is sharded (kb/search/browser.py): a small manifest, and shards
 * of the lexicon, postings, character positions and result texts that a
 * query fetches as it needs them, through the `fetchShard(kind, number)`
 * function given to `open` (script tags in the page, files under node).
 */
(function (root) {
  "use strict";

  var FORMAT = "kb-search-index/4"; // kb/search/browser.py FORMAT
  // Set from the index by Analyzer (kb/normalize.py, kb/search/segment.py).
  var DASHES = "";
  var HAN_CHAR = null;
  var PIECE = null;
  var ENGLISH = null;
  var has = function (object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  };

  // --- Text analysis: a port of kb/search (normalize.py, segment.py, analysis.py) ---

  function normalizeChar(c) {
    if (DASHES.indexOf(c) >= 0) return "-";
    var folded = c.normalize("NFKC");
    if (Array.from(folded).length !== 1) return c;
    var lower = folded.toLowerCase();
    return Array.from(lower).length === 1 ? lower : folded;
  }

  /** One character for one: ASCII forms, lower case, "-" for every dash. */
  function normalize(text) {
    if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
    return Array.from(text).map(normalizeChar).join("");
  }

  /** Item IDs, numbers with their unit, and runs of Chinese and Latin letters. */
  function pieces(normalized) {
    var out = [];
    var match;
    PIECE.lastIndex = 0;
    while ((match = PIECE.exec(normalized)) !== null) {
      var kind = match[1] !== undefined ? "id" : match[2] !== undefined ? "number" : "run";
      out.push({ kind: kind, text: match[0], start: match.index });
    }
    return out;
  }

  function isHan(text) {
    return HAN_CHAR.test(text);
  }

  /** Chinese characters one by one; Latin letters stay together. */
  function chars(run) {
    var out = [];
    var latin = "";
    var list = Array.from(run);
    for (var i = 0; i < list.length; i++) {
      var c = list[i];
      if (c >= "a" && c <= "z") {
        latin += c;
        continue;
      }
      if (latin) {
        out.push(latin);
        latin = "";
      }
      out.push(c);
    }
    if (latin) out.push(latin);
    return out;
  }

  /** The Latin and the Chinese parts of a word that mixes them (analysis.py scripts). */
  function scripts(word) {
    var parts = [];
    var list = Array.from(word);
    for (var i = 0; i < list.length; i++) {
      var c = list[i];
      var latin = c >= "a" && c <= "z";
      var last = parts.length ? parts[parts.length - 1] : null;
      var lastChar = last === null ? "" : Array.from(last).pop();
      if (last !== null && (lastChar >= "a" && lastChar <= "z") === latin) parts[parts.length - 1] += c;
      else parts.push(c);
    }
    return parts.length > 1 ? parts : [];
  }

  /** jieba's dictionary algorithm (no HMM) over the lexicon that built the index. */
  function Lexicon(tables) {
    this.logp = {}; // log(freq) - log(total), computed in Python; filled from the shards
    this.unknown = tables.unknown;
    this.maxLen = tables.max_len; // the longest word of the whole lexicon
  }

  Lexicon.prototype.dag = function (sentence) {
    var n = sentence.length;
    var dag = [];
    for (var k = 0; k < n; k++) {
      var ends = [];
      for (var size = 1; size <= Math.min(this.maxLen, n - k); size++) {
        if (has(this.logp, sentence.slice(k, k + size))) ends.push(k + size - 1);
      }
      dag.push(ends.length ? ends : [k]);
    }
    return dag;
  };

  Lexicon.prototype.cut = function (sentence) {
    if (!sentence) return [];
    var dag = this.dag(sentence);
    var n = sentence.length;
    var route = new Array(n + 1);
    route[n] = [0, 0];
    for (var idx = n - 1; idx >= 0; idx--) {
      var best = null;
      for (var e = 0; e < dag[idx].length; e++) {
        var x = dag[idx][e];
        var word = sentence.slice(idx, x + 1);
        var score = (has(this.logp, word) ? this.logp[word] : this.unknown) + route[x + 1][0];
        if (best === null || score > best[0] || (score === best[0] && x > best[1])) best = [score, x];
      }
      route[idx] = best;
    }
    var words = [];
    var buf = "";
    var i = 0;
    while (i < n) {
      var y = route[i][1] + 1;
      var w = sentence.slice(i, y);
      if (w.length === 1 && ENGLISH.test(w)) buf += w;
      else {
        if (buf) {
          words.push(buf);
          buf = "";
        }
        words.push(w);
      }
      i = y;
    }
    if (buf) words.push(buf);
    return words;
  };

  /** The dictionary words of two or more characters inside a word (not itself). */
  Lexicon.prototype.subwords = function (word) {
    var found = [];
    var dag = this.dag(word);
    for (var k = 0; k < dag.length; k++) {
      for (var e = 0; e < dag[k].length; e++) {
        var part = word.slice(k, dag[k][e] + 1);
        if (part.length >= 2 && part !== word && has(this.logp, part)) found.push(part);
      }
    }
    return found;
  };

  function Analyzer(tables) {
    DASHES = tables.dashes;
    var pieces = tables.pieces;
    PIECE = new RegExp("(" + pieces.id + ")|(" + pieces.number + ")|(" + pieces.run + ")", "g");
    HAN_CHAR = new RegExp("[" + tables.han + "]");
    ENGLISH = new RegExp("^(?:" + tables.english + ")");
    this.lexicon = new Lexicon(tables);
    this.stopwords = {};
    for (var i = 0; i < tables.stopwords.length; i++) this.stopwords[tables.stopwords[i]] = true;
    this.classes = {};
    this.expansions = {};
    this.classMark = tables.class_mark;
    this.expansionWeight = tables.expansion_weight;
    this.partWeight = tables.part_weight;
    this.singleWeight = tables.single_weight;
    this.departmentTokens = {};
    for (var d = 0; d < tables.department_tokens.length; d++) this.departmentTokens[tables.department_tokens[d]] = true;
    this.senses = {};
    this.generic = {};
    this.maxQueryChars = tables.max_query_chars;
    this.maxQueryWords = tables.max_query_words;
    this.members = {};
  }

  /** Add a lexicon shard: words, classes (with their members), expansions, senses, generic words. */
  Analyzer.prototype.merge = function (shard) {
    var parts = [
      [shard.w, this.lexicon.logp],
      [shard.c, this.classes],
      [shard.e, this.expansions],
      [shard.m, this.members],
      [shard.s, this.senses],
      [shard.g, this.generic],
    ];
    for (var p = 0; p < parts.length; p++) {
      for (var key in parts[p][0]) if (has(parts[p][0], key)) parts[p][1][key] = parts[p][0][key];
    }
  };

  /** The terms of a text in order, function words dropped (Analyzer.tokens). */
  Analyzer.prototype.tokens = function (text) {
    var found = [];
    var list = pieces(normalize(text));
    for (var p = 0; p < list.length; p++) {
      if (list[p].kind !== "run") {
        found.push({ kind: list[p].kind, text: list[p].text });
        continue;
      }
      var words = this.lexicon.cut(list[p].text);
      for (var w = 0; w < words.length; w++) {
        if (!has(this.stopwords, words[w])) found.push({ kind: "word", text: words[w] });
      }
    }
    return found;
  };

  /** Single characters (numbers and Latin words whole): the "grams" field. */
  Analyzer.prototype.grams = function (text) {
    var found = [];
    var list = pieces(normalize(text));
    for (var p = 0; p < list.length; p++) {
      found = found.concat(list[p].kind === "run" ? chars(list[p].text) : [list[p].text]);
    }
    return found;
  };

  Analyzer.prototype.addForms = function (word, weight, forms, surfaces) {
    forms[word] = Math.max(has(forms, word) ? forms[word] : 0, weight);
    surfaces.push(word);
    if (has(this.classes, word)) {
      var head = this.classes[word];
      var token = this.classMark + head;
      forms[token] = Math.max(has(forms, token) ? forms[token] : 0, weight);
      surfaces.push.apply(surfaces, this.members[head] || []);
    }
  };

  Analyzer.prototype.queryWord = function (token, weight) {
    var forms = {};
    var surfaces = [];
    var literal = 1;
    if (token.means.length) {
      literal = 0; // a sense in context: the plan words only, not the word as typed
      for (var m = 0; m < token.means.length; m++) this.addForms(token.means[m], 1, forms, surfaces);
    } else {
      this.addForms(token.text, 1, forms, surfaces);
      var targets = has(this.expansions, token.text) ? this.expansions[token.text] : [];
      for (var e = 0; e < targets.length; e++) {
        this.addForms(targets[e], this.expansionWeight, forms, surfaces);
      }
      if (token.kind === "word" && Array.from(token.text).length === 1 && isHan(token.text)) {
        literal = forms[token.text] = this.singleWeight; // one character counts little as itself
      }
    }
    var unique = surfaces.filter(function (s, i) {
      return surfaces.indexOf(s) === i;
    });
    return {
      token: token,
      forms: forms,
      surfaces: unique,
      weight: weight,
      literal: literal,
      concept: token.concept,
      strong: this.isStrong(token),
    };
  };

  /** Whether a token names a subject: not one character, not a generic word (is_strong). */
  Analyzer.prototype.isStrong = function (token) {
    if (token.kind !== "word" || token.means.length) return true;
    if (Array.from(token.text).length === 1 && isHan(token.text)) return false;
    var known = has(this.lexicon.logp, token.text) || has(this.classes, token.text) || has(this.expansions, token.text);
    if (!known) return !isHan(token.text); // characters the segmenter could not make a word of
    if (has(this.generic, token.text)) return false;
    return !(has(this.classes, token.text) && has(this.generic, this.classes[token.text]));
  };

  /** The plan words a word means in the query (none: no sense fits); its context noted. */
  Analyzer.prototype.sense = function (word, query, absorbed) {
    var rules = has(this.senses, word) ? this.senses[word] : [];
    for (var r = 0; r < rules.length; r++) {
      var used = rules[r][0].filter(function (c) {
        return c !== word && query.indexOf(c) >= 0;
      });
      if (used.length) {
        used.forEach(function (c) {
          absorbed[c] = true;
        });
        return rules[r][1];
      }
    }
    return [];
  };

  /** A query's terms with their concepts; runs of single characters joined; senses (query_tokens). */
  Analyzer.prototype.queryTokens = function (text) {
    var norm = normalize(text);
    var absorbed = {};
    var found = [];
    var concept = 0;
    var list = pieces(norm);
    for (var p = 0; p < list.length; p++) {
      if (list[p].kind !== "run") {
        found.push({ kind: list[p].kind, text: list[p].text, concept: concept, means: [] });
        concept += 1;
        continue;
      }
      var words = this.lexicon.cut(list[p].text).concat([""]); // "" ends the last run
      var run = [];
      for (var w = 0; w < words.length; w++) {
        var word = words[w];
        var stop = has(this.stopwords, word);
        var means = this.sense(word, norm, absorbed);
        if (!means.length && Array.from(word).length === 1 && isHan(word) && !stop) {
          run.push(word);
          continue;
        }
        if (run.length > 1) found.push({ kind: "word", text: run.join(""), concept: concept, means: [] });
        for (var r = 0; r < run.length; r++) found.push({ kind: "word", text: run[r], concept: concept, means: [] });
        if (run.length) concept += 1;
        run = [];
        if (word && !stop) {
          found.push({ kind: "word", text: word, concept: concept, means: means });
          concept += 1;
        }
      }
    }
    return found.filter(function (t) {
      return t.means.length || !has(absorbed, t.text);
    });
  };

  /** Each distinct word of a query, then the words inside its long words (query_words). */
  Analyzer.prototype.queryWords = function (text) {
    var tokens = this.queryTokens(Array.from(text).slice(0, this.maxQueryChars).join(""));
    var whole = {};
    var t;
    for (t = 0; t < tokens.length; t++) whole[tokens[t].text] = true;
    var words = [];
    var seen = {};
    for (t = 0; t < tokens.length; t++) {
      var token = tokens[t];
      if (has(seen, token.text)) continue;
      seen[token.text] = true;
      words.push(this.queryWord(token, 1));
      if (token.kind === "word" && !token.means.length && Array.from(token.text).length >= 3) {
        var parts = isHan(token.text) ? this.lexicon.subwords(token.text) : [];
        parts = parts.concat(scripts(token.text));
        for (var p = 0; p < parts.length; p++) {
          var part = parts[p];
          if (has(whole, part) || has(seen, part) || has(this.stopwords, part)) continue;
          seen[part] = true;
          words.push(this.queryWord({ kind: "word", text: part, concept: token.concept, means: [] }, this.partWeight));
        }
      }
    }
    return words.slice(0, this.maxQueryWords);
  };

  // --- The sharded index (kb/search/browser.py) ---

  /** The shard of `key` among `count`: FNV-1a over code points (browser.py shard_of). */
  function shardOf(key, count) {
    var value = 0x811c9dc5;
    var points = Array.from(key);
    for (var i = 0; i < points.length; i++) {
      value = Math.imul(value ^ points[i].codePointAt(0), 0x01000193) >>> 0;
    }
    return value % count;
  }

  /** Numbers written by browser.py varints: five bits a digit, low first, high half = more. */
  function varints(text, digits) {
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = digits[text.charAt(i)];
      if (digit === undefined) throw new Error("bad posting digit: " + text.charAt(i));
      value += (digit & 31) * Math.pow(2, shift);
      if (digit >= 32) shift += 5;
      else {
        out.push(value);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }

  /** Shards fetched once each, through `fetchShard(kind, number)` → Promise of the data. */
  function Store(shards, fetchShard) {
    this.digits = {};
    for (var d = 0; d < shards.digits.length; d++) this.digits[shards.digits.charAt(d)] = d;
    this.counts = shards.counts;
    this.itemsPerShard = shards.items_per_shard;
    this.pairsPerShard = shards.pairs_per_shard;
    this.fetchShard = fetchShard;
    this.data = {};
    this.pending = {};
    this.fetched = []; // "kind/number" in the order asked for (for tests and measurements)
  }

  Store.prototype.load = function (kind, numbers) {
    var self = this;
    return Promise.all(
      numbers.map(function (n) {
        var key = kind + "/" + n;
        if (!has(self.pending, key)) {
          self.fetched.push(key);
          self.pending[key] = Promise.resolve(self.fetchShard(kind, n)).then(
            function (data) {
              self.data[key] = data;
              return data;
            },
            function (err) {
              delete self.pending[key]; // asked again next time (a server may be back)
              throw err;
            }
          );
        }
        return self.pending[key];
      })
    );
  };

  /** Load the shards of `keys` (hashed) of one kind; resolves to the newly loaded ones. */
  Store.prototype.loadKeys = function (kind, keys) {
    var count = this.counts[kind];
    var numbers = [];
    for (var k = 0; k < keys.length; k++) {
      var n = shardOf(keys[k], count);
      if (numbers.indexOf(n) < 0) numbers.push(n);
    }
    numbers.sort(function (a, b) {
      return a - b;
    });
    return this.load(kind, numbers);
  };

  Store.prototype.entry = function (kind, key) {
    var shard = this.data[kind + "/" + shardOf(key, this.counts[kind])];
    if (shard === undefined) throw new Error("shard not loaded: " + kind + " " + key);
    return has(shard, key) ? shard[key] : null;
  };

  // --- Scoring: whoosh's BM25F, DisjunctionMax per query word, sum over words ---

  function bm25(scoring, idf, tf, fl, avgfl) {
    var k1 = scoring.k1;
    var b = scoring.b;
    return idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * fl) / avgfl)));
  }

  function Searcher(index, fetchShard) {
    this.store = new Store(index.shards, fetchShard);
    this.fields = index.fields;
    this.ranking = index.ranking;
    this.filters = index.filters; // the filter form's choices: domains, department names
    this.analyzer = new Analyzer(index.analyzer);
    this.scoring = index.scoring;
    this.snippet = index.snippet;
    this.idWeight = index.scoring.id_weight;
    this.count = index.count;
    this.decoded = {};
  }

  /** Load the lexicon for every character of `text` (before analyzing it). */
  Searcher.prototype.loadLexicon = function (text) {
    var analyzer = this.analyzer;
    var seen = {};
    var keys = Array.from(normalize(text)).filter(function (c) {
      return has(seen, c) ? false : (seen[c] = true);
    });
    return this.store.loadKeys("l", keys).then(function (shards) {
      shards.forEach(function (shard) {
        analyzer.merge(shard);
      });
    });
  };

  /** The terms a query word is looked up as (its ID, or its forms). */
  function wordTerms(word) {
    return word.token.kind === "id" ? [word.token.text] : Object.keys(word.forms);
  }

  /**
   * The characters of a query word whose grams postings its clause reads: a single
   * character always, a longer Chinese word only when no form is a word of the
   * index (query.py _text_matches); null when none.
   */
  Searcher.prototype.gramsOf = function (word) {
    var token = word.token;
    if (token.kind !== "word" || !isHan(token.text)) return null;
    if (Array.from(token.text).length > 1 && this.matchesAsWord(word)) return null;
    return chars(token.text);
  };

  /**
   * Fetch all a query (with its `filters`) needs to be scored and ranked, in
   * steps, each only what the one before showed is needed: the lexicon of its
   * characters (and of the department filter's); the postings of its words'
   * forms (with the departments' strengths and pages) and of the filters; the
   * grams (and, for a phrase, positions) of the words matched as characters;
   * the pairs of the items found; the pairs of their partners.  Resolves to the
   * query's words.
   */
  Searcher.prototype.prepare = function (query, filters) {
    var self = this;
    var words = null;
    var dept = filters && filters.dept ? filters.dept : "";
    return this.loadLexicon(query + dept)
      .then(function () {
        words = self.analyzer.queryWords(query);
        var terms = [];
        words.concat(dept ? self.analyzer.queryWords(dept) : []).forEach(function (w) {
          terms = terms.concat(wordTerms(w));
        });
        self.facetKeys(filters).forEach(function (keys) {
          terms = terms.concat(keys);
        });
        return self.store.loadKeys("t", terms);
      })
      .then(function () {
        var grams = [];
        var phrases = [];
        words.forEach(function (w) {
          var found = self.gramsOf(w);
          if (!found) return;
          grams = grams.concat(found);
          if (found.length > 1) phrases = phrases.concat(found);
        });
        return Promise.all([self.store.loadKeys("t", grams), self.store.loadKeys("p", phrases)]);
      })
      .then(function () {
        // every item ranking may look at: those the words or the departments find
        var allowed = self.allowed(filters);
        var found = {};
        var topical = {};
        words.forEach(function (w) {
          var scores = self.clauseScores(w);
          for (var doc in scores) {
            if (allowed !== null && !has(allowed, doc)) continue;
            found[doc] = true;
            if (w.token.kind === "word") topical[doc] = true;
          }
        });
        self.namedDepartments(words).forEach(function (n) {
          var held = self.posting("s", n[0]) || [];
          for (var h = 0; h < held.length; h += 2) found[held[h]] = true;
        });
        return self.loadPairs(Object.keys(found)).then(function () {
          var partners = [];
          for (var doc in topical) partners = partners.concat(self.pairsOf(+doc));
          return self.loadPairs(partners);
        });
      })
      .then(function () {
        return words;
      });
  };

  /** Load the pairs shards of these items. */
  Searcher.prototype.loadPairs = function (docs) {
    var per = this.store.pairsPerShard;
    var numbers = {};
    docs.forEach(function (d) {
      numbers[Math.floor(+d / per)] = true;
    });
    return this.store.load(
      "r",
      Object.keys(numbers)
        .map(Number)
        .sort(function (a, b) {
          return a - b;
        })
    );
  };

  /** [item, frequency, field length, …] of a term in a field (or items alone), decoded. */
  Searcher.prototype.posting = function (fieldName, term) {
    var key = fieldName + " " + term;
    if (has(this.decoded, key)) return this.decoded[key];
    var entry = this.store.entry("t", term);
    var flat = entry && has(entry, fieldName) ? varints(entry[fieldName], this.store.digits) : null;
    if (flat) {
      var step = fieldName === "body" || fieldName === "grams" ? 3 : fieldName === "s" ? 2 : 1;
      for (var i = step; i < flat.length; i += step) flat[i] += flat[i - step];
    }
    return (this.decoded[key] = flat);
  };

  /** Document → BM25F score of one term in one field (unboosted). */
  Searcher.prototype.termScores = function (fieldName, term) {
    var field = this.fields[fieldName];
    var posting = this.posting(fieldName, term);
    var scores = {};
    if (!posting) return scores;
    var idf = Math.log(this.count / (posting.length / 3 + 1)) + 1;
    var avg = field.average || 1;
    for (var i = 0; i < posting.length; i += 3) {
      scores[posting[i]] = bm25(this.scoring, idf, posting[i + 1], posting[i + 2], avg);
    }
    return scores;
  };

  /** Whether any form of a word is a term of a word field. */
  Searcher.prototype.matchesAsWord = function (word) {
    for (var form in word.forms) {
      if (!has(word.forms, form)) continue;
      for (var name in this.fields) {
        if (has(this.fields, name) && name !== "grams" && this.posting(name, form)) return true;
      }
    }
    return false;
  };

  /** Item → positions of a gram, from the position shards. */
  Searcher.prototype.positions = function (gram) {
    var found = this.store.entry("p", gram);
    var flat = found ? varints(found, this.store.digits) : [];
    var out = {};
    var doc = 0;
    for (var i = 0; i < flat.length; ) {
      doc += flat[i];
      var n = flat[i + 1];
      var list = [];
      var pos = 0;
      for (var k = 0; k < n; k++) list.push((pos += flat[i + 2 + k]));
      out[doc] = list;
      i += 2 + n;
    }
    return out;
  };

  Searcher.prototype.phraseDocs = function (grams) {
    var places = grams.map(this.positions, this);
    var found = [];
    for (var doc in places[0]) {
      if (!has(places[0], doc)) continue;
      var starts = places[0][doc];
      for (var s = 0; s < starts.length; s++) {
        var j = 1;
        while (j < grams.length && has(places[j], doc) && places[j][doc].indexOf(starts[s] + j) >= 0) j++;
        if (j === grams.length) {
          found.push(+doc);
          break;
        }
      }
    }
    return found.sort(function (a, b) {
      return a - b;
    });
  };

  /** One query word: the best of its matches over forms and fields (query.py _clause). */
  Searcher.prototype.clauseScores = function (word) {
    var best = {};
    var any = false;
    function take(doc, value) {
      if (!has(best, doc) || value > best[doc]) best[doc] = value;
    }
    var token = word.token;
    if (token.kind === "id") {
      var holders = this.posting("id", token.text) || [];
      for (var d = 0; d < holders.length; d++) take(holders[d], this.idWeight);
      return best;
    }
    for (var form in word.forms) {
      if (!has(word.forms, form)) continue;
      for (var name in this.fields) {
        if (!has(this.fields, name) || name === "grams") continue;
        var scores = this.termScores(name, form);
        var boost = word.weight * word.forms[form] * this.fields[name].weight;
        for (var doc in scores) {
          any = true;
          take(+doc, scores[doc] * boost);
        }
      }
    }
    if (token.kind === "word" && isHan(token.text) && (!any || Array.from(token.text).length === 1)) {
      var grams = chars(token.text);
      var weight = word.weight * word.literal * this.fields.grams.weight;
      var docs = grams.length === 1 ? null : this.phraseDocs(grams);
      var parts = grams.map(function (g) {
        return this.termScores("grams", g);
      }, this);
      var candidates = docs || Object.keys(parts[0]).map(Number);
      for (var c = 0; c < candidates.length; c++) {
        var sum = 0;
        var ok = true;
        for (var p = 0; p < parts.length; p++) {
          if (!has(parts[p], candidates[c])) ok = false;
          else sum += parts[p][candidates[c]];
        }
        if (ok) take(candidates[c], sum * weight);
      }
    }
    return best;
  };

  /** [token, weight, concept] of each department the query names (ranking.py named_departments). */
  Searcher.prototype.namedDepartments = function (words) {
    var named = {};
    var order = [];
    words.forEach(function (word) {
      for (var form in word.forms) {
        if (!has(word.forms, form) || !has(this.analyzer.departmentTokens, form)) continue;
        var value = word.forms[form] * word.weight;
        if (has(named, form)) named[form][0] = Math.max(named[form][0], value);
        else {
          named[form] = [value, word.concept];
          order.push(form);
        }
      }
    }, this);
    return order.map(function (token) {
      return [token, named[token][0], named[token][1]];
    });
  };

  /** [item, score] of every item that fits, best first: a port of kb/search/ranking.py rank. */
  Searcher.prototype.rank = function (words, scores, named, allowed) {
    var self = this;
    var table = this.ranking;
    function ok(doc) {
      return allowed === null || has(allowed, doc);
    }
    var strong = {};
    var anyStrong = false;
    words.forEach(function (w) {
      if (w.strong) {
        strong[w.concept] = true;
        anyStrong = true;
      }
    });
    var base = {};
    var topical = {}; // base without exact lookups (IDs, numbers): what a partner can lend
    var concepts = {};
    function add(doc, concept) {
      (concepts[doc] = concepts[doc] || {})[concept] = true;
    }
    for (var i = 0; i < words.length; i++) {
      var byDoc = scores[i];
      for (var key in byDoc) {
        var doc = +key;
        if (!ok(doc)) continue;
        base[doc] = (has(base, doc) ? base[doc] : 0) + byDoc[key];
        if (words[i].token.kind === "word") topical[doc] = (has(topical, doc) ? topical[doc] : 0) + byDoc[key];
        concepts[doc] = concepts[doc] || {};
        if (byDoc[key] > 0 && (words[i].strong || !has(strong, words[i].concept))) add(doc, words[i].concept);
      }
    }
    var dept = {};
    named.forEach(function (n) {
      var held = self.posting("s", n[0]) || []; // [item, strength × scale, …]
      for (var h = 0; h < held.length; h += 2) {
        var d = held[h];
        if (!ok(d)) continue;
        dept[d] = (has(dept, d) ? dept[d] : 0) + n[1] * (held[h + 1] / table.strength_scale);
        add(d, n[2]);
      }
    });
    var candidates = {};
    var k;
    for (k in base) candidates[k] = true;
    for (k in dept) candidates[k] = true;
    for (k in topical) {
      self.pairsOf(+k).forEach(function (p) {
        if (ok(p)) candidates[p] = true;
      });
    }
    var ranked = [];
    Object.keys(candidates)
      .map(Number)
      .sort(function (a, b) {
        return a - b;
      })
      .forEach(function (doc) {
        var best = 0;
        var partner = -1;
        self.pairsOf(doc).forEach(function (p) {
          if (has(topical, p) && topical[p] > best) {
            best = topical[p];
            partner = p;
          }
        });
        var total = (has(base, doc) ? base[doc] : 0) + table.pair_weight * best + (has(dept, doc) ? dept[doc] : 0);
        var own = concepts[doc] || {};
        var covered = {};
        var c;
        var ownStrong = 0;
        for (c in own) {
          covered[c] = true;
          if (has(strong, c)) ownStrong += 1;
        }
        if (partner >= 0) for (c in concepts[partner] || {}) covered[c] = true;
        var count = 0;
        var coveredStrong = 0;
        for (c in covered) {
          count += 1;
          if (has(strong, c)) coveredStrong += 1;
        }
        if (total <= 0 || (anyStrong && !coveredStrong && count < table.floor_weak)) return;
        ranked.push([ownStrong, doc, total]);
      });
    ranked.sort(function (a, b) {
      return b[0] - a[0] || b[2] - a[2] || a[1] - b[1];
    });
    return ranked.map(function (r) {
      return [r[1], r[2]];
    });
  };

  /** The items passing the filters (the CLI's --plan, --domain, --kind, --dept, --role, --has-target). */
  Searcher.prototype.allowed = function (filters) {
    if (!filters) return null;
    var self = this;
    var tokens = null;
    if (filters.dept) {
      tokens = [];
      this.analyzer.queryWords(filters.dept).forEach(function (w) {
        if (w.weight === 1) tokens.push(Object.keys(w.forms));
      });
      if (!tokens.length) return {};
    }
    var domain = filters.domain ? filters.domain.toUpperCase() : "";
    var any = filters.plan || filters.domain || filters.kind || filters.dept || filters.role || filters.hasTarget;
    if (!any) return null;
    var allowed = null; // null: every item so far
    function keep(list) {
      var next = {};
      list.forEach(function (d) {
        if (allowed === null || has(allowed, d)) next[d] = true;
      });
      allowed = next;
    }
    this.facetKeys(filters).forEach(function (keys) {
      var list = [];
      keys.forEach(function (key) {
        list = list.concat(self.posting("f", key) || []);
      });
      keep(list);
    });
    if (tokens) {
      var fits = [];
      (filters.role ? [filters.role] : ["lead", "partner"]).forEach(function (role) {
        var inRole = null; // items holding, in this role, a form of every word of the name
        tokens.forEach(function (forms) {
          var holders = {};
          forms.forEach(function (form) {
            (self.posting("dept_" + role, form) || []).forEach(function (d) {
              if (inRole === null || has(inRole, d)) holders[d] = true;
            });
          });
          inRole = holders;
        });
        fits = fits.concat(Object.keys(inRole).map(Number));
      });
      keep(fits);
    }
    return allowed === null ? {} : allowed;
  };

  /** The filter postings' keys a filter reads, one list (any of them fits) per filter. */
  Searcher.prototype.facetKeys = function (filters) {
    var mark = this.ranking.facet;
    var keys = [];
    if (!filters) return keys;
    if (filters.plan) keys.push([mark + "plan:" + filters.plan]);
    if (filters.domain) keys.push([mark + "domain:" + filters.domain.toUpperCase(), mark + "domain_name:" + filters.domain]);
    if (filters.kind) keys.push([mark + "kind:" + filters.kind]);
    if (filters.hasTarget) keys.push([mark + "target"]);
    if (filters.role && !filters.dept) keys.push([mark + "role:" + filters.role]);
    return keys;
  };

  /** The items an item pairs with (goal <-> measures), from the pairs shards. */
  Searcher.prototype.pairsOf = function (doc) {
    var per = this.store.pairsPerShard;
    var n = Math.floor(doc / per);
    var key = "r " + n;
    if (!has(this.decoded, key)) {
      var shard = this.store.data["r/" + n];
      if (shard === undefined) throw new Error("shard not loaded: r " + doc);
      // per item: how many, then each partner's zigzag distance (browser_postings.pair_varints)
      var flat = varints(shard, this.store.digits);
      var lists = [];
      for (var i = 0, item = n * per; i < flat.length; item++) {
        var list = [];
        for (var k = 1; k <= flat[i]; k++) {
          var z = flat[i + k];
          list.push(item + (z % 2 ? -(z + 1) / 2 : z / 2));
        }
        lists.push(list);
        i += flat[i] + 1;
      }
      this.decoded[key] = lists;
    }
    return this.decoded[key][doc % per];
  };

  /**
   * Ranked results, best first; the same ranking as `kb search` (ranking.py).
   * Synchronous: the query's shards must be loaded (`prepare` with the same
   * filters).  Each result is {item, score, surfaces}; `describe` adds what it shows.
   */
  Searcher.prototype.search = function (query, filters) {
    var words = this.analyzer.queryWords(query);
    var allowed = this.allowed(filters);
    var surfaces = [];
    words.forEach(function (word) {
      word.surfaces.forEach(function (s) {
        if (Array.from(s).length > 1 || Array.from(word.token.text).length === 1) surfaces.push(s);
      });
    });
    function result(d, score) {
      return { item: d, score: score, surfaces: surfaces };
    }
    if (!words.length) {
      if (allowed === null) return [];
      return Object.keys(allowed)
        .map(Number)
        .sort(function (a, b) {
          return a - b;
        })
        .map(function (d) {
          return result(d, 0);
        });
    }
    var scores = words.map(function (w) {
      return this.clauseScores(w);
    }, this);
    var ranked = this.rank(words, scores, this.namedDepartments(words), allowed);
    return ranked.map(function (r) {
      return result(r[0], r[1]);
    });
  };

  /** Load the subjects `suggest` chooses from (`find` does when nothing fits). */
  Searcher.prototype.loadSubjects = function () {
    return this.store.load("s", [0]);
  };

  /** The subjects closest to a query nothing fits (ranking.py suggest); after loadSubjects. */
  Searcher.prototype.suggest = function (query) {
    var table = this.ranking;
    var subjects = this.store.data["s/0"];
    if (subjects === undefined) throw new Error("shard not loaded: s 0");
    var stop = this.analyzer.stopwords;
    var runs = pieces(normalize(query))
      .filter(function (p) {
        return p.kind === "run";
      })
      .map(function (p) {
        return Array.from(p.text);
      });
    var pairs = {};
    var chars = {};
    runs.forEach(function (run) {
      for (var i = 0; i < run.length; i++) {
        if (i + 1 < run.length && isHan(run[i] + run[i + 1])) pairs[run[i] + run[i + 1]] = true;
        if (isHan(run[i]) && !has(stop, run[i])) chars[run[i]] = true;
      }
    });
    var scored = [];
    subjects.forEach(function (subject, order) {
      var text = subject.join("|");
      var value = 0;
      for (var p in pairs) if (text.indexOf(p) >= 0) value += 2;
      for (var c in chars) if (text.indexOf(c) >= 0) value += 1;
      if (value >= table.suggest_min) scored.push([-value, order, subject[0]]);
    });
    scored.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    return scored.slice(0, table.suggestions).map(function (s) {
      return s[2];
    });
  };

  /** The departments a query names: [canonical name, page URL or ""]. */
  Searcher.prototype.departmentsNamed = function (query) {
    var store = this.store;
    var mark = this.analyzer.classMark;
    return this.namedDepartments(this.analyzer.queryWords(query)).map(function (n) {
      var entry = store.entry("t", n[0]);
      return [n[0].slice(mark.length), entry && has(entry, "u") ? entry.u : ""];
    });
  };

  /** Fetch what `results` show (ID, link, label, where, text, departments) and add it. */
  Searcher.prototype.describe = function (results) {
    var per = this.store.itemsPerShard;
    var numbers = [];
    results.forEach(function (r) {
      var n = Math.floor(r.item / per);
      if (numbers.indexOf(n) < 0) numbers.push(n);
    });
    var store = this.store;
    return store.load("i", numbers).then(function () {
      return results.map(function (r) {
        var row = store.data["i/" + Math.floor(r.item / per)][r.item % per];
        r.id = row[0];
        r.url = row[1];
        r.label = row[2];
        r.where = row[3];
        r.text = row[4];
        r.departments = row[5];
        return r;
      });
    });
  };

  /**
   * Everything for a query (and `filters`): {total, results: the first `limit`
   * described, all: every result (describe more of them as they are shown)}; when
   * nothing fits, the subjects `suggest` needs are loaded too.
   */
  Searcher.prototype.find = function (query, limit, filters) {
    var self = this;
    return this.prepare(query, filters).then(function () {
      var all = self.search(query, filters);
      var subjects = all.length || !query ? null : self.loadSubjects(); // for suggest
      return Promise.all([self.describe(all.slice(0, limit)), subjects]).then(function (done) {
        return { total: all.length, results: done[0], all: all };
      });
    });
  };

  /** Where the surfaces occur in a text, merged (snippet.py match_spans). */
  function matchSpans(text, words) {
    var norm = normalize(text);
    var spans = [];
    var seen = {};
    words.forEach(function (w) {
      var word = normalize(w);
      if (!word || seen[word]) return;
      seen[word] = true;
      var start = norm.indexOf(word);
      while (start !== -1) {
        spans.push([start, start + word.length]);
        start = norm.indexOf(word, start + 1);
      }
    });
    spans.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(s[1], last[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  function bestWindow(spans, length, width, lead) {
    var bestStart = 0;
    var bestCover = -1;
    spans.forEach(function (first) {
      var start = Math.max(0, Math.min(first[0] - lead, length - width));
      var end = start + width;
      var cover = 0;
      spans.forEach(function (s) {
        if (s[0] < end && s[1] > start) cover += Math.min(s[1], end) - Math.max(s[0], start);
      });
      if (cover > bestCover) {
        bestStart = start;
        bestCover = cover;
      }
    });
    return bestStart;
  }

  /** [text, marked] pieces of the snippet: `width` characters around the matches. */
  function snippetParts(text, words, tables) {
    var spans = matchSpans(text, words);
    var width = tables.width;
    var start = spans.length ? bestWindow(spans, text.length, width, tables.lead) : 0;
    var end = Math.min(text.length, start + width);
    var out = start > 0 ? [["…", false]] : [];
    var pos = start;
    spans.forEach(function (span) {
      if (span[1] <= start || span[0] >= end) return;
      var s = Math.max(span[0], start);
      var e = Math.min(span[1], end);
      out.push([text.slice(pos, s), false], [text.slice(s, e), true]);
      pos = e;
    });
    out.push([text.slice(pos, end), false]);
    if (end < text.length) out.push(["…", false]);
    return out;
  }

  /**
   * A searcher over the manifest `index`, fetching shards with `fetchShard(kind, number)`
   * (→ the shard's data, or a Promise of it); an error when the index is not of this
   * port's format.
   */
  function open(index, fetchShard) {
    if (!index || index.format !== FORMAT) {
      var found = index && index.format ? index.format : "未知";
      throw new Error("搜索索引的格式（" + found + "）与本页的检索程序（" + FORMAT + "）不一致，请重新构建网站");
    }
    return new Searcher(index, fetchShard);
  }

  root.kbSearchCore = {
    FORMAT: FORMAT,
    open: open,
    Analyzer: Analyzer,
    Searcher: Searcher,
    normalize: normalize,
    pieces: pieces,
    chars: chars,
    shardOf: shardOf,
    varints: varints,
    snippetParts: snippetParts,
  };
})(typeof window !== "undefined" ? window : globalThis);
