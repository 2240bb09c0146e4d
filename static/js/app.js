// Resokit Web: the few behaviours htmx cannot express by itself. No user text is built here.
(function () {
  "use strict";

  // A <details> menu closes when focus or a click goes elsewhere, and on Escape.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      var summary = menu.querySelector("summary");
      if (summary) summary.focus();
    });
  });

  // hx-boost swaps only the <body>: carry the new page's language over to <html lang>, or
  // screen readers would read a page that switched to French with a Dutch voice.
  document.addEventListener("htmx:afterSwap", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var match = xhr && /<html[^>]*\slang="([a-zA-Z-]+)"/.exec(xhr.responseText || "");
    if (match && document.documentElement.lang !== match[1]) document.documentElement.lang = match[1];
  });

  // Select-all on focus for read-only copy fields (invitation links).
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("copy-field")) event.target.select();
  });
})();
