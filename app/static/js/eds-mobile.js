// The eGov Mobile page: asks the site every two seconds whether the phone has signed, and shows
// the receipt code (or that the QR code expired). Without JavaScript, "Check again" does it.
(function () {
  "use strict";

  var page = document.getElementById("eds-mobile-page");
  var status = document.getElementById("eds-mobile-status");
  if (!page || !status || !window.fetch) return;
  var timer;

  function show(text) {
    status.textContent = text;
    window.clearInterval(timer);
  }

  function poll() {
    fetch(page.getAttribute("data-state-url"), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        if (state.state === "signed") {
          page.setAttribute("data-receipt", state.receipt_code);
          show(page.getAttribute("data-msg-signed").replace("{code}", state.receipt_code));
        } else if (state.state === "expired") {
          show(page.getAttribute("data-msg-expired"));
        }
      })
      .catch(function () { /* try again at the next tick */ });
  }

  timer = window.setInterval(poll, 2000);
})();
