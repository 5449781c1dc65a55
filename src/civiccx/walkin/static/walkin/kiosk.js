// The kiosk returns to its start screen after a while without a touch or a key, so the next
// visitor never sees the previous one's ticket or half-typed code.
(function () {
  "use strict";
  var header = document.querySelector("[data-kiosk-start]");
  if (!header) { return; }
  var start = header.getAttribute("data-kiosk-start");
  var seconds = parseFloat(header.getAttribute("data-kiosk-idle-seconds")) || 90;
  var timer = null;
  function restart() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () { window.location.assign(start); }, seconds * 1000);
  }
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true });
  });
  restart();
}());
