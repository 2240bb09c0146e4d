// Resokit Web: passkeys (WebAuthn) on the security page and at the second sign-in step.
// The browser's WebAuthn API needs JavaScript; every text is in the page already
// (data-passkey-message), none is built here.
(function () {
  "use strict";

  function toBuffer(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var raw = atob(base64), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(o) {
    o.challenge = toBuffer(o.challenge);
    o.user.id = toBuffer(o.user.id);
    (o.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return o;
  }

  function requestOptions(o) {
    o.challenge = toBuffer(o.challenge);
    (o.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return o;
  }

  function asJSON(credential) {
    var r = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: toText(r.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    } else {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      if (r.userHandle) out.response.userHandle = toText(r.userHandle);
    }
    return out;
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function say(box, which) {
    box.querySelectorAll("[data-passkey-message]").forEach(function (p) {
      p.hidden = p.getAttribute("data-passkey-message") !== which;
    });
  }

  function start(box, button) {
    var registering = box.getAttribute("data-passkey") === "register";
    say(box, "busy");
    button.disabled = true;
    post(box.getAttribute("data-options-url"))
      .then(function (answer) {
        if (answer.status !== 200) throw answer;
        return registering
          ? navigator.credentials.create({ publicKey: creationOptions(answer.data) })
          : navigator.credentials.get({ publicKey: requestOptions(answer.data) });
      })
      .then(function (credential) {
        var name = box.querySelector("input[name=passkey_name]");
        return post(box.getAttribute("data-url"), {
          credential: asJSON(credential),
          name: name ? name.value : "",
          next: box.getAttribute("data-next") || ""
        });
      })
      .then(function (answer) {
        if (answer.data && answer.data.redirect) {
          window.location.assign(answer.data.redirect);
          return;
        }
        throw answer;
      })
      .catch(function (failure) {
        if (failure && failure.data && failure.data.redirect) {
          window.location.assign(failure.data.redirect);
          return;
        }
        say(box, "error");
        button.disabled = false;
      });
  }

  function setUp(root) {
    if (!window.PublicKeyCredential || !navigator.credentials) return;  // the box stays hidden
    root.querySelectorAll("[data-passkey]").forEach(function (box) {
      if (box.hasAttribute("data-passkey-ready")) return;
      box.setAttribute("data-passkey-ready", "");
      box.hidden = false;
      var button = box.querySelector("[data-passkey-start]");
      button.addEventListener("click", function () { start(box, button); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.detail.elt); });
})();
