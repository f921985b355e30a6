// Page side of the portal: checks WebGL2, shows loading progress and clear failure messages,
// loads portal.js, and exposes window.portal (state, dispatch, locate) for scripts and tests.
// It also owns the hidden <input> that lets phones and IMEs type into ImGui text fields.
(function () {
  'use strict';
  var statusEl = document.getElementById('status');
  var statusText = document.getElementById('status-text');
  var fatalEl = document.getElementById('fatal');
  var canvas = document.getElementById('canvas');
  var ime = document.getElementById('ime');
  var started = false;

  var page = window.PortalPage = { lastOpened: '', lastHtml: '', lastName: '', failed: '', isReady: false };

  page.fail = function (message) {
    page.failed = message;
    statusEl.hidden = true;
    canvas.hidden = true;
    fatalEl.hidden = false;
    fatalEl.querySelector('p').textContent = message;
  };
  page.ready = function () {
    page.isReady = true;
    statusEl.hidden = true;
  };
  function setStatus(text) {
    if (!page.isReady && !page.failed && text) statusText.textContent = text;
  }

  // [SECTION] Strings into wasm memory: malloc'd, never on the 1 MB stack (files can be large).
  function withString(s, fn) {
    var p = Module.stringToNewUTF8(String(s));
    try { return fn(p); } finally { Module._free(p); }
  }
  function answer(ptr) { return JSON.parse(Module.UTF8ToString(ptr)); }

  // [SECTION] window.portal: the same update() path the UI uses.
  window.portal = {
    state: function () { return answer(Module._portal_state()); },
    dispatch: function (action) {
      return withString(JSON.stringify(action), function (p) { return answer(Module._portal_dispatch(p)); });
    },
    locate: function (label) { return withString(label, function (p) { return answer(Module._portal_locate(p)); }); },
    labels: function () { return withString('', function (p) { return answer(Module._portal_locate(p)); }); },
    importText: function (name, text) { loadFile('book', name, text); return window.portal.state().import; },
    lastOpened: function () { return page.lastOpened; },
    // {first_frame_at_ms, frames, ticks, frame_ms: [...]}: drawn frames' times since the last clear.
    frames: function (clear) { return answer(Module._portal_frames(clear ? 1 : 0)); },
    // The last document opened in a tab (invoice, quote, directory): its Blob URL, file name, HTML.
    lastDocument: function () { return { url: page.lastOpened, name: page.lastName, html: page.lastHtml }; },
  };

  function loadFile(kind, name, text) {
    withString(kind, function (k) {
      withString(name, function (n) {
        withString(text, function (t) { Module._portal_file_loaded(k, n, t); });
      });
    });
  }

  page.pickFile = function (kind) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > 64 * 1024 * 1024) {  // the app refuses it with a message, without reading it
        window.portal.dispatch({ type: 'import.file', name: file.name, too_large: file.size });
        return;
      }
      file.text().then(function (text) { loadFile(kind, file.name, text); },
        function () { loadFile(kind, file.name, ''); });
    });
    input.click();
  };

  // [SECTION] Text input: while ImGui wants text, a hidden <input> at the caret has the focus, so
  // phone keyboards and IMEs work; whatever it receives is passed on whole, as UTF-8.
  page.textInput = function (active, x, y, h) {
    if (active) {
      ime.style.left = x + 'px';
      ime.style.top = y + 'px';
      ime.style.height = Math.max(h, 16) + 'px';
      if (document.activeElement !== ime) ime.focus({ preventScroll: true });
    } else if (document.activeElement === ime) {
      ime.blur();
    }
  };
  function sendText(text) {
    if (!text || !started) return;
    withString(text, function (p) { Module._portal_text_input(p); });
  }
  ime.addEventListener('input', function (e) {
    if (e.isComposing) return;
    sendText(ime.value);
    ime.value = '';
  });
  ime.addEventListener('compositionend', function () {
    sendText(ime.value);
    ime.value = '';
  });
  // Registered before GLFW's own listener: a key typed into the hidden input arrives through its
  // input event only, never twice.
  window.addEventListener('keypress', function (e) {
    if (e.target === ime) e.stopImmediatePropagation();
  }, true);
  // Pointer release is a user gesture: refocus there so phones raise their keyboard.
  canvas.addEventListener('pointerup', function () { if (started) Module._portal_wake(); });

  // [SECTION] Clipboard: the browser's is asynchronous, so the app reads a cache filled on paste.
  document.addEventListener('paste', function (e) {
    var text = (e.clipboardData && e.clipboardData.getData('text/plain')) || '';
    if (started) withString(text, function (p) { Module._portal_clipboard_cache(p); });
    if (e.target === ime) e.preventDefault();
  }, true);

  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // [SECTION] Start
  // First, download and compile the wasm while portal.js is still arriving (streaming compilation);
  // a host that serves .wasm with the wrong MIME type still works, compiling from the bytes.
  var wasmModule = null, instantiateWasm = null;
  if (typeof WebAssembly === 'object' && WebAssembly.compileStreaming) {
    wasmModule = WebAssembly.compileStreaming(fetch('portal.wasm', { credentials: 'same-origin' })).catch(function () {
      return fetch('portal.wasm', { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error('portal.wasm: HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (bytes) { return WebAssembly.compile(bytes); });
    });
    wasmModule.catch(function () {});  // reported by instantiateWasm below, if the app gets that far
    instantiateWasm = function (imports, receive) {
      wasmModule.then(function (mod) {
        return WebAssembly.instantiate(mod, imports).then(function (instance) { receive(instance, mod); });
      }).catch(function (e) {
        page.fail('The portal could not start (' + String(e && e.message || e) + '). Reload the page; if it persists, the site may be incomplete.');
      });
      return {};  // the exports arrive through receive()
    };
  }

  // The WebGL2 context the app draws with, made now, while the wasm downloads and compiles, rather
  // than in main() on the way to the first frame (-sGL_PREINITIALIZED_CONTEXT: GLFW takes it). The
  // attributes are those GLFW asks for by default.
  var gl = null;
  try { gl = canvas.getContext('webgl2', { antialias: false, depth: true, stencil: true, alpha: true }); } catch (e) { gl = null; }
  if (!gl) {
    page.fail('This browser has no WebGL2, which the portal needs to draw its interface. ' +
              'Please open it in a current Firefox, Chrome, Edge or Safari (hardware acceleration on).');
    return;
  }

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    setStatus: setStatus,
    totalDependencies: 0,
    monitorRunDependencies: function (left) {
      this.totalDependencies = Math.max(this.totalDependencies, left);
      setStatus(left ? 'Loading the portal… (' + (this.totalDependencies - left) + '/' + this.totalDependencies + ')'
                     : 'Starting…');
    },
    onRuntimeInitialized: function () { started = true; },
    preinitializedWebGLContext: gl,
    onAbort: function (what) {
      page.fail('The portal could not start (' + String(what || 'the WebAssembly module failed to load') +
                '). Reload the page; if it persists, the site may be incomplete.');
    },
  };
  if (instantiateWasm) window.Module.instantiateWasm = instantiateWasm;

  // The app stops drawing, and its loop, while idle (src/web/main.cpp); any input starts it again.
  ['pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup', 'mousemove', 'wheel', 'keydown', 'keyup',
   'touchstart', 'touchmove', 'touchend', 'focus', 'blur', 'resize'].forEach(function (type) {
    window.addEventListener(type, function () { if (started && Module._portal_wake) Module._portal_wake(); },
                            { capture: true, passive: true });
  });

  var script = document.createElement('script');
  script.src = 'portal.js';
  script.async = true;
  script.onerror = function () { page.fail('The portal could not be downloaded (portal.js). Check the connection and reload.'); };
  document.body.appendChild(script);

  if ('serviceWorker' in navigator && location.protocol !== 'file:' && !/[?&]nosw=1/.test(location.search)) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('sw.js').catch(function () {});
    });
  }
})();
