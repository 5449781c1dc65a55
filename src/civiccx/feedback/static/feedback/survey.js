// A-11 v2 display logic: show "What went well?" after a positive answer and "What didn't go
// so well?" after a negative one. Without JavaScript both stay visible and the server checks.
(function () {
  "use strict";
  document.querySelectorAll("[data-survey-form]").forEach(function (form) {
    var dependents = form.querySelectorAll("[data-show-when]");
    function update() {
      dependents.forEach(function (group) {
        var controller = group.getAttribute("data-show-when");
        var allowed = group.getAttribute("data-show-values").split(" ");
        var chosen = form.querySelector('input[name="' + controller + '"]:checked');
        var visible = chosen !== null && allowed.indexOf(chosen.value) !== -1;
        group.hidden = !visible;
        if (!visible) {
          group.querySelectorAll("input").forEach(function (input) { input.checked = false; });
        }
      });
    }
    form.addEventListener("change", update);
    update();
  });
})();
