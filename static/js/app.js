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

  // A boosted link or form inside a part that has its own hx-target (a list row, the
  // filter form) still goes to another page: the whole page replaces the body, as it
  // would without JavaScript, instead of landing inside that part.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var d = event.detail;
    if (d.boosted && d.target !== document.body) {
      d.target = document.body;
      d.swapOverride = "innerHTML";
    }
  });

  // After an in-place change someone asked for (Edit, Save, Archive, a form sent back
  // with its messages), keyboard focus stays where the change happened: on the first
  // field with a message, else on the first field of a form that came in, else on the
  // changed part itself. Changes from colleagues (the event stream) never move focus.
  var FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
  document.addEventListener("htmx:afterSettle", function (event) {
    var d = event.detail, config = d && d.requestConfig;
    if (!config || d.boosted || d.focusKept) return;
    var how = config.triggeringEvent && config.triggeringEvent.type;
    if (how !== "click" && how !== "submit") return;
    var active = document.activeElement;
    if (active && active !== document.body && document.body.contains(active)) return;
    var part = event.target;
    if (!part || !part.querySelector || !document.body.contains(part)) return;
    d.focusKept = true;
    var place = part.querySelector('[aria-invalid="true"], .has-error input, .has-error select, .has-error textarea');
    if (!place && part.querySelector("form")) place = part.querySelector(FIELDS);
    if (!place && part.matches("form")) place = part.querySelector(FIELDS);
    if (!place) {
      place = part;
      if (!part.hasAttribute("tabindex")) part.setAttribute("tabindex", "-1");
    }
    place.focus({ preventScroll: false });
  });

  // Select-all on focus for read-only copy fields (invitation links).
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("copy-field")) event.target.select();
  });
})();
