// Folds the project menu on a phone: the page sends it open (readable without
// JavaScript); on a narrow screen it starts folded, one tap on its summary away.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 767px)");
  function fold() {
    if (!narrow.matches) return;
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (menu) {
      menu.open = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fold);
  } else {
    fold();
  }
})();
