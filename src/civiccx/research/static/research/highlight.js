// Copy the transcript selection (mouse or Shift+arrows) into the highlight form's exact
// character offsets, and say what is selected for screen readers.
(function () {
  var area = document.getElementById("transcript");
  if (!area) return;
  var start = document.getElementById(area.dataset.start);
  var end = document.getElementById(area.dataset.end);
  var preview = document.getElementById(area.dataset.preview);
  var empty = preview ? preview.textContent : "";
  function sync() {
    if (!start || !end) return;
    if (area.selectionEnd > area.selectionStart) {
      start.value = area.selectionStart;
      end.value = area.selectionEnd;
      var text = area.value.slice(area.selectionStart, area.selectionEnd);
      if (preview) preview.textContent = "“" + (text.length > 140 ? text.slice(0, 140) + "…" : text) + "”";
    } else if (preview) {
      preview.textContent = empty;
    }
  }
  // The transcript is read-only but not `readonly`: Chrome gives a readonly textarea no caret,
  // so the keyboard could not select. Edits are refused here instead.
  area.addEventListener("beforeinput", function (event) { event.preventDefault(); });
  area.addEventListener("drop", function (event) { event.preventDefault(); });
  ["select", "keyup", "mouseup"].forEach(function (name) { area.addEventListener(name, sync); });
})();
