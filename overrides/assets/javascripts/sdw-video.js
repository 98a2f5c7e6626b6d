/* Click-to-load video: the player's iframe (YouTube nocookie or Vimeo) is created
 * only when the reader presses the play button; until then nothing is requested
 * from the video host. Markup: scripts/sdw/players.py.
 *
 * Trusts nothing in the page but a service name and a video id: the address is
 * built here from this script's own table of hosts, and an id that does not have
 * the service's form (the same patterns as scripts/sdw/videos.py) gets no player. */
(function () {
  var PLAYERS = {
    youtube: { base: "https://www.youtube-nocookie.com/embed/", id: /^[A-Za-z0-9_-]{6,20}$/ },
    vimeo: { base: "https://player.vimeo.com/video/", id: /^[0-9]{3,12}$/ }
  };
  var boxes = document.querySelectorAll("figure.sdw-video[data-sdw-video-service][data-sdw-video-id]");
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector(".sdw-video__play"),
      player = Object.prototype.hasOwnProperty.call(PLAYERS, box.getAttribute("data-sdw-video-service"))
        ? PLAYERS[box.getAttribute("data-sdw-video-service")] : null,
      id = box.getAttribute("data-sdw-video-id") || "";
    if (!button || !player || !player.id.test(id)) return;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = player.base + id + "?autoplay=1";
      frame.title = box.getAttribute("data-sdw-title") || "";
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
