// The tracker's game: the facilitator's keys (→/N next, ←/B back, R show the votes) press
// the page's own buttons, so every step is still a plain form that works without this file.
(function () {
  "use strict";
  var KEYS = { ArrowRight: "next", PageDown: "next", n: "next", N: "next",
               ArrowLeft: "back", PageUp: "back", b: "back", B: "back", r: "reveal", R: "reveal" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) {
      if (target.tagName !== "BUTTON" || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    }
    var step = KEYS[event.key];
    if (!step) return;
    var button = document.querySelector('#play-stage button[data-play-key="' + step + '"]');
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
  });
})();
