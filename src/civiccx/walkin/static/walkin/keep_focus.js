// Picking a day (or a service) on the booking page loads that day's times: a new page, which
// would drop keyboard focus at the top. The button's link ends in #day-picked (#service-picked),
// naming its group (data-keeps-focus); put focus back on the button now current in that group,
// so Tab carries on from where the person was (issue #18 item 14). The fragment names no
// element on purpose: a fragment that did would have the browser move focus there itself.
(function () {
  "use strict";
  var name = window.location.hash.slice(1);
  if (!name || document.querySelector("[data-error-summary]")) {
    return;  // nothing picked, or an error summary takes focus first (core/focus.js)
  }
  var groups = document.querySelectorAll("[data-keeps-focus]");
  for (var i = 0; i < groups.length; i += 1) {
    if (groups[i].getAttribute("data-keeps-focus") === name) {
      var current = groups[i].querySelector("[aria-current]");
      if (current) {
        current.focus();
      }
    }
  }
}());
