// In-page checks of the page check (run by pagecheck.py in Chromium after load).
// Returns {overflow, duplicateIds, untaggedJapanese}: the page's own findings, which
// neither the Nu checker nor axe-core reports.
return (function () {
  var japanese = /[\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;
  var root = document.documentElement;
  var overflow = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0) - window.innerWidth;

  var seen = {}, duplicateIds = [];
  document.querySelectorAll("[id]").forEach(function (el) {
    if (seen[el.id] === 1) duplicateIds.push(el.id);
    seen[el.id] = (seen[el.id] || 0) + 1;
  });

  // Japanese script whose nearest language is not Japanese (WCAG 3.1.2, language of parts).
  function langOf(el) {
    var tagged = el && el.closest("[lang]");
    return tagged ? tagged.getAttribute("lang").toLowerCase() : "";
  }
  var untagged = [];
  if (japanese.test(document.title) && !langOf(root).startsWith("ja")) untagged.push("<title> " + document.title.slice(0, 60));
  var walker = document.createTreeWalker(document.body || root, NodeFilter.SHOW_TEXT);
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    var parent = node.parentElement;
    if (!parent || parent.closest("script, style, template")) continue;
    var text = node.nodeValue;
    if (!japanese.test(text) || langOf(parent).startsWith("ja")) continue;
    var path = [];
    for (var el = parent; el && el !== document.body && path.length < 4; el = el.parentElement) {
      path.unshift(el.tagName.toLowerCase() + (el.id ? "#" + el.id : el.classList.length ? "." + el.classList[0] : ""));
    }
    untagged.push(path.join(">") + " " + JSON.stringify(text.trim().slice(0, 40)));
  }
  return { overflow: overflow, duplicateIds: duplicateIds, untaggedJapanese: untagged };
})();
