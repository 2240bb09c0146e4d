// The inclusieweb: move a contact to another circle or life domain by dragging its mark
// (mouse, pen, touch) or with the keyboard (arrows, then Enter; Escape cancels). The move
// is sent by the page's hidden form, exactly as the list's small form would send it, so
// the server answers the same way with or without JavaScript. Every text comes from the
// page's data attributes and is set as text.
(function () {
  "use strict";
  if (window.resokitInclusieweb) return; // loaded again after a boosted page change
  window.resokitInclusieweb = true;

  function names(el, attr) {
    var out = {};
    (el.getAttribute(attr) || "").split("|").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
    });
    return out;
  }

  function geometry(svg) {
    var rings = (svg.getAttribute("data-rings") || "").split(" ").map(function (s) {
      var p = s.split(":"); return { key: p[0], r0: +p[1], r1: +p[2] };
    });
    var wedges = (svg.getAttribute("data-wedges") || "").split(" ").map(function (s) {
      var p = s.split(":"); return { key: p[0], a0: +p[1], a1: +p[2] };
    });
    return { cx: +svg.getAttribute("data-cx"), cy: +svg.getAttribute("data-cy"), rings: rings, wedges: wedges };
  }

  function svgPoint(svg, clientX, clientY) {
    var pt = svg.createSVGPoint();
    pt.x = clientX; pt.y = clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  function placeAt(geo, x, y) {
    var dx = x - geo.cx, dy = y - geo.cy, r = Math.sqrt(dx * dx + dy * dy);
    var ring = geo.rings.filter(function (g) { return r >= g.r0 && r < g.r1; })[0];
    if (!ring) return null;
    var a = Math.atan2(dy, dx);
    var first = geo.wedges[0] ? geo.wedges[0].a0 : -Math.PI / 2;
    while (a < first) a += 2 * Math.PI;
    var wedge = geo.wedges.filter(function (w) { return a >= w.a0 && a < w.a1; })[0];
    return wedge ? { circle: ring.key, domain: wedge.key } : null;
  }

  function centreOf(geo, circle, domain) {
    var ring = geo.rings.filter(function (g) { return g.key === circle; })[0];
    var wedge = geo.wedges.filter(function (w) { return w.key === domain; })[0];
    var r = (ring.r0 + ring.r1) / 2, a = (wedge.a0 + wedge.a1) / 2;
    return { x: geo.cx + r * Math.cos(a), y: geo.cy + r * Math.sin(a) };
  }

  function status(text) {
    var el = document.getElementById("web-move-status");
    if (el) el.textContent = text;
  }

  function send(node, place) {
    var form = document.getElementById("web-move");
    if (!form) return;
    form.setAttribute("action", node.getAttribute("data-move-url"));
    form.elements.version.value = node.getAttribute("data-version");
    form.elements.circle.value = place.circle;
    form.elements.domain.value = place.domain;
    var el = document.getElementById("web-move-status");
    if (el) status(el.getAttribute("data-saving"));
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function shift(node, x, y) {
    var dx = x - +node.getAttribute("data-x"), dy = y - +node.getAttribute("data-y");
    node.setAttribute("transform", "translate(" + dx.toFixed(1) + " " + dy.toFixed(1) + ")");
  }

  // ---- Pointer ------------------------------------------------------------------------
  var drag = null;

  document.addEventListener("pointerdown", function (event) {
    var node = event.target.closest && event.target.closest(".inclusieweb-svg a.node");
    if (!node || event.button > 0) return;
    var svg = node.ownerSVGElement;
    drag = { node: node, svg: svg, geo: geometry(svg), moved: false, startX: event.clientX, startY: event.clientY };
    node.setPointerCapture(event.pointerId);
    node.classList.add("dragging");
    event.preventDefault();
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    if (Math.abs(event.clientX - drag.startX) + Math.abs(event.clientY - drag.startY) > 4) drag.moved = true;
    var p = svgPoint(drag.svg, event.clientX, event.clientY);
    shift(drag.node, p.x, p.y);
  });

  function endDrag(event, cancel) {
    if (!drag) return;
    var d = drag;
    drag = null;
    d.node.classList.remove("dragging");
    var p = svgPoint(d.svg, event.clientX, event.clientY);
    var place = cancel || !d.moved ? null : placeAt(d.geo, p.x, p.y);
    if (place && (place.circle !== d.node.getAttribute("data-circle") || place.domain !== d.node.getAttribute("data-domain"))) {
      send(d.node, place);
    } else {
      d.node.removeAttribute("transform");
      if (!d.moved) d.node.focus();
    }
  }
  document.addEventListener("pointerup", function (event) { endDrag(event, false); });
  document.addEventListener("pointercancel", function (event) { endDrag(event, true); });
  document.addEventListener("click", function (event) {
    // A drag is not a click on the link.
    if (event.target.closest && event.target.closest(".inclusieweb-svg a.node.dragging")) event.preventDefault();
  });

  // ---- Keyboard -----------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    var node = event.target.closest && event.target.closest(".inclusieweb-svg a.node");
    if (!node) return;
    var geo = geometry(node.ownerSVGElement);
    var circles = geo.rings.map(function (g) { return g.key; });
    var domains = geo.wedges.map(function (w) { return w.key; });
    var circle = node.getAttribute("data-pending-circle") || node.getAttribute("data-circle");
    var domain = node.getAttribute("data-pending-domain") || node.getAttribute("data-domain");
    var ci = circles.indexOf(circle), di = domains.indexOf(domain);
    var key = event.key;
    if (key === "ArrowUp") ci = Math.max(0, ci - 1);
    else if (key === "ArrowDown") ci = Math.min(circles.length - 1, ci + 1);
    else if (key === "ArrowLeft") di = (di - 1 + domains.length) % domains.length;
    else if (key === "ArrowRight") di = (di + 1) % domains.length;
    else if (key === "Enter" && node.hasAttribute("data-pending-circle")) {
      event.preventDefault();
      send(node, { circle: circle, domain: domain });
      return;
    } else if (key === "Escape") {
      node.removeAttribute("data-pending-circle");
      node.removeAttribute("data-pending-domain");
      node.removeAttribute("transform");
      status("");
      return;
    } else return;
    event.preventDefault();
    circle = circles[ci]; domain = domains[di];
    node.setAttribute("data-pending-circle", circle);
    node.setAttribute("data-pending-domain", domain);
    var c = centreOf(geo, circle, domain);
    shift(node, c.x, c.y);
    var el = document.getElementById("web-move-status");
    if (el) {
      var text = el.getAttribute("data-pending") || "";
      text = text.replace("%(circle)s", names(el, "data-circle-names")[circle] || circle)
                 .replace("%(domain)s", names(el, "data-domain-names")[domain] || domain);
      status(text);
    }
  });
})();
