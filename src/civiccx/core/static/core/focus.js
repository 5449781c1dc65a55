// After a failed submit, move keyboard and screen-reader focus to the form's error summary,
// whose links lead to each field to fix (core/forms/errors.html).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
}());
