// Optional enhancements; the site reads fine without them.
(function () {
  // The contents list is collapsed (a phone sees the text first); open it where it is a sidebar.
  var toc = document.querySelector("details[data-toc]");
  if (toc && window.matchMedia && window.matchMedia("(min-width: 52.01rem)").matches) toc.open = true;

  // The section being read: the URL's hash, else the last section heading scrolled past.
  function currentSection() {
    if (window.location.hash) return window.location.hash;
    var found = "";
    var headings = document.querySelectorAll("main h2[id], main h3[id]");
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > 80) break;
      found = "#" + headings[i].id;
    }
    return found;
  }

  // The language switcher keeps the section you are reading (section ids are the same
  // in every language).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-hash]");
    var section = link && currentSection();
    if (section) link.href = link.href.split("#")[0] + section;
  });
})();
