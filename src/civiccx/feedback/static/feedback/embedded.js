// Inside the widget's iframe: tell the host page how tall the survey is, so no scrollbar.
(function () {
  "use strict";
  function report() {
    if (window.parent !== window) {
      window.parent.postMessage({ civiccxHeight: document.documentElement.scrollHeight }, "*");
    }
  }
  window.addEventListener("load", report);
  document.addEventListener("change", function () { window.setTimeout(report, 0); });
  report();
})();
