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
