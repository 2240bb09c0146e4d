// Live pages: catching up after a reconnect, inserting items colleagues created, and
// saying "I stopped editing" when an edit form goes away. Everything else is htmx.
(function () {
  "use strict";

  // 0. Listening to event names from scripts. The SSE extension only subscribes to the
  //    names some element asks for (hx-trigger="sse:<name>"); scripts subscribe here:
  //    ResokitLive.on("treasure", fn) → fn(messageEvent) for every such event, on the
  //    page's stream now and on every stream opened later (reconnects, boosted pages).
  var handlers = {};
  var sources = [];

  function attach(source, name) {
    source.resokitNames = source.resokitNames || {};
    if (source.resokitNames[name]) return;
    source.resokitNames[name] = true;
    source.addEventListener(name, function (message) {
      (handlers[name] || []).forEach(function (fn) { fn(message); });
    });
  }

  function on(name, fn) {
    if (!handlers[name]) handlers[name] = [];
    if (handlers[name].indexOf(fn) < 0) handlers[name].push(fn);
    sources = sources.filter(function (s) { return s.readyState !== 2; });
    sources.forEach(function (source) { attach(source, name); });
  }
  window.ResokitLive = { on: on };

  // 1. Catching up after a reconnect. The browser's own reconnect (the server ends each
  //    stream after a while, or the network blips) sends Last-Event-ID, and the server
  //    replays what was missed, or sends "resync" when it cannot. A stream the SSE
  //    extension had to open anew (after an error) knows nothing: the page resyncs.
  //    Either way every live part refreshes itself (hx-trigger="... live:resync from:body").
  var lastSource = new WeakMap();
  document.addEventListener("htmx:sseOpen", function (event) {
    var element = event.detail && event.detail.elt;
    var stream = event.detail && event.detail.source;
    if (stream) {
      if (sources.indexOf(stream) < 0) sources.push(stream);
      Object.keys(handlers).forEach(function (name) { attach(stream, name); });
    }
    if (!element) return;
    if (lastSource.has(element) && lastSource.get(element) !== stream) {
      htmx.trigger(document.body, "live:resync");
    }
    lastSource.set(element, stream);
  });
  on("resync", function () { htmx.trigger(document.body, "live:resync"); });

  // 2. "<type>-new" events: lists marked data-live-new="<type>" fetch the new item's row,
  //    rendered by the server for this viewer, unless it is already on the page.
  function newItem(message) {
    var kind = message.type.slice(0, -4);
    var data;
    try { data = JSON.parse(message.data); } catch (e) { return; }
    if (!data || typeof data.id !== "number") return;
    document.querySelectorAll('[data-live-new="' + kind + '"]').forEach(function (list) {
      if (document.getElementById(kind + "-" + data.id)) return;
      var url = list.getAttribute("data-live-new-url").replace("999999999", String(data.id));
      htmx.ajax("GET", url, { source: list, target: list, swap: "beforeend", headers: { "HX-Target": kind + "-" + data.id } });
    });
  }
  function listenForNewItems() {
    document.querySelectorAll("[data-live-new]").forEach(function (list) {
      on(list.getAttribute("data-live-new") + "-new", newItem);
    });
  }
  document.addEventListener("htmx:load", listenForNewItems);
  // The event can beat the saving page's own answer (which adds the row itself), or the
  // other way round: whichever comes second is not swapped in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var d = event.detail, target = d.target;
    if (!target || !target.hasAttribute || !target.hasAttribute("data-live-new")) return;
    var id = d.requestConfig && d.requestConfig.headers && d.requestConfig.headers["HX-Target"];
    if (id && id !== target.id && document.getElementById(id)) d.shouldSwap = false;
  });
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var d = event.detail, target = d.target;
    if (!target || !target.hasAttribute || !target.hasAttribute("data-live-new") || !d.fragment) return;
    var first = d.fragment.firstElementChild;
    if (first && first.id && document.getElementById(first.id)) d.shouldSwap = false;
  });
  document.addEventListener("htmx:load", function (event) {
    var el = event.detail.elt;
    var list = el.parentElement;
    if (!el.id || !list || !list.hasAttribute("data-live-new")) return;
    if (document.querySelectorAll("#" + CSS.escape(el.id)).length > 1) el.remove();
  });

  // 3. An edit form leaving the page ends its "editing" presence at once: swapped away
  //    by htmx, or the tab closed or navigated away (pagehide). A crash simply lets it
  //    run out on the server.
  function leave(el) {
    var token = document.querySelector("input[name=csrf_token]");
    var url = el.getAttribute("hx-post");
    if (!token || !url) return;
    var body = new FormData();
    body.append("csrf_token", token.value);
    body.append("page", el.getAttribute("data-presence-page"));
    body.append("item", el.getAttribute("data-presence-item"));
    body.append("state", "left");
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) return;
    fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true });
  }
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    var el = event.detail && event.detail.elt;
    if (el && el.getAttribute && el.hasAttribute("data-presence-item")) leave(el);
  });
  window.addEventListener("pagehide", function () {
    document.querySelectorAll("[data-presence-item]").forEach(leave);
  });

  // 4. Rows that come inside the stream (sse-swap, rendered once for every reader): their
  //    forms carry an empty csrf_token, filled in here from this page's own token. A row
  //    with a request of its own in flight (Edit was just clicked) lets that request win.
  function pageToken() {
    var page = document.getElementById("page");
    try { return JSON.parse(page.getAttribute("hx-headers"))["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  document.addEventListener("htmx:load", function (event) {
    var el = event.detail.elt;
    if (!el.querySelectorAll) return;
    var empty = el.querySelectorAll('input[name="csrf_token"][value=""]');
    if (!empty.length) return;
    var token = pageToken();
    empty.forEach(function (input) { input.value = token; input.setAttribute("value", token); });
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute && target.hasAttribute("sse-swap")) target.setAttribute("data-busy", "");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (target && target.removeAttribute) target.removeAttribute("data-busy");
  });
  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    var el = event.detail.elt;
    if (!el) return;
    if (el.hasAttribute("data-busy")) { event.preventDefault(); return; }
    // A row that must stay where it is (data-push-keep="relation": its group): when the
    // pushed row has left that place, or the list, the row asks for itself instead, and
    // the answer moves it and updates what depends on it (the group counts).
    var keep = el.getAttribute("data-push-keep");
    if (!keep) return;
    var found = new RegExp("data-" + keep + '="([^"]*)"').exec(event.detail.data || "");
    if (!found || found[1] !== el.getAttribute("data-" + keep)) {
      event.preventDefault();
      htmx.trigger(el, "live:refresh");
    }
  });

  // 5. A live part that refreshes itself (hx-get onto itself, outerHTML, on sse: events)
  //    can be replaced while its request is in flight: by that request's own answer, or
  //    by another answer's out-of-band copy. htmx then forgets what happened meanwhile:
  //    a change announced during the request is dropped with the old element, and an
  //    answer for an element that is gone is not swapped. Either way the new element
  //    asks once more, so the page ends on the latest state.
  function refreshesItself(el) {
    if (!el || !el.id || !el.getAttribute || !el.getAttribute("hx-get")) return false;
    var target = el.getAttribute("hx-target");
    var swap = el.getAttribute("hx-swap") || "";
    return (!target || target === "this") && swap.indexOf("outerHTML") === 0 &&
      (el.getAttribute("hx-trigger") || "").indexOf("sse:") >= 0;
  }
  var askAgain = {};
  document.addEventListener("htmx:trigger", function (event) {
    var el = event.target;
    var data = el && el["htmx-internal-data"];
    if (data && data.xhr && refreshesItself(el)) askAgain[el.id] = true;
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var el = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (el) el.liveSwapped = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var el = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!el || !el.id) return;
    if (document.body.contains(el)) { delete askAgain[el.id]; return; }  // htmx's own queue runs
    var missed = askAgain[el.id] || (!el.liveSwapped && event.detail.successful);
    delete askAgain[el.id];
    var fresh = document.getElementById(el.id);
    if (!missed || !refreshesItself(el) || !refreshesItself(fresh)) return;
    htmx.ajax("GET", fresh.getAttribute("hx-get"), { source: fresh, target: fresh, swap: fresh.getAttribute("hx-swap") });
  });

  // 6. Back to a tab whose timers the browser slowed down: say "still editing" at once.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") htmx.trigger(document.body, "live:beat");
  });
})();
