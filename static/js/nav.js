/* The grouped main navigation (templates/nav.html): one group open at a time; Escape or a
 * click elsewhere closes it. Without this script each group opens and closes on its own. */
(function () {
  "use strict";
  function groups() {
    return document.querySelectorAll(".mainnav details.navgroup");
  }
  function closeAll(except) {
    var all = groups();
    for (var i = 0; i < all.length; i++) {
      if (all[i] !== except) {
        all[i].open = false;
      }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var all = groups();
    for (var i = 0; i < all.length; i++) {
      all[i].addEventListener("toggle", function (event) {
        if (event.target.open) {
          closeAll(event.target);
        }
      });
    }
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".mainnav details.navgroup")) {
        closeAll(null);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var open = document.querySelector(".mainnav details.navgroup[open]");
      if (open) {
        open.open = false;
        open.querySelector("summary").focus();
      }
    });
  });
})();
