// Lobby display: refresh the board every few seconds and, when asked, say each new call aloud
// with the browser's speech synthesis. Loaded as a file: the CSP forbids inline scripts.
(function () {
  "use strict";
  var board = document.getElementById("board");
  var toggle = document.getElementById("speak-toggle");
  if (!board) { return; }
  var speaking = false;
  var lastCall = currentCall();
  var lastHtml = null;

  function currentCall() {
    var current = board.querySelector("[data-call]");
    return current ? current.getAttribute("data-call") : "";
  }

  function say(text) {
    if (!speaking || !text || !("speechSynthesis" in window)) { return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = board.getAttribute("data-lang") === "es" ? "es-US" : "en-US";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      speaking = !speaking;
      toggle.setAttribute("aria-pressed", speaking ? "true" : "false");
      toggle.textContent = toggle.getAttribute(speaking ? "data-on" : "data-off");
    });
  }

  function refresh() {
    fetch(board.getAttribute("data-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        board.setAttribute("data-refreshed", String(Date.now()));
        if (html === lastHtml) { return; }  // unchanged: do not make screen readers repeat it
        lastHtml = html;
        board.innerHTML = html;
        var call = currentCall();
        if (call && call !== lastCall) {
          var current = board.querySelector("[data-call]");
          say(current.getAttribute("data-say"));
        }
        lastCall = call;
      })
      .catch(function () { /* keep showing the last board; try again next time */ });
  }

  window.setInterval(refresh, parseInt(board.getAttribute("data-interval") || "3000", 10));
})();
