// The buurtkaart's map: markers from the same filtered query as the list, both ways
// between marker and row, picking a point for a form, and live updates of one marker.
// Every label comes from the server (data attributes, GeoJSON properties) and is set as
// text, never as HTML. Without JavaScript (or Leaflet) the list alone does the job.
(function () {
  "use strict";

  var current = null; // {el, map, layer, markers: {id: marker}, query, pick}

  function data(el, name) { return el.getAttribute("data-" + name) || ""; }

  function json(el, name) {
    try { return JSON.parse(data(el, name) || "{}"); } catch (e) { return {}; }
  }

  function resultsQuery() {
    var results = document.getElementById("treasure-results");
    return results ? data(results, "filter-query") : "";
  }

  function geojsonUrl(query, id) {
    var params = new URLSearchParams(query);
    if (id) params.set("id", String(id));
    var qs = params.toString();
    return data(current.el, "geojson-url") + (qs ? "?" + qs : "");
  }

  // ---- Markers -----------------------------------------------------------------------

  function markerIcon(kind, selected) {
    return L.divIcon({
      className: "treasure-marker kind-" + kind + (selected ? " is-selected" : ""),
      iconSize: [22, 22], iconAnchor: [11, 22], popupAnchor: [0, -20], html: ""
    });
  }

  function clusterIcon(cluster) {
    var count = document.createElement("span");
    count.textContent = String(cluster.getChildCount());
    return L.divIcon({ className: "treasure-cluster", html: count, iconSize: [36, 36] });
  }

  function popupContent(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = data(current.el, "treasure-url").replace("999999999", String(props.id));
    link.textContent = props.name;
    var kind = document.createElement("div");
    kind.className = "muted small";
    kind.textContent = current.kinds[props.kind] || props.kind;
    box.appendChild(link);
    box.appendChild(kind);
    return box;
  }

  function label(marker, props) {
    // Markers are added in chunks: the reader may have left the page (and its map) already.
    if (!current) return;
    var el = marker.getElement && marker.getElement();
    if (el) el.setAttribute("aria-label", props.name + " (" + (current.kinds[props.kind] || props.kind) + ")");
  }

  function addFeature(feature) {
    var props = feature.properties || {};
    var id = props.id;
    removeMarker(id);
    if (!feature.geometry || feature.geometry.type !== "Point") return;
    var c = feature.geometry.coordinates; // [lon, lat]
    var marker = L.marker([c[1], c[0]], { icon: markerIcon(props.kind, String(current.selected) === String(id)), title: props.name, keyboard: true });
    marker.props = props;
    marker.bindPopup(popupContent(props));
    marker.on("click", function () { selectRow(id); });
    marker.on("keypress", function (event) { // Leaflet turns Enter on a marker into keypress, not click
      if (event.originalEvent && event.originalEvent.key === "Enter") selectRow(id);
    });
    marker.on("add", function () { label(marker, props); });
    current.markers[id] = marker;
    current.layer.addLayer(marker);
  }

  function removeMarker(id) {
    var marker = current.markers[id];
    if (marker) {
      current.layer.removeLayer(marker);
      delete current.markers[id];
    }
  }

  function loadAll() {
    var state = current, query = resultsQuery();
    state.query = query;
    fetchJSON(geojsonUrl(query)).then(function (collection) {
      if (current !== state || state.query !== query) return; // a newer load is on its way
      state.layer.clearLayers();
      state.markers = {};
      (collection.features || []).forEach(addFeature);
      if (!state.fitted && Object.keys(state.markers).length > 1 && state.layer.getBounds) {
        state.fitted = true; // once: later filter changes keep the reader's view
        state.map.fitBounds(state.layer.getBounds(), { padding: [24, 24], maxZoom: 17, animate: false });
      }
    });
  }

  function refreshOne(id) {
    var state = current;
    fetchJSON(geojsonUrl(state.query, id)).then(function (collection) {
      if (current !== state) return;
      var features = collection.features || [];
      if (features.length) features.forEach(addFeature); else removeMarker(id);
    });
  }

  // The map data is kept by the browser and revalidated on every load ("no-cache": it asks
  // with If-None-Match and gets 304, no body, while nothing changed on the map).
  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-cache", headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .catch(function () { return { features: [] }; });
  }

  // ---- Marker <-> row --------------------------------------------------------------

  function highlightMarker(id) {
    [current.selected, id].forEach(function (key, i) {
      var marker = current.markers[key];
      if (!marker) return;
      marker.setIcon(markerIcon(marker.props.kind, i === 1));
      label(marker, marker.props);
    });
    current.selected = id;
  }

  function selectRow(id) {
    highlightMarker(id);
    document.querySelectorAll(".treasure.is-selected").forEach(function (row) { row.classList.remove("is-selected"); });
    var row = document.getElementById("treasure-" + id);
    if (!row) return;
    row.classList.add("is-selected");
    row.scrollIntoView({ block: "nearest", behavior: "smooth" });
    var link = row.querySelector(".treasure-name a");
    if (link) link.focus({ preventScroll: true });
  }

  function showOnMap(id, row) {
    var marker = current.markers[id];
    highlightMarker(id);
    if (window.matchMedia("(max-width: 60rem)").matches) current.el.scrollIntoView({ block: "start" });
    var open = function () {
      marker.openPopup();
      var el = marker.getElement();
      if (el) el.focus();
    };
    if (marker && current.layer.zoomToShowLayer) {
      current.layer.zoomToShowLayer(marker, open);
    } else if (marker) {
      current.map.setView(marker.getLatLng(), Math.max(current.map.getZoom(), 17));
      open();
    } else if (row && row.hasAttribute("data-lat")) {
      current.map.setView([parseFloat(data(row, "lat")), parseFloat(data(row, "lon"))], 18);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-locate]");
    if (!button || !current) return;
    showOnMap(data(button, "locate"), button.closest(".treasure"));
  });

  // ---- Picking a point for a form ----------------------------------------------------

  function pickForm() {
    var form = current && current.pick.form;
    return form && document.contains(form) && form.offsetParent !== null ? form : null;
  }

  function setPickForm(form) {
    if (!current) return;
    current.pick.form = form;
    syncPickMarker();
  }

  function coordInputs(form) {
    return { lat: form.querySelector("input[name=lat]"), lon: form.querySelector("input[name=lon]") };
  }

  function syncPickMarker() {
    var form = pickForm(), pick = current.pick;
    var inputs = form && coordInputs(form);
    current.el.classList.toggle("is-picking", !!form);
    var lat = inputs && parseFloat(inputs.lat.value), lon = inputs && parseFloat(inputs.lon.value);
    if (!form || isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      if (pick.marker) { current.map.removeLayer(pick.marker); pick.marker = null; }
      return;
    }
    if (!pick.marker) {
      pick.marker = L.marker([lat, lon], { draggable: true, keyboard: false,
        icon: L.divIcon({ className: "pick-marker", iconSize: [26, 26], iconAnchor: [13, 26], html: "" }) });
      pick.marker.on("dragend", function () { writePoint(pick.marker.getLatLng()); });
      pick.marker.addTo(current.map);
    } else {
      pick.marker.setLatLng([lat, lon]);
    }
  }

  function writePoint(latlng) {
    var form = pickForm();
    if (!form) return;
    var inputs = coordInputs(form);
    inputs.lat.value = latlng.lat.toFixed(6);
    inputs.lon.value = latlng.lng.toFixed(6);
    syncPickMarker();
  }

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form[data-pick-point]");
    if (form && current) setPickForm(form);
  });
  document.addEventListener("input", function (event) {
    if (current && event.target.closest && event.target.closest("form[data-pick-point]") === pickForm()) syncPickMarker();
  });
  document.addEventListener("toggle", function (event) {
    // Closing the add panel ends picking for its form.
    if (current && event.target.classList && event.target.classList.contains("add-panel")) {
      var form = event.target.querySelector("form[data-pick-point]");
      setPickForm(event.target.open ? form : null);
    }
  }, true);

  // ---- Observations (observations area): a layer of their own, off by default ------
  // The legend's checkbox [data-observation-layer] turns it on; its data-url is the
  // organisation's observations.geojson. Markers are plain, labelled with their kind and
  // date, and link to the observation. A colleague's new observation appears live.

  function observationToggle() { return document.querySelector("[data-observation-layer]"); }

  function observationMarker(feature) {
    var p = feature.properties || {}, c = feature.geometry.coordinates;
    var name = (p.kind_label || "") + " · " + (p.text || "");
    var marker = L.marker([c[1], c[0]], { title: name, keyboard: true,
      icon: L.divIcon({ className: "observation-marker", iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8], html: "" }) });
    var box = document.createElement("div"), link = document.createElement("a"), kind = document.createElement("div");
    link.href = p.url || "#";
    link.textContent = p.text || "";
    kind.className = "muted small";
    kind.textContent = p.kind_label || "";
    box.appendChild(kind);
    box.appendChild(link);
    marker.bindPopup(box);
    marker.on("add", function () { var el = marker.getElement(); if (el) el.setAttribute("aria-label", name); });
    return marker;
  }

  function loadObservations() {
    var toggle = observationToggle(), state = current;
    if (!state || !toggle) return;
    if (!toggle.checked) {
      if (state.observations) state.observations.clearLayers();
      return;
    }
    fetchJSON(data(toggle, "url")).then(function (collection) {
      if (current !== state || !toggle.checked) return;
      if (!state.observations) state.observations = L.layerGroup().addTo(state.map);
      state.observations.clearLayers();
      (collection.features || []).forEach(function (feature) {
        if (feature.geometry && feature.geometry.type === "Point") state.observations.addLayer(observationMarker(feature));
      });
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-observation-layer]")) loadObservations();
  });

  // The phone's position for a form's coordinate fields ([data-use-position], shown only
  // where the browser can tell it): asked only when the member taps the button.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-position]");
    if (!button || !navigator.geolocation) return;
    var form = button.closest("form"), status = form && form.querySelector("[data-position-status]");
    if (!form) return;
    var inputs = coordInputs(form);
    if (status) status.textContent = data(button, "msg-wait");
    navigator.geolocation.getCurrentPosition(function (position) {
      inputs.lat.value = position.coords.latitude.toFixed(6);
      inputs.lon.value = position.coords.longitude.toFixed(6);
      [inputs.lat, inputs.lon].forEach(function (input) { input.dispatchEvent(new Event("input", { bubbles: true })); });
      if (status) status.textContent = data(button, "msg-found");
    }, function () {
      if (status) status.textContent = data(button, "msg-failed");
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });

  function revealPosition(root) {
    if (!root.querySelectorAll || !navigator.geolocation) return;
    root.querySelectorAll("[data-use-position][hidden]").forEach(function (el) { el.hidden = false; });
  }

  // ---- Setting up ------------------------------------------------------------------

  function init(root) {
    if (!window.L) return;
    var el = (root.matches && root.matches("[data-map]")) ? root : root.querySelector && root.querySelector("[data-map]");
    if (!el) return;
    if (current && current.el === el) return;
    if (current) { try { current.map.remove(); } catch (e) { /* already gone */ } }
    while (el.firstChild) el.removeChild(el.firstChild); // a snapshot from the history cache
    var pane = el.closest("[data-map-pane]");
    if (pane) {
      pane.hidden = false;
      pane.parentElement.classList.add("has-map");
    }
    var map = L.map(el, { center: [parseFloat(data(el, "lat")), parseFloat(data(el, "lon"))],
      zoom: parseInt(data(el, "zoom"), 10) || 15, zoomControl: false });
    // The zoom buttons' names come translated from the page.
    L.control.zoom({ zoomInTitle: data(el, "zoom-in") || "+", zoomOutTitle: data(el, "zoom-out") || "-" }).addTo(map);
    var tiles = L.tileLayer(data(el, "tile-url"), { attribution: data(el, "tile-attribution"), maxZoom: 19 });
    var failures = 0;
    tiles.on("tileerror", function () {
      // Without a background the markers still show; say why the map looks bare.
      failures += 1;
      if (failures === 3) {
        el.classList.add("tiles-failed");
        var notice = document.querySelector("[data-tiles-failed]");
        if (notice) notice.hidden = false;
      }
    });
    tiles.addTo(map);
    var layer = L.markerClusterGroup
      ? L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 18, chunkedLoading: true,
          showCoverageOnHover: false, iconCreateFunction: clusterIcon })
      : L.layerGroup();
    layer.addTo(map);
    layer.on("clusterkeypress", function (event) { // Enter on a cluster opens it, as a click does
      if (event.originalEvent && event.originalEvent.key === "Enter") {
        if (map.getZoom() >= map.getMaxZoom()) event.layer.spiderfy();
        else event.layer.zoomToBounds({ padding: [24, 24] });
      }
    });
    current = { el: el, map: map, layer: layer, markers: {}, selected: null, query: null, kinds: json(el, "kind-labels"),
      pick: { form: null, marker: null } };
    map.on("click", function (event) { if (pickForm()) writePoint(event.latlng); });
    loadAll();
    loadObservations(); // a checkbox the browser kept checked (back, reload)
  }

  function reveal(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-locate][hidden], [data-point-fields] .js-only[hidden]").forEach(function (el) {
      // The point fields' "click the map" line only where this map is (elsewhere a form
      // has its small map of its own, picker.js).
      if (current) el.hidden = false;
    });
  }

  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    revealPosition(root.parentNode || root);
    init(root);
    reveal(root.parentNode || root);
    if (!current || !root.querySelector) return;
    // The list was filtered (htmx swapped #treasure-results): the map follows.
    if (current.query !== null && resultsQuery() !== current.query) loadAll();
    var form = root.matches("form[data-pick-point]") ? root : root.querySelector("form[data-pick-point]");
    if (form && form.offsetParent !== null) setPickForm(form);
  });

  // A swap may have removed the map (another page) or the form being picked for.
  document.addEventListener("htmx:afterSettle", function () {
    if (current && !document.contains(current.el)) {
      // Stop its animations and timers too: left running on a detached map they fail.
      try { current.map.remove(); } catch (e) { /* already gone */ }
      current = null;
      return;
    }
    if (current) syncPickMarker();
  });

  // htmx snapshots the page for back/forward (a filter change pushes a URL). Leaflet's
  // markup must stay out of the snapshot: restored, its inline styles would break the
  // CSP, and it has no script state anyway. The stored copy (a string: parsing it would
  // trip the CSP too) gets an empty map element, up to the marker the page puts after it;
  // the live page is not touched, and a restored page builds its map afresh.
  document.addEventListener("htmx:historyItemCreated", function (event) {
    var item = event.detail && event.detail.item;
    if (!item || !current || !current.el.id) return;
    var content = item.content;
    var open = content.indexOf('<div id="' + current.el.id + '"');
    var close = open < 0 ? -1 : content.indexOf(">", open) + 1;
    var end = close <= 0 ? -1 : content.indexOf("<span data-map-end", close);
    if (end < 0) return;
    var tag = content.slice(open, close).replace(/ style="[^"]*"/, "");
    item.content = content.slice(0, open) + tag + "</div>" + content.slice(end);
  });
  // Just before such a snapshot replaces the page: htmx would pair the old and the new map
  // element by their id and copy the old one's attributes over (its Leaflet inline style
  // too, which the CSP refuses). The old map is leaving anyway: unpair and drop it.
  ["htmx:historyCacheHit", "htmx:historyCacheMissLoad"].forEach(function (name) {
    document.addEventListener(name, function () {
      if (!current) return;
      current.el.removeAttribute("id");
      try { current.map.remove(); } catch (e) { /* already gone */ }
      current = null;
    });
  });
  document.addEventListener("htmx:historyRestore", function () { init(document.body); reveal(document.body); });

  // Live: a treasure changed somewhere. A map showing every treasure gets its feature in
  // the stream ("treasure-feature", rendered once for everyone); a filtered map fetches
  // just that feature, as its list filters it. Many at once (an import): reload them all.
  if (window.ResokitLive) {
    ResokitLive.on("treasure", function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (current && current.query !== "" && data && typeof data.id === "number") refreshOne(data.id);
    });
    ResokitLive.on("treasure-feature", function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (!current || current.query !== "" || !data || typeof data.id !== "number") return;
      var features = (data.collection && data.collection.features) || [];
      if (features.length) features.forEach(addFeature); else removeMarker(data.id);
    });
    ResokitLive.on("treasure-all", function () { if (current) loadAll(); });
    ResokitLive.on("observation", function () { loadObservations(); });
  }
  document.body && document.body.addEventListener("live:resync", function () { if (current) { loadAll(); loadObservations(); } });
})();
