// IndexedDB glue called from src/web/storage_web.cpp, over Emscripten's IDBFS object store (the
// same records `FS.syncfs` reads and writes, so books saved by earlier versions still open):
// - start: mount, read IndexedDB into the mount (all but `later` files), elect one writer tab
//   (navigator.locks), persist() and estimate() for Settings; then read the `later` files.
// - flush: one readwrite transaction putting only the files that changed since the last one and
//   deleting removed ones, compared with what this tab knows IndexedDB holds (`known`): no walk of
//   IndexedDB and no rewrite of unchanged files per action, unlike syncfs(false). One at a time
//   (in-flight + dirty-again flags); also on visibilitychange to hidden and pagehide.
// An action is saved once the transaction holding its journal file completes; a transaction is
// all or nothing, so a closed tab leaves IndexedDB as it was before or after it, never between.
mergeInto(LibraryManager.library, {
  portal_js_storage_start__deps: ['$FS', '$IDBFS', '$PATH'],
  portal_js_storage_start: function (mountPtr) {
    var mount = UTF8ToString(mountPtr);
    var st = window.PortalStorage = {
      inFlight: false, dirty: false, wanted: 0, saved: 0, writer: false, flushes: 0, lastFlushMs: 0, lastFlushFiles: 0,
      readMs: 0, openMs: 0, laterMs: 0,  // start: IndexedDB read, store opened, `later` files read
      known: {},   // path -> {t: mtime ms, n: size} as IndexedDB holds it
      later: {},   // path -> true: in IndexedDB, read after the book is open (not in the mount yet)
      db: null, mnt: null,
    };
    // Not on the start-up path: the sync base (a whole book, needed only when a sync starts) and
    // every snapshot but the newest (needed to restore one, or if the newest were damaged: then
    // the store waits for them, see storage_web.cpp).
    var LATER = /\/sync-state\.json$/, SNAPSHOT = /\/snapshot-(\d+)\.json$/;
    function call(name, args) {
      var types = args.map(function (a) { return typeof a === 'string' ? 'string' : 'number'; });
      Module.ccall(name, null, types, args);
    }
    function message(e) { return String((e && (e.message || e.name)) || e || 'unknown error'); }
    // Every file and folder under the mount, with what the flush compares.
    function walk() {
      var out = {}, dirs = [mount];
      while (dirs.length) {
        var dir = dirs.pop();
        FS.readdir(dir).forEach(function (name) {
          if (name === '.' || name === '..') return;
          var p = PATH.join2(dir, name), s = FS.stat(p), isDir = FS.isDir(s.mode);
          if (isDir) dirs.push(p);
          out[p] = { t: s.mtime.getTime(), n: isDir ? 0 : s.size };
        });
      }
      return out;
    }
    st.estimate = function () {
      if (!navigator.storage || !navigator.storage.estimate) return;
      var persisted = navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false);
      Promise.all([persisted, navigator.storage.estimate()]).then(function (r) {
        call('portal_storage_estimate', [r[0] ? 1 : 0, r[1].usage || 0, r[1].quota || 0]);
      }).catch(function () {});
    };
    function flushed(seq, t0, files, err) {
      st.inFlight = false;
      st.flushes++;
      st.lastFlushMs = performance.now() - t0;
      st.lastFlushFiles = files;
      if (!err && seq > st.saved) st.saved = seq;
      call('portal_storage_flushed', [seq, err ? 0 : 1, err ? message(err) : '']);
      if (st.dirty) st.flush(); else if (files) st.estimate();
    }
    st.flush = function () {
      if (!st.writer || !st.db) return;
      if (st.inFlight) { st.dirty = true; return; }
      st.inFlight = true;
      st.dirty = false;
      var seq = st.wanted, t0 = performance.now();
      var local, put = [], del = [];
      try {
        local = walk();
      } catch (e) {
        Promise.resolve().then(function () { flushed(seq, t0, 0, e); });
        return;
      }
      Object.keys(local).forEach(function (p) {
        var k = st.known[p];
        if (!k || k.t !== local[p].t || k.n !== local[p].n) put.push(p);
      });
      Object.keys(st.known).forEach(function (p) { if (!local[p] && !st.later[p]) del.push(p); });
      if (!put.length && !del.length) {  // answered after the caller returns, like a transaction
        Promise.resolve().then(function () { flushed(seq, t0, 0, null); });
        return;
      }
      var tx;
      try {
        tx = st.db.transaction([IDBFS.DB_STORE_NAME], 'readwrite');
        var store = tx.objectStore(IDBFS.DB_STORE_NAME);
        put.sort().forEach(function (p) {  // folders before the files in them
          var s = FS.stat(p);
          // The record IDBFS writes; readFile copies exactly the file's bytes.
          store.put(FS.isDir(s.mode) ? { timestamp: s.mtime, mode: s.mode }
                                     : { timestamp: s.mtime, mode: s.mode, contents: FS.readFile(p) }, p);
        });
        del.sort().reverse().forEach(function (p) { store.delete(p); });
      } catch (e) {
        if (tx) try { tx.abort(); } catch (ignored) {}
        Promise.resolve().then(function () { flushed(seq, t0, 0, e); });
        return;
      }
      tx.oncomplete = function () {
        put.forEach(function (p) { st.known[p] = local[p]; delete st.later[p]; });
        del.forEach(function (p) { delete st.known[p]; });
        flushed(seq, t0, put.length + del.length, null);
      };
      tx.onabort = function () { flushed(seq, t0, 0, tx.error || 'the IndexedDB transaction was aborted'); };
    };
    // IndexedDB into the mount (files deleted there are deleted here), except `later` files.
    function load(done) {
      try {
        try { FS.mkdir(mount); } catch (e) {}
        if (!st.mnt) { FS.mount(IDBFS, {}, mount); st.mnt = FS.lookupPath(mount).node.mount; }
      } catch (e) { done(message(e)); return; }
      IDBFS.getLocalSet(st.mnt, function (err, local) {
        if (err) return done(message(err));
        IDBFS.getRemoteSet(st.mnt, function (err, remote) {
          if (err) return done(message(err));
          st.db = remote.db;
          var now = { type: 'remote', db: remote.db, entries: {} }, later = {}, newest = -1;
          Object.keys(remote.entries).forEach(function (p) {
            var m = SNAPSHOT.exec(p);
            if (m && Number(m[1]) > newest) newest = Number(m[1]);
          });
          Object.keys(remote.entries).forEach(function (p) {
            var m = SNAPSHOT.exec(p);
            if (LATER.test(p) || (m && Number(m[1]) !== newest)) later[p] = remote.entries[p];
            else now.entries[p] = remote.entries[p];
          });
          IDBFS.reconcile(now, local, function (err) {
            if (err) return done(message(err));
            try { st.known = walk(); } catch (e) { return done(message(e)); }
            st.later = {};
            Object.keys(later).forEach(function (p) {
              st.later[p] = true;
              st.known[p] = { t: later[p].timestamp.getTime(), n: -1 };
            });
            done('');
          });
        });
      });
    }
    // The `later` files, once the book is open; a file written here meanwhile is newer and stays.
    function loadLater() {
      var paths = Object.keys(st.later);
      if (!paths.length || !st.db) return;
      var t0 = performance.now();
      var tx = st.db.transaction([IDBFS.DB_STORE_NAME], 'readonly'), store = tx.objectStore(IDBFS.DB_STORE_NAME);
      paths.forEach(function (p) {
        store.get(p).onsuccess = function (ev) {
          var e = ev.target.result;
          if (!st.later[p]) return;
          delete st.later[p];
          if (!e || !e.contents) { delete st.known[p]; return; }
          try {
            FS.writeFile(p, e.contents, { canOwn: true });
            FS.utime(p, e.timestamp, e.timestamp);
            var s = FS.stat(p);
            st.known[p] = { t: s.mtime.getTime(), n: s.size };
          } catch (err) { delete st.known[p]; }
        };
      });
      var finished = function () {
        st.later = {};
        st.laterMs = performance.now() - t0;
        call('portal_storage_later_loaded', []);
      };
      tx.oncomplete = finished;
      tx.onabort = finished;
    }
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
    var t0 = performance.now();
    var loaded = new Promise(load);
    Promise.all([loaded, lock]).then(function (r) {
      st.writer = r[1] && !r[0];
      st.readMs = performance.now() - t0;  // IndexedDB into the mount (diagnostics for benchmarks)
      call('portal_storage_loaded', [r[0] ? 0 : 1, st.writer ? 1 : 0, r[0]]);
      st.openMs = performance.now() - t0 - st.readMs;  // Store::open and the first derived values
      if (!r[0]) loadLater();
      // A read-only tab queues for the lock: when the writer tab closes, it reloads what that tab
      // saved and becomes the writer.
      if (!r[1] && !r[0] && navigator.locks) {
        navigator.locks.request('portal-book-writer', function () {
          load(function (err) {
            st.writer = !err;
            call('portal_storage_loaded', [err ? 0 : 1, st.writer ? 1 : 0, err]);
            if (!err) loadLater();
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

  // The ids of snapshots in IndexedDB not read into the mount yet, "1,2,5" (freed by the caller).
  portal_js_storage_later_snapshots: function () {
    var st = window.PortalStorage, ids = [];
    if (st) Object.keys(st.later).forEach(function (p) {
      var m = /\/snapshot-(\d+)\.json$/.exec(p);
      if (m) ids.push(m[1]);
    });
    return stringToNewUTF8(ids.join(','));
  },

  // 1 while `path` is in IndexedDB but not read into the mount yet (portal_storage_later_loaded follows).
  portal_js_storage_later: function (pathPtr) {
    var st = window.PortalStorage;
    return st && st.later[UTF8ToString(pathPtr)] ? 1 : 0;
  },
});
