// Functions the C++ shell calls (declared in src/web/web.hpp). The page side (window.portal,
// the hidden text input, paste, loading indicator) lives in web/boot.js as window.PortalPage.
mergeInto(LibraryManager.library, {
  portal_js_download: function (name, mime, text) {
    var n = UTF8ToString(name), t = UTF8ToString(text), m = UTF8ToString(mime) || 'application/octet-stream';
    var blob = new Blob([t], { type: m });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = n;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  },

  portal_js_open_url: function (url) {
    var u = UTF8ToString(url);
    if (window.PortalPage) window.PortalPage.lastOpened = u;
    if (u.indexOf('mailto:') === 0) {
      // A mailto: link opens the mail client without leaving the page.
      var a = document.createElement('a');
      a.href = u;
      document.body.appendChild(a);
      a.click();
      a.remove();
    } else {
      window.open(u, '_blank', 'noopener');
    }
  },

  // A document made by the core (invoice, quote, directory) in a new tab, from a Blob URL: no
  // server round trip, and the page keeps its own Content-Security-Policy (no script runs).
  // PortalPage.lastOpened / lastHtml / lastName keep what was opened for tests.
  portal_js_open_html: function (name, html) {
    var n = UTF8ToString(name), h = UTF8ToString(html);
    var url = URL.createObjectURL(new Blob([h], { type: 'text/html;charset=utf-8' }));
    if (window.PortalPage) {
      window.PortalPage.lastOpened = url;
      window.PortalPage.lastHtml = h;
      window.PortalPage.lastName = n;
    }
    window.open(url, '_blank', 'noopener');
    // The new tab has loaded it by then; the URL is kept a minute for a slow start.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  },

  portal_js_pick_file: function (kind) {
    var k = UTF8ToString(kind);
    if (window.PortalPage) window.PortalPage.pickFile(k);
  },

  portal_js_clipboard_set: function (text) {
    var t = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function () {});
  },

  portal_js_ime: function (active, x, y, h) {
    if (window.PortalPage) window.PortalPage.textInput(!!active, x, y, h);
  },

  portal_js_query: function (name) {
    var v = new URLSearchParams(window.location.search).get(UTF8ToString(name)) || '';
    return stringToNewUTF8(v);
  },

  portal_js_ready: function () {
    if (window.PortalPage) window.PortalPage.ready();
  },

  portal_js_fatal: function (message) {
    var m = UTF8ToString(message);
    if (window.PortalPage) window.PortalPage.fail(m);
  },

  portal_js_now_ms: function () {
    return performance.now();
  },
});
