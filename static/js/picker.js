// A small map beside a form's coordinate fields (templates/_macros/maps.html:
// point_picker): a click or tap places the point, the marker can be dragged, and on the
// focused map the arrow keys place and move it (Shift: bigger steps), + and - zoom. The
// fields stay the truth: the map writes them and follows what is typed in them. A form
// beside the buurtkaart's big map picks there instead (map.js) and keeps this map hidden.
// The address search's candidates (a server round trip without JavaScript) fill the
// fields here at once. Every sentence comes translated from data-* attributes.
(function () {
  "use strict";

  var pickers = [];
  var STEP = 8, BIG_STEP = 48; // pixels per arrow key press
  var KEYS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

  function data(el, name) { return el.getAttribute("data-" + name) || ""; }

  function pointOf(picker) {
    var lat = parseFloat(picker.lat.value.replace(",", ".")), lon = parseFloat(picker.lon.value.replace(",", "."));
    if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    return L.latLng(lat, lon);
  }

  function say(picker, text) { picker.status.textContent = text; }

  function sayPoint(picker, latlng) {
    say(picker, data(picker.box, "msg-set").replace("{lat}", latlng.lat.toFixed(5)).replace("{lon}", latlng.lng.toFixed(5)));
  }

  // The marker where the fields say, or none when they hold no point.
  function sync(picker) {
    var point = pointOf(picker);
    if (!point) {
      if (picker.marker) { picker.map.removeLayer(picker.marker); picker.marker = null; }
    } else if (picker.marker) {
      picker.marker.setLatLng(point);
    } else {
      picker.marker = L.marker(point, { draggable: true, keyboard: false, autoPan: true,
        icon: L.divIcon({ className: "pick-marker", iconSize: [26, 26], iconAnchor: [13, 26], html: "" }) });
      picker.marker.on("dragend", function () { write(picker, picker.marker.getLatLng()); });
      picker.marker.addTo(picker.map);
    }
    if (picker.clear) picker.clear.hidden = !point;
  }

  function write(picker, latlng) {
    latlng = latlng.wrap();
    picker.lat.value = latlng.lat.toFixed(6);
    picker.lon.value = latlng.lng.toFixed(6);
    // map.js (a form beside the big map) and anything else listening see the change.
    picker.lat.dispatchEvent(new Event("input", { bubbles: true }));
    sync(picker);
    sayPoint(picker, latlng);
  }

  function onKey(picker, event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var map = picker.map, move = KEYS[event.key];
    if (move) {
      event.preventDefault();
      var here = pointOf(picker);
      if (!here) { write(picker, map.getCenter()); return; } // the first press places it in the middle
      var step = event.shiftKey ? BIG_STEP : STEP;
      var target = map.containerPointToLatLng(map.latLngToContainerPoint(here).add([move[0] * step, move[1] * step]));
      write(picker, target);
      if (!map.getBounds().pad(-0.1).contains(target)) map.panTo(target, { animate: false });
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      map.zoomIn();
    } else if (event.key === "-" || event.key === "_") {
      event.preventDefault();
      map.zoomOut();
    } else if (event.key === "Enter" || event.key === " ") {
      // Enter places the point in the middle of the map (once): not a form submit.
      event.preventDefault();
      if (!pointOf(picker)) write(picker, map.getCenter());
    }
  }

  function setup(box) {
    if (box.__picker && document.contains(box.__picker.el)) return;
    var form = box.closest("form");
    if (form && form.hasAttribute("data-pick-point") && document.querySelector("[data-map]")) return;
    var lat = document.getElementById(data(box, "lat-input")), lon = document.getElementById(data(box, "lon-input"));
    var el = box.querySelector("[data-picker-map]");
    if (!lat || !lon || !el) return;
    while (el.firstChild) el.removeChild(el.firstChild); // a snapshot from the history cache
    box.hidden = false;
    var map = L.map(el, { center: [parseFloat(data(box, "lat")), parseFloat(data(box, "lon"))],
      zoom: parseInt(data(box, "zoom"), 10) || 15, zoomControl: false, keyboard: false, scrollWheelZoom: false });
    el.setAttribute("tabindex", "0"); // Leaflet's own keyboard handling (it pans) is replaced by ours
    L.control.zoom({ zoomInTitle: data(box, "zoom-in") || "+", zoomOutTitle: data(box, "zoom-out") || "-" }).addTo(map);
    L.tileLayer(data(box, "tile-url"), { attribution: data(box, "tile-attribution"), maxZoom: 19 }).addTo(map);
    var picker = { box: box, el: el, map: map, lat: lat, lon: lon, marker: null,
      status: box.querySelector("[data-picker-status]"), clear: box.querySelector("[data-picker-clear]") };
    box.__picker = picker;
    pickers.push(picker);
    sync(picker);
    var point = pointOf(picker);
    if (point) map.setView(point, Math.max(map.getZoom(), 16), { animate: false });
    map.on("click", function (event) { write(picker, event.latlng); });
    el.addEventListener("keydown", function (event) { if (event.target === el) onKey(picker, event); });
    [lat, lon].forEach(function (input) {
      input.addEventListener("input", function () { sync(picker); });
      input.addEventListener("change", function () {
        var p = pointOf(picker);
        if (p) map.panTo(p);
      });
    });
    if (picker.clear) picker.clear.addEventListener("click", function () {
      lat.value = "";
      lon.value = "";
      lat.dispatchEvent(new Event("input", { bubbles: true }));
      sync(picker);
      say(picker, data(box, "msg-cleared"));
      el.focus();
    });
  }

  function pickerFor(form) {
    for (var i = 0; i < pickers.length; i++) if (pickers[i].box.closest("form") === form) return pickers[i];
    return null;
  }

  // An address search's candidate: with JavaScript it fills the fields here, no request.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-geocoder-point]");
    if (!button) return;
    var form = button.closest("form");
    var box = form && form.querySelector("[data-picker]");
    var lat = box && document.getElementById(data(box, "lat-input")), lon = box && document.getElementById(data(box, "lon-input"));
    if (!lat || !lon) return;
    event.preventDefault();
    var parts = data(button, "geocoder-point").split(",");
    lat.value = parts[0];
    lon.value = parts[1];
    lat.dispatchEvent(new Event("input", { bubbles: true }));
    var picker = pickerFor(form);
    if (picker) {
      sync(picker);
      var point = pointOf(picker);
      picker.map.setView(point, Math.max(picker.map.getZoom(), 17), { animate: false });
      sayPoint(picker, point);
    }
    button.closest("ul").querySelectorAll("[aria-current]").forEach(function (b) { b.removeAttribute("aria-current"); });
    button.setAttribute("aria-current", "true");
  });

  // Enter in the search box searches (without JavaScript it saves, as Enter does in a form).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches || !event.target.matches("[data-geocoder-query]")) return;
    var find = event.target.closest("[data-geocoder]").querySelector("[data-geocoder-find]");
    if (!find) return;
    event.preventDefault();
    find.click(); // a click, not requestSubmit: htmx sends the button it saw clicked
  });

  function init(root) {
    if (!window.L || !root.querySelectorAll) return;
    var boxes = Array.prototype.slice.call(root.querySelectorAll("[data-picker]"));
    if (root.matches && root.matches("[data-picker]")) boxes.push(root);
    boxes.forEach(setup);
    // Just came back from a search: say what was found, where the reader is.
    var message = root.querySelector("[data-geocoder-results] [data-geocoder-message], [data-geocoder] .error");
    if (message && root !== document.body) {
      var target = message.closest("[data-geocoder-results]") ? message : message.closest(".field").querySelector("input");
      if (target) target.focus();
    }
  }

  function cleanUp() {
    pickers = pickers.filter(function (picker) {
      if (document.contains(picker.el)) return true;
      try { picker.map.remove(); } catch (e) { /* already gone */ }
      return false;
    });
  }

  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  document.addEventListener("htmx:afterSettle", cleanUp);

  // htmx's snapshot for back/forward: Leaflet's markup (inline styles the CSP refuses on
  // restore) stays out of it; a restored page builds its small maps afresh.
  document.addEventListener("htmx:historyItemCreated", function (event) {
    var item = event.detail && event.detail.item;
    if (!item || typeof item.content !== "string") return;
    pickers.forEach(function (picker) {
      var content = item.content;
      var open = content.indexOf('<div id="' + picker.el.id + '"');
      var close = open < 0 ? -1 : content.indexOf(">", open) + 1;
      var end = close <= 0 ? -1 : content.indexOf("<span data-map-end", close);
      if (end < 0) return;
      var tag = content.slice(open, close).replace(/ style="[^"]*"/, "");
      item.content = content.slice(0, open) + tag + "</div>" + content.slice(end);
    });
  });
  ["htmx:historyCacheHit", "htmx:historyCacheMissLoad"].forEach(function (name) {
    document.addEventListener(name, function () {
      pickers.forEach(function (picker) {
        picker.el.removeAttribute("id");
        try { picker.map.remove(); } catch (e) { /* already gone */ }
      });
      pickers = [];
    });
  });
  document.addEventListener("htmx:historyRestore", function () { init(document.body); });
})();
