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

  // After a change someone asked for (Edit, Save, Archive, a form sent back with its
  // messages), keyboard focus stays where the change happened: on the first field with a
  // message, else on the control that was used if the answer has it again (the same
  // Save button), else on the first field of a form that came in, else on the changed
  // part itself. A whole page sent back with messages (a boosted form) focuses the first
  // of them. Out-of-band copies that come along, and changes from colleagues (the event
  // stream), never move focus.
  var FIELDS = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
  var ERRORS = '[aria-invalid="true"], .has-error input, .has-error select, .has-error textarea';
  var used = null;
  document.addEventListener("htmx:beforeRequest", function () { used = document.activeElement; });

  // By id: the control itself, else the nearest thing around it that came back (a card).
  function cameBack(part, old) {
    for (var el = old; el && el !== document.body; el = el.parentElement) {
      var again = el.id && document.getElementById(el.id);
      if (again && again !== part && part.contains(again) && shown(again)) return again;
    }
    return null;
  }
  function sameControl(part, old) {
    if (!old || !old.tagName || old === document.body) return null;
    var back = cameBack(part, old);
    if (back) return back;
    // Without ids: the same kind of control, with the same name and text.
    var found = null;
    part.querySelectorAll(old.tagName).forEach(function (el) {
      if (!found && el.getAttribute("name") === old.getAttribute("name") && el.type === old.type &&
          el.textContent.trim() === old.textContent.trim() && shown(el)) found = el;
    });
    return found;
  }

  function shown(el) {
    // Inside a closed <details> an element still has boxes, but cannot take focus.
    return el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0;
  }
  function focusOn(el) {
    if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) el.setAttribute("tabindex", "-1");
    el.focus();
    return document.activeElement === el;
  }
  // Whatever had focus when a swap began (a colleague's change refreshing the list too):
  // when it comes back under the same id, focus stays on it.
  // Several parts can swap at once (the board and a count, both woken by one event): a
  // swap that begins after another one took focus away keeps the element that lost it.
  // The event stream's swaps send no beforeSwap, so what has focus is also followed as it
  // moves.
  var before = null;
  document.addEventListener("focusin", function (event) { before = event.target; });
  document.addEventListener("htmx:beforeSwap", function () {
    var active = document.activeElement;
    if (active && active !== document.body && document.body.contains(active)) before = active;
    else if (before && document.body.contains(before)) before = null;  // focus left it on purpose
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var d = event.detail, config = d && d.requestConfig;
    var active = document.activeElement;
    var lost = !active || active === document.body || !document.body.contains(active);
    var how = config && config.triggeringEvent && config.triggeringEvent.type;
    var own = (how === "click" || how === "submit") && !d.boosted &&
      (event.target === d.target || (d.target && d.target.id && event.target.id === d.target.id));
    // Our own change (Edit, Save) is placed below; the element that lost focus matters for
    // the other swaps: a colleague's refresh, the event our own change woke.
    if (!own && lost && before && before !== document.body && !document.body.contains(before)) {
      // The control itself, or the card around it when the control is now out of sight
      // (a colleague's refresh closed its "Move to…").
      var again = cameBack(document.body, before);
      if (again && focusOn(again)) {
        if (d) d.focusKept = true;
        return;
      }
    }
    if (!config || d.focusKept) return;
    var failed = d.xhr && d.xhr.status >= 400;
    if (d.boosted) {
      d.focusKept = true;
      var first = failed && document.body.querySelector(ERRORS);
      if (first) first.focus();
      return;
    }
    if (!own) return;  // a colleague's change, an out-of-band copy
    var part = event.target;
    if (!part || !part.querySelector || !document.body.contains(part)) return;
    // htmx itself puts focus back on a control with the same id; a message still wins.
    var message = failed && part.querySelector(ERRORS);
    if (!lost && !(message && part.contains(active))) return;
    d.focusKept = true;
    var place = message || part.querySelector(ERRORS) || sameControl(part, used);
    if (!place && (part.matches("form") || part.querySelector("form"))) place = part.querySelector(FIELDS);
    focusOn(place || part);
  });

  // Select-all on focus for read-only copy fields (invitation links).
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("copy-field")) event.target.select();
  });
})();
