// Signing with an EDS through NCALayer, the NCA RK's desktop signing application. Protocol as
// documented by the NCA (github.com/pkigovkz/sdkinfo, wiki "KNCA Basics Module") and as the
// maintained client sigex-kz/ncalayer-js-client (v1.5.8, basicsSignCMS) speaks it: NCALayer
// listens on a local WebSocket, greets with {"result":{"version":...}}, and answers a request
// {"module":"kz.gov.pki.knca.basics","method":"sign","args":{...}} with
// {"status":true,"body":{"result":[CMS]}} (no "result": cancelled) or {"status":false,...}.
// The page asks this site for a challenge, has NCALayer sign its data as a CMS with the data
// attached, and posts the CMS back; the server verifies everything. No inline script: the
// messages come from the data-* attributes of #eds-sign, in the page's language.
(function () {
  "use strict";

  var box = document.getElementById("eds-sign");
  var button = document.getElementById("eds-ncalayer");
  if (!box || !button || !window.WebSocket || !window.fetch) return;
  var status = document.getElementById("eds-status");
  var SIGNING_EKU = "1.3.6.1.5.5.7.3.4"; // the extended key usage of NCA signing keys

  function message(name) {
    return box.getAttribute("data-msg-" + name) || "";
  }

  function say(text) {
    status.textContent = text;
  }

  function json(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (!response.ok) {
        throw new Error((body.error && body.error.message) || response.statusText);
      }
      return body;
    });
  }

  function signRequest(data) {
    return JSON.stringify({
      module: "kz.gov.pki.knca.basics",
      method: "sign",
      args: {
        allowedStorages: null,
        format: "cms",
        data: data,
        signingParams: { decode: true, encapsulate: true, digested: false },
        signerParams: { extKeyUsageOids: [SIGNING_EKU] },
        locale: box.getAttribute("data-locale") || "ru"
      }
    });
  }

  // The base64 CMS NCALayer makes over ``data`` (base64), or an Error to show.
  function signWithNcaLayer(data) {
    return new Promise(function (resolve, reject) {
      var socket;
      var sent = false;
      var done = false;
      function finish(error, cms) {
        if (done) return;
        done = true;
        window.clearTimeout(fallback);
        try { socket.close(); } catch (ignored) { /* already closed */ }
        if (error) reject(error); else resolve(cms);
      }
      function send() {
        if (sent) return;
        sent = true;
        socket.send(signRequest(data));
        say(message("signing"));
      }
      try {
        socket = new WebSocket(box.getAttribute("data-ncalayer-url"));
      } catch (error) {
        reject(new Error(message("no-ncalayer")));
        return;
      }
      // NCALayer greets first; should a version not, ask anyway after a moment.
      var fallback = window.setTimeout(function () {
        if (socket.readyState === WebSocket.OPEN) send();
      }, 2000);
      socket.onerror = function () { finish(new Error(message("no-ncalayer"))); };
      socket.onclose = function () { finish(new Error(message("no-ncalayer"))); };
      socket.onmessage = function (event) {
        var reply;
        try { reply = JSON.parse(event.data); } catch (ignored) { return; }
        if (reply.result && reply.result.version) { send(); return; }
        if (!Object.prototype.hasOwnProperty.call(reply, "status")) return;
        if (!reply.status) {
          finish(new Error(reply.message || reply.code || message("cancelled")));
        } else if (!reply.body || !Object.prototype.hasOwnProperty.call(reply.body, "result")) {
          finish(new Error(message("cancelled")));
        } else {
          var result = reply.body.result;
          finish(null, Array.isArray(result) ? result[0] : result);
        }
      };
    });
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    say(message("connecting"));
    var headers = { "Accept": "application/json" };
    fetch(box.getAttribute("data-challenge-url"), {
      method: "POST", credentials: "same-origin", headers: headers
    })
      .then(json)
      .then(function (challenge) {
        return signWithNcaLayer(challenge.data_to_sign).then(function (cms) {
          say(message("sending"));
          return fetch(challenge.signatures_url, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Accept": "application/json", "Content-Type": "application/json" },
            body: JSON.stringify({ challenge_id: challenge.challenge_id, cms: cms })
          });
        });
      })
      .then(json)
      .then(function (receipt) {
        box.setAttribute("data-receipt", receipt.receipt_code);
        say(message("signed").replace("{code}", receipt.receipt_code));
      })
      .catch(function (error) {
        say(error.message);
        button.disabled = false;
      });
  });
})();
