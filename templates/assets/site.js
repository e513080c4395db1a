// Optional enhancement: the language switcher keeps the section you are reading
// (the same section ids are used in every language). The site reads fine without it.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
