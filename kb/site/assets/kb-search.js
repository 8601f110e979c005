/*
 * kb-search.js: the site's search box and results, offline and from file://.
 *
 * The search itself is kb-search-core.js (kb/search/js), the port of
 * `kb search`; this file loads the index's manifest and, for each query, the
 * shards it needs (script tags: works from file:// and from a server),
 * puts a search box in the header, answers ?q= on any page and renders the
 * results.  Text from the corpus is only ever put into the page as text
 * nodes, never as HTML.
 */
(function (root) {
  "use strict";

  var INDEX_SCRIPT = "assets/kb-search-index.js";
  var SEARCH_PAGE = "search.html";
  var LIVE_RESULTS = 8;
  var PAGE_RESULTS = 50;
  var FIRST_RESULTS = 10; // shown as soon as their texts arrive; the rest follow

  // --- Loading the index: the manifest, then the shards a query needs (script tags) ---

  function config() {
    var node = document.getElementById("__config");
    try {
      return node ? JSON.parse(node.textContent) : {};
    } catch (err) {
      return {};
    }
  }

  var base = ".";
  var loading = null;
  var waiting = {}; // "kind/number" → resolve, until its script calls kbSearchShard

  function addScript(src, onerror, onload) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      script.remove();
      if (onload) onload();
    };
    script.onerror = function () {
      script.remove();
      onerror();
    };
    document.head.appendChild(script);
  }

  // Every shard file is `kbSearchShard(kind, number, data);` (kb/search/browser.py).
  root.kbSearchShard = function (kind, number, data) {
    var key = kind + "/" + number;
    if (waiting[key]) waiting[key](data);
    delete waiting[key];
  };

  function fetchShard(folder) {
    return function (kind, number) {
      return new Promise(function (resolve, reject) {
        var key = kind + "/" + number;
        waiting[key] = resolve;
        addScript(base + "/assets/" + folder + "/" + key + ".js", function () {
          delete waiting[key];
          reject(new Error("无法加载搜索索引的一部分（" + key + "），请重新构建网站"));
        });
      });
    };
  }

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      function opened() {
        try {
          var index = root.KB_SEARCH_INDEX;
          var folder = index && index.shards ? index.shards.folder : "";
          resolve(root.kbSearchCore.open(index, fetchShard(folder)));
        } catch (err) {
          reject(err);
        }
      }
      if (root.KB_SEARCH_INDEX) {
        opened();
        return;
      }
      addScript(
        base + "/" + INDEX_SCRIPT,
        function () {
          reject(new Error("无法加载搜索索引"));
        },
        opened
      );
    });
    return loading;
  }

  // --- Rendering (text nodes only) ---

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function snippet(searcher, text, surfaces) {
    var node = el("p", "kb-snippet");
    root.kbSearchCore.snippetParts(text, surfaces, searcher.snippet).forEach(function (part) {
      if (!part[0]) return;
      node.appendChild(part[1] ? el("mark", "", part[0]) : document.createTextNode(part[0]));
    });
    return node;
  }

  var ROLE_NAMES = { lead: "牵头", partner: "配合" };

  function departmentsLine(departments) {
    if (!departments || !departments.length) return "责任单位：（未定）";
    return (
      "责任单位：" +
      departments
        .map(function (d) {
          return d[0] + "（" + (ROLE_NAMES[d[1]] || d[1]) + "）";
        })
        .join("、")
    );
  }

  var KIND_NAMES = { goal: "主要目标", measure: "策略措施" };
  var PLAN_NAMES = { W: "妇女发展规划", C: "儿童发展规划" };

  function resultList(searcher, results, limit) {
    var list = el("ol", "kb-results");
    results.slice(0, limit).forEach(function (r) {
      var li = el("li", "kb-result");
      var a = el("a", "kb-result-link");
      a.href = base + "/" + r.url;
      a.appendChild(el("span", "kb-result-id", r.id));
      a.appendChild(document.createTextNode(" " + r.label));
      li.appendChild(a);
      li.appendChild(el("div", "kb-result-where", r.where));
      li.appendChild(snippet(searcher, r.text, r.surfaces));
      li.appendChild(el("div", "kb-result-departments", departmentsLine(r.departments)));
      list.appendChild(li);
    });
    return list;
  }

  /** Nothing fits: say so, and offer the closest subjects as searches (as `kb search` does). */
  function nothingFits(container, searcher, query, filters) {
    var shown = query || "（按筛选条件列出）";
    container.appendChild(
      el("p", "kb-results-summary kb-nothing", "没有切合“" + shown + "”的条目。可以换个说法，或放宽筛选条件。")
    );
    var subjects = query ? searcher.suggest(query) : [];
    if (!subjects.length) return;
    var p = el("p", "kb-suggestions", "相近的主题：");
    subjects.forEach(function (subject, i) {
      if (i) p.appendChild(document.createTextNode("、"));
      var a = el("a", "kb-suggestion", subject);
      a.href = searchUrl(subject, filters);
      p.appendChild(a);
    });
    container.appendChild(p);
  }

  /** A department the query names: a link to that department's page. */
  function departmentLinks(container, searcher, query) {
    searcher.departmentsNamed(query).forEach(function (named) {
      if (!named[1]) return;
      var p = el("p", "kb-department-link", "查询中的单位：");
      var a = el("a", "", named[0] + " 负责的全部条目 →");
      a.href = base + "/" + named[1];
      p.appendChild(a);
      container.appendChild(p);
    });
  }

  /** The first results as soon as they are known, then the others up to `limit`. */
  function showResults(container, searcher, query, limit, filters, current) {
    var first = Math.min(limit, FIRST_RESULTS);
    return searcher.find(query, first, filters || null).then(function (found) {
      if (current && !current()) return null; // a newer query has been typed since
      container.textContent = "";
      if (query) departmentLinks(container, searcher, query);
      if (!found.total) {
        nothingFits(container, searcher, query, filters);
        return null;
      }
      var shown = query ? "“" + query + "”" : "按筛选条件";
      var summary = shown + "：找到 " + found.total + " 条" + (found.total > limit ? "，显示前 " + limit + " 条" : "");
      container.appendChild(el("p", "kb-results-summary", summary));
      var list = resultList(searcher, found.results, first);
      container.appendChild(list);
      var rest = found.all.slice(first, limit);
      if (!rest.length) return null;
      return searcher.describe(rest).then(function (more) {
        if (current && !current()) return;
        var items = resultList(searcher, more, more.length).childNodes;
        while (items.length) list.appendChild(items[0]);
      });
    });
  }

  // --- Filters: the CLI's --plan, --domain, --kind, --dept, --role, --has-target ---

  var FILTER_KEYS = ["plan", "domain", "kind", "dept", "role", "target"];

  function searchUrl(query, filters) {
    var url = base + "/" + SEARCH_PAGE + "?q=" + encodeURIComponent(query);
    FILTER_KEYS.forEach(function (key) {
      var value = filters && filters[key === "target" ? "hasTarget" : key];
      if (value) url += "&" + key + "=" + encodeURIComponent(value === true ? "1" : value);
    });
    return url;
  }

  function param(name) {
    var match = new RegExp("[?&]" + name + "=([^&#]*)").exec(root.location.search);
    if (!match) return "";
    try {
      return decodeURIComponent(match[1].replace(/\+/g, " ")).trim();
    } catch (err) {
      return "";
    }
  }

  function filtersFromUrl() {
    var filters = {};
    ["plan", "domain", "kind", "dept", "role"].forEach(function (key) {
      if (param(key)) filters[key] = param(key);
    });
    if (param("target")) filters.hasTarget = true;
    return filters;
  }

  function select(name, label, options, value) {
    var wrap = el("label", "kb-filter");
    wrap.appendChild(document.createTextNode(label));
    var node = el("select", "");
    node.name = name;
    options.forEach(function (option) {
      var o = el("option", "", option[1]);
      o.value = option[0];
      if (option[0] === (value || "")) o.selected = true;
      node.appendChild(o);
    });
    wrap.appendChild(node);
    return wrap;
  }

  /** The filter form of the search page, filled from the index (domains, departments). */
  function filterForm(searcher, query, filters) {
    var form = el("form", "kb-search-filters");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "筛选条件");
    form.action = base + "/" + SEARCH_PAGE;
    var q = el("input", "");
    q.type = "hidden";
    q.name = "q";
    q.value = query;
    form.appendChild(q);
    form.appendChild(select("plan", "规划", [["", "全部"], ["W", PLAN_NAMES.W], ["C", PLAN_NAMES.C]], filters.plan));
    var domains = [["", "全部"]];
    searcher.filters.domains.forEach(function (d) {
      domains.push([d[0], d[0] + " " + d[1]]);
    });
    form.appendChild(select("domain", "领域", domains, filters.domain));
    form.appendChild(select("kind", "类别", [["", "全部"], ["goal", KIND_NAMES.goal], ["measure", KIND_NAMES.measure]], filters.kind));
    var dept = el("label", "kb-filter");
    dept.appendChild(document.createTextNode("责任单位"));
    var input = el("input", "");
    input.name = "dept";
    input.value = filters.dept || "";
    input.placeholder = "如：妇联、卫健局";
    input.setAttribute("list", "kb-dept-names");
    var names = el("datalist", "");
    names.id = "kb-dept-names";
    searcher.filters.departments.forEach(function (name) {
      var o = el("option", "");
      o.value = name;
      names.appendChild(o);
    });
    dept.appendChild(input);
    dept.appendChild(names);
    form.appendChild(dept);
    form.appendChild(select("role", "职责", [["", "不限"], ["lead", "牵头"], ["partner", "配合"]], filters.role));
    var target = el("label", "kb-filter kb-filter-check");
    var box = el("input", "");
    box.type = "checkbox";
    box.name = "target";
    box.value = "1";
    box.checked = !!filters.hasTarget;
    target.appendChild(box);
    target.appendChild(document.createTextNode("只看有量化指标的"));
    form.appendChild(target);
    var button = el("button", "", "筛选");
    button.type = "submit";
    form.appendChild(button);
    return form;
  }

  // --- The header search box, and ?q= on any page ---

  function headerForm() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || document.querySelector(".kb-header-search")) return;
    var form = el("form", "kb-header-search");
    form.setAttribute("role", "search");
    form.action = base + "/" + SEARCH_PAGE;
    var input = el("input", "kb-header-input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "搜索条目";
    input.setAttribute("aria-label", "搜索条目");
    input.autocomplete = "off";
    var panel = el("div", "kb-live-results");
    panel.id = "kb-live-results";
    panel.hidden = true;
    panel.setAttribute("aria-live", "polite");
    input.setAttribute("aria-controls", panel.id);
    form.appendChild(input);
    form.appendChild(panel);
    inner.appendChild(form);
    var timer = null;
    input.addEventListener("focus", function () {
      load();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        if (!query) {
          panel.hidden = true;
          return;
        }
        var current = function () {
          return input.value.trim() === query;
        };
        load()
          .then(function (searcher) {
            return showResults(panel, searcher, query, LIVE_RESULTS, null, current);
          })
          .then(
            function () {
              if (!current()) return; // a newer query is on its way
              var more = el("a", "kb-live-more", "全部结果 →");
              more.href = searchUrl(query);
              panel.appendChild(more);
              panel.hidden = false;
            },
            function (err) {
              panel.textContent = err.message;
              panel.hidden = false;
            }
          );
      }, 120);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        panel.hidden = true;
        input.blur();
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) panel.hidden = true;
    });
  }

  function queryFromUrl() {
    return param("q");
  }

  function pageResults(query, filters) {
    var container = document.getElementById("kb-search-results");
    if (!container) {
      var article = document.querySelector(".md-content__inner");
      if (!article) return;
      var section = el("section", "kb-search-results kb-search-inline");
      section.setAttribute("aria-label", "搜索结果");
      section.appendChild(el("h2", "", "搜索结果"));
      container = el("div", "");
      container.id = "kb-search-results";
      container.setAttribute("aria-live", "polite");
      section.appendChild(container);
      article.insertBefore(section, article.firstChild);
    }
    document.querySelectorAll("input[name=q]").forEach(function (input) {
      input.value = query;
    });
    container.textContent = "正在搜索…";
    load()
      .then(function (searcher) {
        var page = document.getElementById("kb-search-results") === container;
        if (page && !document.querySelector(".kb-search-filters")) {
          container.parentNode.insertBefore(filterForm(searcher, query, filters), container);
        }
        return showResults(container, searcher, query, PAGE_RESULTS, filters);
      })
      .then(
        function () {
          document.documentElement.setAttribute("data-kb-search", "done");
        },
        function (err) {
          container.textContent = err.message;
        }
      );
  }

  root.kbSearch = { load: load };

  function start() {
    headerForm();
    var query = queryFromUrl();
    var filters = filtersFromUrl();
    if (query || Object.keys(filters).length) pageResults(query, filters);
    else if (document.getElementById("kb-search-results")) {
      load().then(function (searcher) {
        var container = document.getElementById("kb-search-results");
        container.parentNode.insertBefore(filterForm(searcher, "", {}), container);
      });
    }
  }

  base = (config().base || ".").replace(/\/$/, "");
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
