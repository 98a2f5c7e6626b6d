/* Newsletter sign-up: Dutch validation messages linked to the field (aria-invalid,
 * aria-describedby), focus back on the field. The form posts to the configured service.
 * Spam checks (overrides/sdw/engage.html): a filled honeypot ([data-sdw-hp]) is thanked
 * and not sent; a form sent sooner than data-min-ms after this script ran is refused with
 * data-te-snel. The honeypot is left out of the post. Without this script the form posts
 * as it is, and only the service's own checks apply. */
(function (d) {
  var fs = d.querySelectorAll("form[data-sdw-newsletter]"), i, ready = performance.now();
  for (i = 0; i < fs.length; i++) form(fs[i]);
  function form(f) {
    var inp = f.querySelector("input[type=email]"), err = f.querySelector(".sdw-newsletter__error"),
      status = f.querySelector(".sdw-newsletter__status"), trap = f.querySelector("[data-sdw-hp]"),
      note = inp.getAttribute("aria-describedby");
    f.noValidate = true;
    function check() {
      var v = inp.validity, msg = v.valueMissing ? f.dataset.leeg : v.valid ? "" : f.dataset.ongeldig;
      err.textContent = msg;
      err.hidden = !msg;
      msg ? inp.setAttribute("aria-invalid", "true") : inp.removeAttribute("aria-invalid");
      inp.setAttribute("aria-describedby", msg ? err.id + " " + note : note);
      return !msg;
    }
    function tooSoon() {
      var min = parseInt(f.dataset.minMs, 10);
      return performance.now() - ready < (min >= 0 ? min : 3000);
    }
    f.addEventListener("submit", function (e) {
      status.textContent = "";
      if (!check()) { e.preventDefault(); inp.focus(); return; }
      if (trap && trap.value) { e.preventDefault(); f.reset(); status.textContent = f.dataset.aangemeld; return; }
      if (tooSoon()) { e.preventDefault(); status.textContent = f.dataset.teSnel; }
    });
    // The service gets the address only (the honeypot is ours; it is empty here anyway).
    f.addEventListener("formdata", function (e) { if (trap) e.formData.delete(trap.name); });
    inp.addEventListener("input", function () { if (inp.hasAttribute("aria-invalid")) check(); });
  }
})(document);
