// The search page (templates/pages/search.njk): Pagefind's index of every public agenda and paper, searched
// in the browser with no server. Progressive: until the index has loaded — without JavaScript, or opened
// from disk, where browsers refuse to load it — the page offers the list of meetings instead.
//
// Accessible by construction: a native form (labelled box, two labelled selects, a button), results as
// a list of headed links, and the count announced in a polite live region, once per finished search.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var fallback = document.getElementById("search-fallback");
  var input = document.getElementById("search-query");
  var committee = document.getElementById("search-committee");
  var year = document.getElementById("search-year");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX_RESULTS = 20;
  var pagefind = null;
  var latest = 0;
  var timer = 0;

  // Pagefind's excerpts mark matches with <mark>; everything else in them is text. Parse them inertly
  // and rebuild only text and <mark>, so no markup from an index can reach the page.
  function excerptNodes(excerpt) {
    var doc = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html");
    var nodes = [];
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function resultItem(result) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    heading.appendChild(link);
    var facts = document.createElement("p");
    facts.className = "search-result-meta";
    facts.textContent = [result.meta.type, result.meta.committee, result.meta.meeting].filter(Boolean).join(" · ");
    var excerpt = document.createElement("p");
    excerpt.className = "search-result-excerpt";
    excerptNodes(result.excerpt || "").forEach(function (node) { excerpt.appendChild(node); });
    item.append(heading, facts, excerpt);
    return item;
  }

  function describe(count, shown, query) {
    var scope = [committee.value, year.value].filter(Boolean).join(", ");
    var words = (count === 0 ? "No results" : count === 1 ? "1 result" : count + " results") + " for \u201c" + query + "\u201d" + (scope ? " in " + scope : "");
    return shown < count ? words + ": the first " + shown + " are shown" : words;
  }

  // The query in the address, so a search can be linked to, bookmarked and returned to with Back.
  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (committee.value) params.set("committee", committee.value);
    if (year.value) params.set("year", year.value);
    var search = params.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  function run() {
    var query = input.value.trim();
    var filters = {};
    if (committee.value) filters.committee = committee.value;
    if (year.value) filters.year = year.value;
    var id = ++latest;
    remember(query);
    if (!query) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = "";
      return Promise.resolve();
    }
    return pagefind.search(query, { filters: filters }).then(function (search) {
      if (id !== latest) return null; // a newer search has started
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); })).then(function (results) {
        if (id !== latest) return;
        list.replaceChildren.apply(list, results.map(resultItem));
        list.hidden = results.length === 0;
        status.textContent = describe(search.results.length, results.length, query);
      });
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  }

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) select.value = value;
  }

  var root = new URL(form.getAttribute("data-root"), location.href);
  // The index comes in bundles, one a shard of meetings: the first is loaded, the others merged into it,
  // so one search covers them all (Pagefind's mergeIndex). The build lists them; nothing is guessed here.
  var bundles = form.getAttribute("data-bundles").split(" ").map(function (bundle) { return new URL(bundle, location.href).href; });
  // Result addresses relative to wherever the site is served from, not only the top of a domain.
  var settings = { baseUrl: root.pathname, excerptLength: 24 };
  import(bundles[0] + "pagefind.js")
    .then(function (module) {
      pagefind = module;
      return Promise.resolve(pagefind.options(settings)).then(function () { return pagefind.init(); });
    })
    .then(function () {
      return Promise.all(bundles.slice(1).map(function (bundle) { return pagefind.mergeIndex(bundle, settings); }));
    })
    .then(function () {
      form.hidden = false;
      fallback.hidden = true;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        run();
      });
      input.addEventListener("input", later);
      committee.addEventListener("change", run);
      year.addEventListener("change", run);
      var params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      choose(committee, params.get("committee") || "");
      choose(year, params.get("year") || "");
      form.setAttribute("data-ready", "");
      if (input.value) run();
    })
    .catch(function () {
      // Opened from disk, or the index is missing: keep offering the list of meetings.
      fallback.hidden = false;
      form.hidden = true;
    });
})();
