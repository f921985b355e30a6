# Shared by the Apache integration scripts (source it; bash): a private Apache httpd + mod_dav
# on a free loopback port, configured by docs/apache-portal.conf, in the folder $T.
#   apache_setup T REPO USER PASSWORD   sets PORT, URL; creates $T/root (served), $T/run, htpasswd
#   start_apache [-DNAME ...]            starts it and waits until it answers
#   stop_apache                          stops it (safe to call twice; call it from an EXIT trap)
#   apache_cleanup DIR                   for an EXIT trap: stops it, shows its error log on failure, removes DIR

apache_fail() { echo "FAIL: $*" >&2; exit 1; }

apache_setup() {
    APACHE_T=$1; APACHE_REPO=$2
    APACHE=$(command -v apache2 || echo /usr/sbin/apache2)
    [ -x "$APACHE" ] || apache_fail "apache2 is not installed (Debian package apache2)"
    command -v htpasswd >/dev/null || apache_fail "htpasswd is not installed (Debian package apache2-utils)"
    chmod 755 "$APACHE_T"
    mkdir -p "$APACHE_T/root" "$APACHE_T/run"
    PORT=""
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
    done
    [ -n "$PORT" ] || apache_fail "no free port"
    URL="http://127.0.0.1:$PORT/"
    export PORTAL_PORT=$PORT PORTAL_ROOT="$APACHE_T/root" PORTAL_RUN="$APACHE_T/run"
    export PORTAL_HTPASSWD="$APACHE_T/htpasswd" PORTAL_ORIGIN="*"
    APACHE_DEFS=()
    if [ "$(id -u)" = 0 ]; then
        # Started by root, Apache drops to an unprivileged account, which must own what it writes.
        PORTAL_USER=www-data; PORTAL_GROUP=www-data
        id www-data >/dev/null 2>&1 || { PORTAL_USER=nobody; PORTAL_GROUP=nogroup; }
        export PORTAL_USER PORTAL_GROUP
        chown "$PORTAL_USER:$PORTAL_GROUP" "$APACHE_T/root" "$APACHE_T/run"
    else
        export PORTAL_USER=unused PORTAL_GROUP=unused
        APACHE_DEFS+=(-DPORTAL_NOT_ROOT)
    fi
    htpasswd -bcB "$APACHE_T/htpasswd" "$3" "$4" >/dev/null 2>&1 || apache_fail "htpasswd failed"
}

start_apache() {
    "$APACHE" -f "$APACHE_REPO/docs/apache-portal.conf" "${APACHE_DEFS[@]}" "$@" -k start || apache_fail "apache2 did not start"
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$URL" && return 0
        sleep 0.05
    done
    apache_fail "apache2 does not answer on $URL"
}

apache_cleanup() {
    local rc=$?
    stop_apache || true
    if [ $rc -ne 0 ] && [ -f "$1/run/error.log" ]; then
        echo "--- apache error.log (tail)" >&2; tail -n 20 "$1/run/error.log" >&2 || true
    fi
    rm -rf "$1"
    return $rc
}

stop_apache() {
    [ -n "${APACHE_T:-}" ] && [ -f "$APACHE_T/run/httpd.pid" ] || return 0
    local pid
    pid=$(cat "$APACHE_T/run/httpd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    rm -f "$APACHE_T/run/httpd.pid"
}
