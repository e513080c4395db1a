// The search page (/<lang>/search/): Pagefind's JS API with the theme's own markup.
// Pagefind picks the index of the page's <html lang>, so a Japanese page searches the
// Japanese pages. Without JavaScript (or without an index) the page keeps its note that
// points to the comments and references lists.
(function () {
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var form = root.querySelector("[data-search-form]");
  var input = root.querySelector("#search-query");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var note = root.querySelector("[data-search-nojs]");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var params = new URLSearchParams(window.location.search);
  var pagefind = null;
  var latest = 0;

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span.innerHTML;
  }

  function element(tag, className, html) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (html != null) node.innerHTML = html;
    return node;
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    return filters;
  }

  function remember() {
    var next = new URLSearchParams();
    if (input.value.trim()) next.set("q", input.value.trim());
    selects.forEach(function (select) { if (select.value) next.set(select.name, select.value); });
    var query = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  // A comment is indexed as a page of its own whose meta `url` is its place on its issue's
  // page; a page's sections are its sub-results, each linking to the section's anchor.
  function renderResult(data) {
    var item = element("li", "search-result");
    var url = (data.meta && data.meta.url) || data.url;
    if (data.meta && data.meta.kind) item.appendChild(element("p", "search-kind", text(data.meta.kind)));
    var heading = element("h2", "search-title");
    var link = element("a", null, text((data.meta && data.meta.title) || url));
    link.href = url;
    heading.appendChild(link);
    item.appendChild(heading);
    var subs = (data.meta && data.meta.url) ? [] : (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; }).slice(0, 3);
    if (subs.length === 0) {
      item.appendChild(element("p", "search-excerpt", data.excerpt));
      return item;
    }
    var sublist = element("ul", "search-subresults");
    subs.forEach(function (sub) {
      var entry = element("li");
      // A heading's text ends with its "#" anchor link.
      var subLink = element("a", null, text(String(sub.title || "").replace(/\s*#$/, "")));
      subLink.href = sub.url;
      entry.appendChild(subLink);
      entry.appendChild(element("p", "search-excerpt", sub.excerpt));
      sublist.appendChild(entry);
    });
    item.appendChild(sublist);
    return item;
  }

  function search() {
    var query = input.value.trim();
    var filters = chosenFilters();
    remember();
    var mine = ++latest;
    if (!query && Object.keys(filters).length === 0) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    status.textContent = root.getAttribute("data-searching-label");
    pagefind.search(query || null, { filters: filters }).then(function (found) {
      if (mine !== latest || !found) return null;
      return Promise.all(found.results.slice(0, 30).map(function (result) { return result.data(); })).then(function (pages) {
        if (mine !== latest) return;
        list.innerHTML = "";
        pages.forEach(function (data) { list.appendChild(renderResult(data)); });
        status.textContent = found.results.length === 0
          ? root.getAttribute("data-none-label")
          : root.getAttribute("data-results-label").replace("{n}", String(found.results.length));
      });
    });
  }

  function fillFilters(available) {
    selects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-filter")] || {}).sort(function (a, b) {
        return a.localeCompare(b, document.documentElement.lang, { numeric: true });
      });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      select.value = params.get(select.name) || "";
      // A filter with nothing to choose from is left out.
      select.parentNode.hidden = values.length === 0;
    });
  }

  import(root.getAttribute("data-bundle") + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.options({ baseUrl: root.getAttribute("data-base") }).then(function () { return pagefind.filters(); });
  }).then(function (available) {
    fillFilters(available || {});
    note.hidden = true;
    form.hidden = false;
    input.value = params.get("q") || "";
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    selects.forEach(function (select) { select.addEventListener("change", search); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });
    search();
    if (!input.value) input.focus();
  }).catch(function () {
    // No index (the site was built without Pagefind): say so, keep the links.
    note.firstChild.textContent = root.getAttribute("data-unavailable") + " ";
  });
})();
