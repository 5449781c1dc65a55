/*
 * Civic CX feedback widget. On any web page:
 *   <script src="https://AGENCY/static/feedback/embed.js" data-survey="12"
 *           data-mode="inline|modal" data-lang="en|es" async></script>
 * The survey runs in an iframe and the button and dialog live in a shadow root, so the host
 * page's CSS cannot restyle or break them. The modal is a native <dialog> opened with
 * showModal(): the rest of the page is inert (focus stays inside), Escape closes it, and
 * focus returns to the button.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src, window.location.href).origin;
  var survey = script.getAttribute("data-survey");
  var mode = script.getAttribute("data-mode") === "modal" ? "modal" : "inline";
  var lang = script.getAttribute("data-lang") === "es" ? "es" : "en";
  var text = {
    en: { open: "Give feedback", close: "Close", title: "Feedback survey" },
    es: { open: "Denos su opinión", close: "Cerrar", title: "Encuesta de opinión" }
  }[lang];
  var src = origin + (lang === "es" ? "/es" : "") + "/feedback/embed/" + encodeURIComponent(survey) + "/";

  var host = document.createElement("div");
  host.setAttribute("data-civiccx-feedback", survey);
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = [
    ":host { all: initial; display: block; font-family: 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif; }",
    "iframe { display: block; width: 100%; max-width: 40rem; min-height: 28rem; border: 1px solid #a9aeb1; border-radius: 0.25rem; background: #fff; }",
    "button { all: initial; cursor: pointer; font: 700 1rem/1.2 'Source Sans Pro', Arial, sans-serif; color: #fff; background: #005ea2; padding: 0.75rem 1.25rem; border-radius: 0.25rem; }",
    "button:hover { background: #1a4480; }",
    "button:focus { outline: 0.25rem solid #2491ff; outline-offset: 0.25rem; }",
    "dialog { width: min(42rem, 95vw); padding: 1rem; border: 0; border-radius: 0.5rem; }",
    "dialog::backdrop { background: rgba(0, 0, 0, 0.6); }",
    ".close { display: block; margin: 0 0 0.5rem auto; background: #fff; color: #005ea2; border: 2px solid #005ea2; }"
  ].join("\n");
  root.appendChild(style);

  function frame() {
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = text.title;
    iframe.loading = "lazy";
    window.addEventListener("message", function (event) {
      if (event.origin === origin && event.source === iframe.contentWindow &&
          event.data && typeof event.data.civiccxHeight === "number") {
        iframe.style.height = Math.min(event.data.civiccxHeight + 4, 2000) + "px";
      }
    });
    return iframe;
  }

  if (mode === "inline") {
    root.appendChild(frame());
    return;
  }
  var open = document.createElement("button");
  open.type = "button";
  open.textContent = text.open;
  open.setAttribute("aria-haspopup", "dialog");
  var dialog = document.createElement("dialog");
  dialog.setAttribute("aria-label", text.title);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.textContent = text.close;
  close.addEventListener("click", function () { dialog.close(); });
  dialog.appendChild(close);
  var iframe = null;
  open.addEventListener("click", function () {
    if (!iframe) { iframe = frame(); dialog.appendChild(iframe); }
    dialog.showModal();
    close.focus();
  });
  dialog.addEventListener("close", function () { open.focus(); });
  root.appendChild(open);
  root.appendChild(dialog);
})();
