// The browser side of the sync engine (src/web/sync_web.cpp drives a sync::SyncSession): each
// step the session asks for is carried out here asynchronously and its result handed back to
// C++, which feeds it into the session from the main loop. Nothing blocks, no ASYNCIFY.
//   Send    -> fetch (headers as given, Authorization added here, timeout by AbortController;
//              status 0 and an error text when there is no answer)
//   Wait    -> setTimeout
//   Decrypt / Encrypt -> WebCrypto: PBKDF2-SHA256 + AES-256-GCM, byte for byte the envelope of
//              src/sync/envelope.cpp (docs/sync.md); keys cached per (salt, iterations) in memory.
//              The book is compressed first (CompressionStream "deflate-raw", as zlib natively);
//              envelopes without "compression" (older writers) are read as before.
// The secrets live here, never in wasm memory or the model: credentials in localStorage (the
// browser's local settings), the passphrase in sessionStorage (this tab only, gone when it
// closes). C++ learns only whether they are set (portal_sync_secrets).
mergeInto(LibraryManager.library, {
  $PortalSync: {
    keys: {},              // "iterations:salt" -> CryptoKey, for the current passphrase
    lastKey: null,         // {salt, iterations, key}: encryption reuses it (fresh nonce each time)
    LOCAL: 'portal-sync-settings',
    CREDS: 'portal-sync-credentials',
    PHRASE: 'portal-sync-passphrase',
    str: function (s) { return stringToNewUTF8(String(s)); },
    // Hands a text result to C++: malloc'd (never the 1 MB stack: books are large), freed after.
    call: function (name, args) {
      var ptrs = [];
      var vals = args.map(function (a) {
        if (typeof a === 'string') { var p = PortalSync.str(a); ptrs.push(p); return p; }
        return a;
      });
      try { Module['_' + name].apply(null, vals); } finally { ptrs.forEach(function (p) { _free(p); }); }
    },
    read: function (store, key) {
      try { var v = store.getItem(key); return v ? JSON.parse(v) : null; } catch (e) { return null; }
    },
    creds: function () { return PortalSync.read(localStorage, PortalSync.CREDS) || {}; },
    phrase: function () { try { return sessionStorage.getItem(PortalSync.PHRASE) || ''; } catch (e) { return ''; } },
    report: function () {
      var c = PortalSync.creds();
      var kind = c.token ? 'token' : (c.user ? 'basic' : '');
      PortalSync.call('portal_sync_secrets', [kind, PortalSync.phrase() ? 1 : 0]);
    },
    authorization: function () {
      var c = PortalSync.creds();
      if (c.token) return 'Bearer ' + c.token;
      if (c.user) {
        var bytes = new TextEncoder().encode(c.user + ':' + (c.password || ''));
        return 'Basic ' + PortalSync.b64(bytes);
      }
      return '';
    },
    b64: function (bytes) {  // chunked: String.fromCharCode.apply has an argument limit
      var s = '';
      for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    unb64: function (text) {
      var s = atob(text), out = new Uint8Array(s.length);
      for (var i = 0; i < s.length; ++i) out[i] = s.charCodeAt(i);
      return out;
    },
    key: function (salt, iterations) {
      var id = iterations + ':' + PortalSync.b64(salt);
      var hit = PortalSync.keys[id];
      var got = hit ? Promise.resolve(hit) : crypto.subtle.importKey('raw', new TextEncoder().encode(PortalSync.phrase()),
        'PBKDF2', false, ['deriveKey']).then(function (base) {
          return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations },
            base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
        }).then(function (k) { PortalSync.keys[id] = k; return k; });
      return got.then(function (k) { PortalSync.lastKey = { salt: salt, iterations: iterations, key: k }; return k; });
    },
    // Bytes through a CompressionStream / DecompressionStream, to an ArrayBuffer.
    pipe: function (bytes, stream) {
      return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer();
    },
    // {bytes, compression}: deflate-raw when the browser has it, else the bytes as they are
    // (an envelope without "compression", which every reader opens).
    deflate: function (bytes) {
      var stream = null;
      try { stream = new CompressionStream('deflate-raw'); } catch (e) { stream = null; }
      if (!stream) return Promise.resolve({ bytes: bytes, compression: '' });
      return PortalSync.pipe(bytes, stream).then(function (packed) {
        return { bytes: new Uint8Array(packed), compression: 'deflate-raw' };
      });
    },
    inflate: function (bytes) {
      var stream = null;
      try { stream = new DecompressionStream('deflate-raw'); } catch (e) { stream = null; }
      if (!stream) return Promise.reject(new Error('this browser cannot read a compressed book (no DecompressionStream "deflate-raw")'));
      return PortalSync.pipe(bytes, stream).then(null, function () {
        throw new Error('cannot decompress the decrypted book (deflate-raw): it is damaged');
      });
    },
    decrypt: function (text) {
      var env = JSON.parse(text);  // checked member by member in C++ (parse_envelope) before this
      var salt = PortalSync.unb64(env.kdf.salt);
      return PortalSync.key(salt, env.kdf.iterations).then(function (k) {
        return crypto.subtle.decrypt({ name: 'AES-GCM', iv: PortalSync.unb64(env.cipher.nonce), tagLength: 128 }, k,
          PortalSync.unb64(env.ciphertext));
      }).then(null, function (e) {
        if (e && e.name === 'OperationError') throw new Error('wrong passphrase, or the file was altered after it was encrypted');
        throw e;
      }).then(function (plain) {
        return env.compression === 'deflate-raw' ? PortalSync.inflate(plain) : plain;
      }).then(function (plain) { return new TextDecoder().decode(plain); });
    },
    encrypt: function (text, iterations) {
      var last = PortalSync.lastKey;
      var salt = last && last.iterations === iterations ? last.salt : crypto.getRandomValues(new Uint8Array(16));
      var nonce = crypto.getRandomValues(new Uint8Array(12));
      var packed = null;
      return PortalSync.deflate(new TextEncoder().encode(text)).then(function (p) {
        packed = p;
        return PortalSync.key(salt, iterations);
      }).then(function (k) {
        return crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, k, packed.bytes);
      }).then(function (sealed) {
        var env = { schema: 'portal-envelope/1',
          kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: iterations, salt: PortalSync.b64(salt) },
          cipher: { name: 'AES-GCM', nonce: PortalSync.b64(nonce) } };
        if (packed.compression) env.compression = packed.compression;
        env.ciphertext = PortalSync.b64(new Uint8Array(sealed));
        return JSON.stringify(env);
      });
    },
  },

  // Loads the saved sync settings (host URL, automatic sync), reports which secrets are set, and
  // tells C++ when the browser goes on- or offline. Returns the settings as malloc'd JSON.
  portal_js_sync_init__deps: ['$PortalSync'],
  portal_js_sync_init: function () {
    window.PortalSync = PortalSync;
    window.addEventListener('online', function () { PortalSync.call('portal_sync_online', [1]); });
    window.addEventListener('offline', function () { PortalSync.call('portal_sync_online', [0]); });
    setTimeout(PortalSync.report, 0);
    var s = PortalSync.read(localStorage, PortalSync.LOCAL) || {};
    s.online = navigator.onLine !== false;
    return stringToNewUTF8(JSON.stringify(s));
  },

  portal_js_sync_save_settings__deps: ['$PortalSync'],
  portal_js_sync_save_settings: function (json) {
    try { localStorage.setItem(PortalSync.LOCAL, UTF8ToString(json)); } catch (e) {}
  },

  // kind: "basic" (a = user, b = password), "token" (a), "passphrase" (a), "forget" (all).
  // A new passphrase drops the cached keys.
  portal_js_sync_set_secret__deps: ['$PortalSync'],
  portal_js_sync_set_secret: function (kindPtr, aPtr, bPtr) {
    var kind = UTF8ToString(kindPtr), a = UTF8ToString(aPtr), b = UTF8ToString(bPtr);
    try {
      if (kind === 'basic') localStorage.setItem(PortalSync.CREDS, JSON.stringify({ user: a, password: b }));
      else if (kind === 'token') localStorage.setItem(PortalSync.CREDS, JSON.stringify({ token: a }));
      else if (kind === 'no_credentials') localStorage.removeItem(PortalSync.CREDS);
      else if (kind === 'passphrase') {
        if (a) sessionStorage.setItem(PortalSync.PHRASE, a); else sessionStorage.removeItem(PortalSync.PHRASE);
        PortalSync.keys = {};
        PortalSync.lastKey = null;
      } else if (kind === 'forget') {
        localStorage.removeItem(PortalSync.CREDS);
        sessionStorage.removeItem(PortalSync.PHRASE);
        PortalSync.keys = {};
        PortalSync.lastKey = null;
      }
    } catch (e) {}
    PortalSync.report();
  },

  portal_js_sync_send__deps: ['$PortalSync'],
  portal_js_sync_send: function (id, methodPtr, urlPtr, headersPtr, bodyPtr, timeoutMs, withAuth) {
    var method = UTF8ToString(methodPtr), url = UTF8ToString(urlPtr);
    var body = method === 'PUT' ? UTF8ToString(bodyPtr) : undefined;
    var h = new Headers();
    try {
      JSON.parse(UTF8ToString(headersPtr)).forEach(function (p) { h.append(p[0], p[1]); });
      var auth = withAuth ? PortalSync.authorization() : '';
      if (auth) h.set('Authorization', auth);
    } catch (e) {  // a header value the browser refuses (say, a non-Latin-1 password): no request
      setTimeout(function () { PortalSync.call('portal_sync_response', [id, 0, '[]', '', 'the request cannot be made: ' + e.message]); }, 0);
      return;
    }
    var ctl = new AbortController(), timedOut = false;
    var timer = setTimeout(function () { timedOut = true; ctl.abort(); }, timeoutMs);
    // no-store: the answer is the host's, never the HTTP cache's or the service worker's.
    fetch(url, { method: method, headers: h, body: body, cache: 'no-store', credentials: 'omit', mode: 'cors',
                 redirect: 'follow', signal: ctl.signal })
      .then(function (res) {
        return (method === 'HEAD' ? Promise.resolve('') : res.text()).then(function (text) {
          var pairs = [];
          res.headers.forEach(function (v, k) { pairs.push([k, v]); });
          clearTimeout(timer);
          PortalSync.call('portal_sync_response', [id, res.status, JSON.stringify(pairs), text, '']);
        });
      })
      .catch(function (e) {
        clearTimeout(timer);
        var why = timedOut ? 'no answer within ' + Math.round(timeoutMs / 1000) + ' s'
                           : (navigator.onLine === false ? 'the browser is offline' : 'no connection to the host');
        PortalSync.call('portal_sync_response', [id, 0, '[]', '', why]);
      });
  },

  portal_js_sync_wait: function (id, ms) {
    setTimeout(function () { Module['_portal_sync_waited'](id); }, ms);
  },

  // op 0: decrypt the envelope `text`; op 1: encrypt the book `text` with `iterations`.
  portal_js_sync_crypto__deps: ['$PortalSync'],
  portal_js_sync_crypto: function (id, op, textPtr, iterations) {
    var text = UTF8ToString(textPtr);
    var done = function (ok, out, err) { PortalSync.call('portal_sync_crypto_done', [id, ok, out, err]); };
    if (!window.crypto || !crypto.subtle) { done(0, '', 'this page has no WebCrypto (it needs https:// or localhost)'); return; }
    if (!PortalSync.phrase()) { done(0, '', 'no passphrase is set'); return; }
    var work;
    try { work = op === 0 ? PortalSync.decrypt(text) : PortalSync.encrypt(text, iterations); } catch (e) { work = Promise.reject(e); }
    work.then(function (out) { done(1, out, ''); }, function (e) { done(0, '', String(e && e.message || e)); });
  },
});
