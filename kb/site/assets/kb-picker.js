/* kb-picker.js: the 我的单位 picker (kb/site/picker.py) goes to the department's page.
   Without JavaScript the form opens the list of departments instead. */
(function () {
  "use strict";
  function clean(text) {
    return text.normalize("NFKC").replace(/\s+/g, "");
  }
  function setup(form) {
    var input = form.querySelector("input");
    var message = form.querySelector(".kb-picker-message");
    var options = form.querySelectorAll("option");
    function find(value) {
      var wanted = clean(value);
      for (var i = 0; i < options.length; i++) {
        if (clean(options[i].value) === wanted) return options[i].getAttribute("data-href");
      }
      return null;
    }
    form.addEventListener("submit", function (event) {
      var href = find(input.value);
      if (href) {
        event.preventDefault();
        window.location.href = href;
      } else if (input.value.trim()) {
        event.preventDefault();
        message.textContent = "名录中没有“" + input.value.trim() + "”：请从下拉列表中选择，或展开下面的全部单位。";
      }
    });
    input.addEventListener("change", function () {
      var href = find(input.value);
      if (href) window.location.href = href;
    });
  }
  function start() {
    var forms = document.querySelectorAll("form[data-kb-picker]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
