/* Share links under an article (overrides/sdw/share.html): the two buttons that need a script,
 * hidden until it runs. "Link kopiëren" puts the page's published address (data-url, its
 * canonical address) on the clipboard with the Clipboard API; where that is missing or refused,
 * the address is selected in a field and copied with the older copy command, and when that fails
 * too the field stays, selected, for the reader to copy. "Delen…" opens the device's own share
 * sheet and is shown only where the browser has navigator.share. The Dutch messages come from
 * the page and are read out by its live region. Nothing is requested from any host. */
(function (d, n) {
  var box = d.querySelector("nav.sdw-share[data-sdw-share]");
  if (!box) return;
  var url = box.dataset.url, status = box.querySelector("[role=status]"),
    copy = box.querySelector("[data-sdw-share-copy]"), native = box.querySelector("[data-sdw-share-native]"),
    manual = box.querySelector(".sdw-share__manual"), field = manual.querySelector("input");

  function say(text) {
    status.textContent = text;
  }
  function byHand() {
    var done = false;
    manual.hidden = false;
    field.focus();
    field.select();
    try {
      done = d.execCommand("copy");
    } catch (e) {
      done = false;
    }
    if (done) {
      manual.hidden = true;
      copy.focus();
      say(box.dataset.gekopieerd);
    } else {
      say(box.dataset.zelf);
    }
  }
  copy.addEventListener("click", function () {
    say("");
    if (n.clipboard && n.clipboard.writeText) {
      n.clipboard.writeText(url).then(function () {
        manual.hidden = true;
        say(box.dataset.gekopieerd);
      }, byHand);
    } else {
      byHand();
    }
  });
  copy.parentNode.hidden = false;
  if (typeof n.share === "function") {
    native.addEventListener("click", function () {
      n.share({title: box.dataset.title, url: url}).catch(function () {});  // closed by the reader
    });
    native.parentNode.hidden = false;
  }
})(document, navigator);
