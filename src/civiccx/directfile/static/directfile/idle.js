// Direct File's idle timeout (progressive enhancement; the server ends idle sessions anyway).
// At 10 minutes without a page load a dialog offers to stay signed in; at 15 minutes the
// current screen's answers are posted (they are saved, then the session ends).
(function () {
  "use strict";
  var box = document.getElementById("df-idle");
  var dialog = document.getElementById("df-idle-dialog");
  if (!box || !dialog || typeof dialog.showModal !== "function") { return; }
  var warnMs = parseInt(box.dataset.warn, 10) * 1000;
  var endMs = parseInt(box.dataset.end, 10) * 1000;
  var warnTimer, endTimer;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function endNow() {
    var form = document.getElementById("df-screen-form");
    if (form) {
      var flag = document.createElement("input");
      flag.type = "hidden"; flag.name = "idle_timeout"; flag.value = "1";
      form.appendChild(flag);
      form.submit();
    } else {
      window.location.assign(box.dataset.ended);
    }
  }

  function schedule() {
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      dialog.showModal();
      document.getElementById("df-idle-stay").focus();
    }, warnMs);
    endTimer = setTimeout(endNow, endMs);
  }

  document.getElementById("df-idle-stay").addEventListener("click", function () {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    fetch(box.dataset.keepAlive, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (response) {
        if (response.ok) { dialog.close(); schedule(); } else { endNow(); }
      }, endNow);
  });
  document.getElementById("df-idle-leave").addEventListener("click", endNow);
  schedule();
}());
