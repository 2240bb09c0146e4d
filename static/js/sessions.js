// Team sessions: the round's countdown, the same on every screen. It counts to the
// server's end time (data-ends-at), corrected by the server's clock at render time
// (data-server-now), so a phone whose clock is off still agrees with the shared screen.
// At zero a soft signal: the text changes, the block is marked, a phone vibrates briefly.
(function () {
  "use strict";
  function start(el) {
    if (el.dataset.counting) return;
    el.dataset.counting = "1";
    var end = Date.parse(el.dataset.endsAt);
    var skew = Date.parse(el.dataset.serverNow) - Date.now();
    var time = el.querySelector(".session-countdown-time");
    var text = el.querySelector(".session-countdown-text");
    var done = false;
    function tick() {
      if (!el.isConnected) return;
      var left = Math.max(0, Math.round((end - (Date.now() + skew)) / 1000));
      time.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0 && !done) {
        done = true;
        el.classList.add("is-over");
        text.textContent = el.dataset.over;
        if (navigator.vibrate) navigator.vibrate(200);
        return;
      }
      if (!done) setTimeout(tick, 250);
    }
    tick();
  }
  function scan(root) {
    (root || document).querySelectorAll(".session-countdown[data-ends-at]").forEach(start);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(); });
  document.addEventListener("htmx:afterSettle", function (e) { scan(e.target); });
  document.addEventListener("htmx:load", function (e) { scan(e.target.parentNode || document); });
})();

// Nothing typed is lost: when the shared screen moves on (an SSE "state" refresh) while
// this phone has unsent text in a form, the refresh is not swapped in. The text stays,
// a notice says the screen moved on, and "Follow the screen" shows the new step when the
// participant chooses. Sending the form (a plain POST) moves the page on as usual; a
// text the new step cannot take is given back by the server to be copied.
(function () {
  "use strict";
  var FIELDS = "textarea:not([readonly]), input[type=text]";
  var forced = false;
  function typing(state) {
    return Array.prototype.some.call(state.querySelectorAll("form " + FIELDS), function (el) {
      return el.value.trim() !== "" && el.value !== el.defaultValue;
    });
  }
  document.addEventListener("htmx:beforeSwap", function (e) {
    var state = e.detail.target;
    if (!state || state.id !== "participant-state" || forced) { forced = false; return; }
    if (e.detail.requestConfig && e.detail.requestConfig.verb !== "get") return;
    if (!typing(state)) return;
    e.detail.shouldSwap = false;
    var notice = state.querySelector(".session-moved");
    if (notice) notice.hidden = false;
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest(".session-follow");
    if (!button) return;
    var state = document.getElementById("participant-state");
    if (!state || !window.htmx) return;
    forced = true;
    window.htmx.ajax("GET", state.getAttribute("hx-get"), { target: state, swap: "outerHTML" });
  });
})();
