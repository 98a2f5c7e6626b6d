/* "Vond u deze pagina interessant?": POST only page + answer, no cookies, no referrer.
 * The address comes from the build configuration only (extra.feedback.endpoint): the
 * build writes it into this file after the marker below (scripts/sdw/mkdocs_hooks.py,
 * CONFIGURED). An address anywhere in the page is ignored; the page gives only its
 * path and the Dutch texts. The Content-Security-Policy allows no other address. */
(function (d) {
  var ENDPOINT = /* sdw:extra.feedback.endpoint */ "";
  var i, boxes = d.querySelectorAll("section.sdw-feedback[data-sdw-feedback]"), box = boxes[boxes.length - 1];
  if (!ENDPOINT || !box || !window.fetch) return;
  var group = box.querySelector("div"), status = box.querySelector("[role=status]"),
    bs = group.querySelectorAll("button"), busy;
  function lock(on) {
    busy = on;
    for (var j = 0; j < bs.length; j++) bs[j].setAttribute("aria-disabled", on);
  }
  function send(e) {
    if (busy) return;
    lock(true);
    status.textContent = "";
    fetch(ENDPOINT, {
      method: "POST", body: new URLSearchParams({page: box.dataset.page, answer: e.currentTarget.value}),
      mode: "cors", credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", keepalive: true
    }).then(function (r) {
      if (!r.ok) throw r;
      var had = group.contains(d.activeElement);
      group.hidden = true;
      status.textContent = box.dataset.bedankt;
      if (had) { status.tabIndex = -1; status.focus(); }
    }).catch(function () {
      lock(false);
      status.textContent = box.dataset.mislukt;
    });
  }
  for (i = 0; i < bs.length; i++) bs[i].addEventListener("click", send);
  box.hidden = false;
})(document);
