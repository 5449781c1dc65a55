// Picking a day (or a service) on the booking page loads that day's times: a new page, which
// would drop keyboard focus at the top. The button's link ends in #<heading id> of its group;
// put focus back on the button now current in that group, so Tab and arrow keys carry on from
// where the person was (issue #18 item 14).
(function () {
  "use strict";
  var id = window.location.hash.slice(1);
  var heading = id && document.getElementById(id);
  if (!heading || !heading.hasAttribute("data-keeps-focus")) {
    return;
  }
  if (document.querySelector("[data-error-summary]")) {
    return;  // an error summary takes focus first (core/focus.js)
  }
  var group = document.querySelector("[aria-labelledby='" + id + "']");
  var current = group && group.querySelector("[aria-current]");
  if (current) {
    current.focus();
  }
}());
