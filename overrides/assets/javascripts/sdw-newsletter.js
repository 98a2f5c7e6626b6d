/* Newsletter sign-up: Dutch validation messages linked to the field (aria-invalid,
 * aria-describedby), focus back on the field. The form posts to the configured service. */
(function (d) {
  var fs = d.querySelectorAll("form[data-sdw-newsletter]"), i;
  for (i = 0; i < fs.length; i++) form(fs[i]);
  function form(f) {
    var inp = f.querySelector("input"), err = f.querySelector(".sdw-newsletter__error"), note = inp.getAttribute("aria-describedby");
    f.noValidate = true;
    function check() {
      var v = inp.validity, msg = v.valueMissing ? f.dataset.leeg : v.valid ? "" : f.dataset.ongeldig;
      err.textContent = msg;
      err.hidden = !msg;
      msg ? inp.setAttribute("aria-invalid", "true") : inp.removeAttribute("aria-invalid");
      inp.setAttribute("aria-describedby", msg ? err.id + " " + note : note);
      return !msg;
    }
    f.addEventListener("submit", function (e) { if (!check()) { e.preventDefault(); inp.focus(); } });
    inp.addEventListener("input", function () { if (inp.hasAttribute("aria-invalid")) check(); });
  }
})(document);
