/* Click-to-load video: the player's iframe (YouTube nocookie or Vimeo) is created
 * only when the reader presses the play button; until then nothing is requested
 * from the video host. Markup: scripts/sdw/players.py. */
(function () {
  var boxes = document.querySelectorAll("[data-sdw-video]");
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector(".sdw-video__play");
    if (!button) return;
    button.addEventListener("click", function () {
      var url = box.getAttribute("data-sdw-video"), frame = document.createElement("iframe");
      frame.src = url + (url.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      frame.title = box.getAttribute("data-sdw-title");
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.setAttribute("allowfullscreen", "");
      var holder = button.parentNode;
      while (holder.firstChild) holder.removeChild(holder.firstChild);
      holder.appendChild(frame);
      frame.focus();
    });
    button.hidden = false;
  });
})();
