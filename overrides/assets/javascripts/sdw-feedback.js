/* "Vond u deze pagina interessant?": POST only page + answer, no cookies, no referrer.
 * The address comes from the build configuration only (extra.feedback.endpoint): the
 * build writes it into this file after the marker below (scripts/sdw/mkdocs_hooks.py,
 * CONFIGURED). An address anywhere in the page is ignored; the page gives only its
 * path and the Dutch texts. The Content-Security-Policy allows no other address.
 * Spam checks (overrides/sdw/engage.html): a filled honeypot ([data-sdw-hp]) is thanked
 * and nothing is sent; an answer sooner than data-min-ms after the question appeared
 * is refused with data-te-snel. */
(function (d) {
  var ENDPOINT = /* sdw:extra.feedback.endpoint */ "";
  var i, boxes = d.querySelectorAll("section.sdw-feedback[data-sdw-feedback]"), box = boxes[boxes.length - 1];
  if (!ENDPOINT || !box || !window.fetch) return;
  var group = box.querySelector("[role=group]"), status = box.querySelector("[role=status]"),
    trap = box.querySelector("[data-sdw-hp]"), bs = group.querySelectorAll("button"), busy, shown;
  function lock(on) {
    busy = on;
    for (var j = 0; j < bs.length; j++) bs[j].setAttribute("aria-disabled", on);
  }
  function thank(had) {
    group.hidden = true;
    status.textContent = box.dataset.bedankt;
    if (had) { status.tabIndex = -1; status.focus(); }
  }
  function tooSoon() {
    var min = parseInt(box.dataset.minMs, 10);
    return performance.now() - shown < (min >= 0 ? min : 3000);
  }
  function send(e) {
    if (busy) return;
    status.textContent = "";
    if (trap && trap.value) return thank(group.contains(d.activeElement));
    if (tooSoon()) { status.textContent = box.dataset.teSnel; return; }
    lock(true);
    fetch(ENDPOINT, {
      method: "POST", body: new URLSearchParams({page: box.dataset.page, answer: e.currentTarget.value}),
      mode: "cors", credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer", keepalive: true
    }).then(function (r) {
      if (!r.ok) throw r;
      thank(group.contains(d.activeElement));
    }).catch(function () {
      lock(false);
      status.textContent = box.dataset.mislukt;
    });
  }
  for (i = 0; i < bs.length; i++) bs[i].addEventListener("click", send);
  box.hidden = false;
  shown = performance.now();
})(document);
