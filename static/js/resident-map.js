// The public resident page: a map of the places and a map to choose where a new place
// is. Leaflet is loaded only when a map is needed (the places map when it comes into
// view, the picker when the resident asks for it). Popups are built with textContent
// from the server's data; every sentence comes translated from data-* attributes.
(function () {
  "use strict";

  var leafletPromise = null;

  function loadLeaflet(el) {
    if (window.L) return Promise.resolve(window.L);
    if (leafletPromise) return leafletPromise;
    leafletPromise = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = el.getAttribute("data-leaflet-css");
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = el.getAttribute("data-leaflet-js");
      script.onload = function () { resolve(window.L); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return leafletPromise;
  }

  function baseMap(L, el) {
    var map = L.map(el, { scrollWheelZoom: false, zoomControl: false }).setView(
      [parseFloat(el.getAttribute("data-lat")), parseFloat(el.getAttribute("data-lon"))],
      parseInt(el.getAttribute("data-zoom"), 10) || 15);
    // The zoom buttons' names come translated from the page.
    L.control.zoom({ zoomInTitle: el.getAttribute("data-zoom-in") || "+",
      zoomOutTitle: el.getAttribute("data-zoom-out") || "-" }).addTo(map);
    L.tileLayer(el.getAttribute("data-tile-url"), {
      maxZoom: 19, attribution: el.getAttribute("data-tile-attribution")
    }).addTo(map);
    return map;
  }

  // 1. The map of the places (the list above it shows the same places).
  function popupFor(props, moreLabel) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = String(props.name || "");
    name.dir = "auto";
    box.appendChild(name);
    if (props.category_label) {
      var category = document.createElement("p");
      category.textContent = String(props.category_label);
      box.appendChild(category);
    }
    var id = parseInt(props.id, 10);
    if (id > 0 && document.getElementById("place-" + id)) {
      var link = document.createElement("a");
      link.href = "#place-" + id;
      link.textContent = moreLabel;
      box.appendChild(link);
    }
    return box;
  }

  function showPlaces(el) {
    el.hidden = false;
    loadLeaflet(el).then(function (L) {
      var map = baseMap(L, el);
      return fetch(el.getAttribute("data-geojson-url"), { credentials: "same-origin", cache: "no-cache" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var more = el.getAttribute("data-label-more");
          var bounds = [];
          (data.features || []).forEach(function (feature) {
            var c = feature.geometry && feature.geometry.coordinates;
            if (!c) return;
            var name = String(feature.properties.name || "");
            var marker = L.marker([c[1], c[0]], { title: name, alt: name, keyboard: true });
            marker.bindPopup(popupFor(feature.properties, more));
            marker.addTo(map);
            bounds.push([c[1], c[0]]);
          });
          if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
          else if (bounds.length === 1) map.setView(bounds[0], 17);
        });
    }).catch(function () { el.hidden = true; });
  }

  function watchPlacesMap() {
    var el = document.querySelector("[data-places-map]");
    if (!el) return;
    if (!("IntersectionObserver" in window)) { showPlaces(el); return; }
    // Hidden, the map has no box to watch: an empty marker just before it says when the
    // reader comes near the end of the list.
    var sentinel = document.createElement("div");
    el.parentNode.insertBefore(sentinel, el);
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        showPlaces(el);
      }
    }, { rootMargin: "300px" });
    observer.observe(sentinel);
  }

  // 2. Choosing where the new place is: tap the map, or use the phone's location.
  function setupPicker() {
    var box = document.querySelector("[data-location]");
    if (!box) return;
    var mapEl = box.querySelector("[data-picker-map]");
    var openButton = box.querySelector("[data-pick-open]");
    var locateButton = box.querySelector("[data-geolocate]");
    var clearButton = box.querySelector("[data-clear-point]");
    var status = box.querySelector("[data-location-status]");
    var latInput = box.querySelector("[data-coord=lat]");
    var lonInput = box.querySelector("[data-coord=lon]");
    var map = null, marker = null, L = null;

    box.querySelector("[data-location-buttons]").hidden = false;
    if ("geolocation" in navigator) locateButton.hidden = false;

    function say(key) { status.textContent = box.getAttribute("data-msg-" + key) || ""; }

    function currentPoint() {
      var lat = parseFloat(latInput.value), lon = parseFloat(lonInput.value);
      return isNaN(lat) || isNaN(lon) ? null : [lat, lon];
    }

    function placeMarker(point) {
      if (!map) return;
      if (marker) marker.setLatLng(point);
      else {
        marker = L.marker(point, { draggable: true, keyboard: false }).addTo(map);
        marker.on("dragend", function () { setPoint(marker.getLatLng(), "set"); });
      }
    }

    function setPoint(latlng, message) {
      var lat = Array.isArray(latlng) ? latlng[0] : latlng.lat;
      var lon = Array.isArray(latlng) ? latlng[1] : latlng.lng;
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      clearButton.hidden = false;
      placeMarker([lat, lon]);
      say(message);
    }

    function openMap() {
      mapEl.hidden = false;
      openButton.setAttribute("aria-expanded", "true");
      if (map) return Promise.resolve(map);
      return loadLeaflet(mapEl).then(function (leaflet) {
        L = leaflet;
        map = baseMap(L, mapEl);
        map.on("click", function (event) { setPoint(event.latlng, "set"); });
        var point = currentPoint();
        if (point) { placeMarker(point); map.setView(point, 17); }
        return map;
      });
    }

    openButton.addEventListener("click", function () {
      if (!mapEl.hidden && map) {
        mapEl.hidden = true;
        openButton.setAttribute("aria-expanded", "false");
        return;
      }
      openMap();
    });

    // The phone's location is asked for only here, after a tap on the button.
    locateButton.addEventListener("click", function () {
      say("locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        var point = [position.coords.latitude, position.coords.longitude];
        openMap().then(function () {
          setPoint(point, "found");
          map.setView(point, 17);
        });
      }, function () { say("denied"); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });

    clearButton.addEventListener("click", function () {
      latInput.value = "";
      lonInput.value = "";
      if (marker && map) { map.removeLayer(marker); marker = null; }
      clearButton.hidden = true;
      say("cleared");
    });

    if (currentPoint()) clearButton.hidden = false;
  }

  function start() {
    setupPicker();
    watchPlacesMap();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
