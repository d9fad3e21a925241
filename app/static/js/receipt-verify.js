// "Verify my receipt": checks the signer's entries of the transparency log in the browser, from
// the public API only, with the browser's own SHA-256 and Ed25519 (WebCrypto): the signed tree
// head's signature (with the key valid at its timestamp), that each entry carries the receipt's
// pseudonym, and that its inclusion proof leads to the signed root (RFC 9162 §2.1.3.2). The
// words come from the page's data-msg-* attributes, translated on the server.
(function () {
  "use strict";

  var box = document.getElementById("log-receipt");
  var button = box && box.querySelector(".js-verify-receipt");
  if (!button || !window.crypto || !window.crypto.subtle || !window.fetch) return;
  var out = box.querySelector(".js-verify-result");
  var data = box.dataset;
  button.hidden = false;

  function say(template, values) {
    out.textContent = template.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }

  function fromHex(text) {
    var bytes = new Uint8Array(text.length / 2);
    for (var i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(text.substr(i * 2, 2), 16);
    return bytes;
  }

  function toHex(bytes) {
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function fromBase64(text) {
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }

  async function sha256(prefix, parts) {
    var length = 1 + parts.reduce(function (n, p) { return n + p.length; }, 0);
    var all = new Uint8Array(length);
    all[0] = prefix;
    var at = 1;
    parts.forEach(function (p) { all.set(p, at); at += p.length; });
    return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  }

  function leafHash(text) { return sha256(0, [new TextEncoder().encode(text)]); }
  function nodeHash(left, right) { return sha256(1, [left, right]); }

  // RFC 9162 §2.1.3.2: the root the audit path leads to, or null if the path cannot fit.
  async function rootOf(index, size, hash, path) {
    if (index >= size) return null;
    var fn = index, sn = size - 1, r = hash;
    for (var i = 0; i < path.length; i += 1) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(path[i], r);
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        r = await nodeHash(r, path[i]);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  async function json(url) {
    var answer = await fetch(url, { headers: { Accept: "application/json" } });
    if (!answer.ok) throw new Error(url + ": " + answer.status);
    return answer.json();
  }

  function keyAt(keys, timestamp) {
    return keys.find(function (key) {
      var from = Date.parse(key.valid_from) - 1000;
      var until = key.valid_until ? Date.parse(key.valid_until) : Infinity;
      return from <= timestamp && timestamp <= until;
    });
  }

  // true, false, or null when this browser has no Ed25519.
  async function signatureHolds(head, keys) {
    var key = keyAt(keys, head.timestamp);
    if (!key) return false;
    var signed = JSON.stringify({
      root_hash: head.root_hash, timestamp: head.timestamp, tree_size: head.tree_size
    });
    var publicKey;
    try {
      publicKey = await crypto.subtle.importKey(
        "raw", fromBase64(key.public_key), { name: "Ed25519" }, false, ["verify"]);
    } catch (error) {
      return null;
    }
    return crypto.subtle.verify(
      { name: "Ed25519" }, publicKey, fromBase64(head.signature), new TextEncoder().encode(signed));
  }

  async function checkEntry(index, head) {
    var query = "?start=" + index + "&end=" + (index + 1);
    var entry = (await json(data.entriesUrl + query)).entries[0];
    if (JSON.parse(entry.leaf_input).signature !== data.pseudonym) return data.msgNotYours;
    var proof = await json(
      data.proofUrl + "?leaf_index=" + index + "&tree_size=" + head.tree_size);
    var root = await rootOf(index, head.tree_size, await leafHash(entry.leaf_input),
      proof.audit_path.map(fromHex));
    return root && toHex(root) === head.root_hash ? null : data.msgMismatch;
  }

  async function verify() {
    button.disabled = true;
    say(data.msgChecking);
    var head = await json(data.sthUrl);
    var signature = await signatureHolds(head, (await json(data.keysUrl)).keys);
    if (signature === false) return say(data.msgBadSignature);
    var indexes = data.indexes.split(" ").map(Number);
    for (var i = 0; i < indexes.length; i += 1) {
      if (indexes[i] >= head.tree_size) return say(data.msgPending, { index: indexes[i] });
      var failure = await checkEntry(indexes[i], head);
      if (failure) return say(failure, { index: indexes[i] });
    }
    var when = new Date(head.timestamp).toISOString().replace("T", " ").slice(0, 19);
    var last = indexes[indexes.length - 1];
    say(data.msgOk, { index: last, size: head.tree_size, time: when });
    if (signature === null) out.textContent += " " + data.msgOkUnsigned;
  }

  button.addEventListener("click", function () {
    verify().catch(function () { say(data.msgError); }).finally(function () {
      button.disabled = false;
    });
  });
})();
