/* global document, window */
/**
 * The community help form with JavaScript (issue 22): served as it is by the server
 * (`/help/form.js`), no build, no third-party service. On sending it fetches a challenge
 * (`GET /api/public/challenge`), finds the proof of work — the first nonce 0, 1, 2… such that
 * SHA-256(`${salt}:${nonce}`) starts with `difficulty` zero bits (web/src/features/public-help/
 * pow.ts, the same algorithm) — and posts the fields as JSON; errors appear beside the fields,
 * the reference in place of the form. Without this script the form posts as plain HTML.
 */
(function () {
  'use strict';

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];
  var W = new Int32Array(64);

  /** The first 32 bits of SHA-256(bytes). */
  function firstWord(bytes) {
    var length = bytes.length;
    var blocks = ((length + 9 + 63) >> 6) << 6;
    var m = new Uint8Array(blocks);
    m.set(bytes);
    m[length] = 0x80;
    var bits = length * 8;
    m[blocks - 4] = (bits >>> 24) & 255;
    m[blocks - 3] = (bits >>> 16) & 255;
    m[blocks - 2] = (bits >>> 8) & 255;
    m[blocks - 1] = bits & 255;
    var h0 = 0x6a09e667,
      h1 = 0xbb67ae85,
      h2 = 0x3c6ef372,
      h3 = 0xa54ff53a;
    var h4 = 0x510e527f,
      h5 = 0x9b05688c,
      h6 = 0x1f83d9ab,
      h7 = 0x5be0cd19;
    for (var off = 0; off < blocks; off += 64) {
      for (var i = 0; i < 16; i++) {
        var j = off + i * 4;
        W[i] = (m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3];
      }
      for (i = 16; i < 64; i++) {
        var x = W[i - 15],
          y = W[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = h0,
        b = h1,
        c = h2,
        d = h3,
        e = h4,
        f = h5,
        g = h6,
        h = h7;
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0;
      h1 = (h1 + b) | 0;
      h2 = (h2 + c) | 0;
      h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0;
      h5 = (h5 + f) | 0;
      h6 = (h6 + g) | 0;
      h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }

  /** Finds the nonce in rounds, letting the page breathe between them. */
  function solve(salt, difficulty) {
    var prefix = new TextEncoder().encode(salt + ':');
    var message = new Uint8Array(prefix.length + 16);
    message.set(prefix);
    return new Promise(function (resolve) {
      var nonce = 0;
      function round() {
        for (var end = nonce + 20000; nonce < end; nonce++) {
          var digits = String(nonce);
          for (var i = 0; i < digits.length; i++) message[prefix.length + i] = digits.charCodeAt(i);
          var word = firstWord(message.subarray(0, prefix.length + digits.length));
          if ((word === 0 ? 32 : Math.clz32(word)) >= difficulty) return resolve(digits);
        }
        setTimeout(round, 0);
      }
      round();
    });
  }

  var form = document.getElementById('help-form');
  if (!form || !window.fetch || !window.Promise) return;
  var button = form.querySelector('button[type=submit]');
  var progress = document.getElementById('form-progress');
  var messages = document.getElementById('form-messages');

  function clearErrors() {
    messages.textContent = '';
    var old = form.querySelectorAll('.error');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var marked = form.querySelectorAll('[aria-invalid]');
    for (i = 0; i < marked.length; i++) marked[i].removeAttribute('aria-invalid');
    var described = form.querySelectorAll('[aria-describedby]');
    for (i = 0; i < described.length; i++) {
      var own = described[i]
        .getAttribute('aria-describedby')
        .split(' ')
        .filter(function (x) {
          return x && !/-error$/.test(x);
        })
        .join(' ');
      if (own) described[i].setAttribute('aria-describedby', own);
      else described[i].removeAttribute('aria-describedby');
    }
  }

  function describe(element, id) {
    var own = element.getAttribute('aria-describedby');
    element.setAttribute('aria-describedby', (own ? own + ' ' : '') + id);
  }

  function showSummary(title, items) {
    messages.textContent = '';
    var box = document.createElement('div');
    box.className = 'summary';
    box.id = 'error-summary';
    box.setAttribute('role', 'alert');
    box.setAttribute('tabindex', '-1');
    var heading = document.createElement('h2');
    heading.textContent = title;
    box.appendChild(heading);
    if (items.length) {
      var list = document.createElement('ul');
      items.forEach(function (item) {
        var li = document.createElement('li');
        if (item.target) {
          var a = document.createElement('a');
          a.href = '#' + item.target;
          a.textContent = item.text;
          li.appendChild(a);
        } else li.textContent = item.text;
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    messages.appendChild(box);
    box.focus();
  }

  function labelOf(container) {
    var legend = container.querySelector('legend');
    var label = legend || container.querySelector('label');
    return label ? label.textContent.replace(/\s*\*\s*$/, '').trim() : '';
  }

  function showFieldErrors(details) {
    var items = [];
    details.forEach(function (detail) {
      var container = detail.field && form.querySelector('[data-field="' + detail.field + '"]');
      if (!container) {
        items.push({ text: detail.message });
        return;
      }
      var id = 'f-' + detail.field + '-error';
      var p = document.createElement('p');
      p.className = 'error';
      p.id = id;
      p.textContent = detail.message;
      var anchor = container.querySelector('legend') || container.querySelector('label');
      anchor.parentNode.insertBefore(p, anchor.nextSibling);
      var controls = container.querySelectorAll('input, select, textarea');
      for (var i = 0; i < controls.length; i++) {
        controls[i].setAttribute('aria-invalid', 'true');
        if (container.tagName !== 'FIELDSET' || controls[i].type === 'checkbox')
          describe(controls[i], id);
      }
      if (container.tagName === 'FIELDSET') describe(container, id);
      items.push({
        text: labelOf(container) + ': ' + detail.message,
        target: controls[0] && controls[0].id,
      });
    });
    showSummary(form.getAttribute('data-errors-title'), items);
  }

  function fields() {
    var data = new FormData(form);
    var body = {};
    data.forEach(function (value, name) {
      if (name !== 'formToken') body[name] = String(value);
    });
    body.consent = form.querySelector('#f-consent').checked;
    return body;
  }

  function showSuccess(result) {
    var template = document.getElementById('help-success');
    var main = document.getElementById('main');
    var content = template.content.cloneNode(true);
    content.querySelector('[data-slot=reference]').textContent = result.reference;
    var link = content.querySelector('[data-slot=status]');
    link.href = result.statusUrl;
    link.textContent = result.statusUrl;
    main.textContent = '';
    main.appendChild(content);
    var title = document.getElementById('success-title');
    if (title) title.focus();
  }

  var busy = false;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    busy = true;
    button.disabled = true;
    progress.textContent = form.getAttribute('data-sending');
    var body = fields();
    fetch('/api/public/challenge', { credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) throw new Error('challenge ' + res.status);
        return res.json();
      })
      .then(function (challenge) {
        return solve(challenge.salt, challenge.difficulty).then(function (nonce) {
          body.proof = Object.assign({}, challenge, { nonce: nonce });
          return fetch(form.getAttribute('data-api'), {
            method: 'POST',
            credentials: 'omit',
            headers: {
              'content-type': 'application/json',
              // The page's language: the errors come back in it.
              'accept-language': form.getAttribute('data-lang') || 'ca',
            },
            body: JSON.stringify(body),
          });
        });
      })
      .then(function (res) {
        return res.json().then(function (json) {
          return { status: res.status, json: json };
        });
      })
      .then(function (answer) {
        progress.textContent = '';
        if (answer.status === 201) return showSuccess(answer.json);
        clearErrors();
        var error = answer.json && answer.json.error;
        var details = (error && error.details) || [];
        var fieldDetails = details.filter(function (d) {
          return d.field && form.querySelector('[data-field="' + d.field + '"]');
        });
        if (fieldDetails.length) showFieldErrors(fieldDetails);
        else showSummary(error ? error.message : form.getAttribute('data-network-error'), []);
      })
      .catch(function () {
        progress.textContent = '';
        showSummary(form.getAttribute('data-network-error'), []);
      })
      .then(function () {
        busy = false;
        button.disabled = false;
      });
  });
})();
