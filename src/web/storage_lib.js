// IDBFS glue called from src/web/storage_web.cpp: mount + syncfs(true) once at start, one writer
// tab (navigator.locks), syncfs(false) flushes one at a time (in-flight + dirty-again flags),
// flush on visibilitychange to hidden and pagehide, persist() and estimate() for Settings.
mergeInto(LibraryManager.library, {
  portal_js_storage_start__deps: ['$FS', '$IDBFS'],
  portal_js_storage_start: function (mountPtr) {
    var mount = UTF8ToString(mountPtr);
    var st = window.PortalStorage = { inFlight: false, dirty: false, wanted: 0, writer: false, flushes: 0, lastFlushMs: 0 };
    function call(name, args) {
      var types = args.map(function (a) { return typeof a === 'string' ? 'string' : 'number'; });
      Module.ccall(name, null, types, args);
    }
    st.estimate = function () {
      if (!navigator.storage || !navigator.storage.estimate) return;
      var persisted = navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false);
      Promise.all([persisted, navigator.storage.estimate()]).then(function (r) {
        call('portal_storage_estimate', [r[0] ? 1 : 0, r[1].usage || 0, r[1].quota || 0]);
      }).catch(function () {});
    };
    st.flush = function () {
      if (!st.writer) return;
      if (st.inFlight) { st.dirty = true; return; }
      st.inFlight = true;
      st.dirty = false;
      var seq = st.wanted, t0 = performance.now();
      FS.syncfs(false, function (err) {
        st.inFlight = false;
        st.flushes++;
        st.lastFlushMs = performance.now() - t0;
        call('portal_storage_flushed', [seq, err ? 0 : 1, err ? String(err.message || err) : '']);
        if (st.dirty) st.flush(); else st.estimate();
      });
    };
    // Flushing is what makes a change durable: also on leaving (beforeunload often never finishes).
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') st.flush(); });
    window.addEventListener('pagehide', function () { st.flush(); });

    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().then(st.estimate, st.estimate);
    var lock = new Promise(function (resolve) {
      if (!navigator.locks) { resolve(true); return; }  // no Web Locks: assume a single tab
      navigator.locks.request('portal-book-writer', { ifAvailable: true }, function (l) {
        resolve(!!l);
        if (l) return new Promise(function () {});  // held for the life of the tab
      }).catch(function () { resolve(true); });
    });
    var loaded = new Promise(function (resolve) {
      try {
        try { FS.mkdir(mount); } catch (e) {}
        FS.mount(IDBFS, {}, mount);
        FS.syncfs(true, function (err) { resolve(err ? String(err.message || err) : ''); });
      } catch (e) { resolve(String(e.message || e)); }
    });
    Promise.all([loaded, lock]).then(function (r) {
      st.writer = r[1] && !r[0];
      call('portal_storage_loaded', [r[0] ? 0 : 1, st.writer ? 1 : 0, r[0]]);
      // A read-only tab queues for the lock: when the writer tab closes, it reloads what that tab
      // saved and becomes the writer.
      if (!r[1] && !r[0] && navigator.locks) {
        navigator.locks.request('portal-book-writer', function () {
          FS.syncfs(true, function (err) {
            st.writer = !err;
            call('portal_storage_loaded', [err ? 0 : 1, st.writer ? 1 : 0, err ? String(err.message || err) : '']);
          });
          return new Promise(function () {});
        }).catch(function () {});
      }
    });
  },

  portal_js_storage_flush: function (seq) {
    var st = window.PortalStorage;
    if (!st) return;
    if (seq > st.wanted) st.wanted = seq;
    st.flush();
  },
});
