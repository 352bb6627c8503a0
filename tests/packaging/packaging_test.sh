#!/usr/bin/env bash
# The Debian packages installed on this machine the way docs/operations.md says, by running
# every ```sh block of that page as written and in order: build the packages with CPack from
# this build tree, install them, create the CA, start store-server, add an outlet, install a
# till, sync it with pos-sync, rotate and revoke its certificate, back up and restore the
# database; then check what each step should have done, stop the service cleanly and purge the
# packages. CI has no systemd as PID 1: `systemctl` here stands in for it by running each
# unit's ExecStart as the unit's User (with its EnvironmentFile), and the units are checked
# with `systemd-analyze verify`.
#   packaging_test.sh BUILD_DIR DOCS_DIR DEMO_TILL   (needs root; exits 77, skipped, otherwise)
set -euo pipefail
build=$(cd "$1" && pwd)
docs=$(cd "$2" && pwd)
demo_till=$(readlink -f "$3")
if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: installing packages needs root"
    exit 77
fi

packages=(baidian-pos baidian-server baidian-console)
work=$(mktemp -d /tmp/baidian-packaging-XXXXXX)
units=/usr/lib/systemd/system
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
    dpkg --purge "${packages[@]}" >/dev/null 2>&1 || true
    rm -rf "$work" /var/backups/baidian /root/baidian-ca /root/outlet-keys
}
trap cleanup EXIT
step() { echo; echo "== $* =="; }
fail() { echo "FAIL: $*" >&2; exit 1; }
unit_value() { sed -n "s/^$2=//p" "$units/$1" | head -1; }

# --- systemctl and journalctl without systemd ---------------------------------------------
start_server() {
    local user exec_start
    user=$(unit_value store-server.service User)
    exec_start=$(unit_value store-server.service ExecStart)
    read -r -a command <<<"$exec_start"
    # setpriv execs the server itself, as systemd does after switching to User=.
    (cd "$(unit_value store-server.service WorkingDirectory)" &&
        exec setpriv --reuid="$user" --regid="$user" --init-groups --reset-env "${command[@]}") \
        >>"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        (exec 3<>/dev/tcp/127.0.0.1/8443) 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "store-server exited"; }
        sleep 0.1
    done
    [ "$(ps -o user= -p "$server_pid")" = "$user" ] || fail "store-server does not run as $user"
}
stop_server() {
    [ -n "$server_pid" ] || fail "systemctl stop: store-server is not running"
    local status=0
    kill -TERM "$server_pid"
    wait "$server_pid" || status=$?
    server_pid=
    [ "$status" -eq 0 ] || { cat "$work/server.log"; fail "store-server exited $status on SIGTERM"; }
    tail -1 "$work/server.log" | grep -q '"stopped"' || fail "store-server did not log a clean stop"
}
run_pos_sync_unit() {
    local user exec_start env_file
    user=$(unit_value pos-sync.service User)
    exec_start=$(unit_value pos-sync.service ExecStart)
    env_file=$(unit_value pos-sync.service EnvironmentFile)
    # systemd expands ${VAR} from the EnvironmentFile; so does this, with the same file.
    (set -a && . "$env_file" && set +a && eval "exec setpriv --reuid=$user --regid=$user --init-groups $exec_start")
}
systemctl() {
    case "$*" in
    "enable --now store-server" | "start store-server") start_server ;;
    "stop store-server") stop_server ;;
    "restart store-server") stop_server && start_server ;;
    "enable --now pos-sync.timer") [ -f "$units/pos-sync.timer" ] || fail "no pos-sync.timer" ;;
    "start pos-sync.service") run_pos_sync_unit ;;
    *) fail "systemctl $* is not emulated here" ;;
    esac
}
journalctl() { cat "$work/server.log"; }

# --- the page's command blocks -------------------------------------------------------------
awk -v dir="$work" '
    /^```sh$/ { n++; file = sprintf("%s/block-%02d.sh", dir, n); inside = 1; next }
    /^```/    { inside = 0; next }
    inside    { print > file }' "$docs/operations.md"
blocks=("$work"/block-*.sh)
[ ${#blocks[@]} -ge 8 ] || fail "docs/operations.md has only ${#blocks[@]} command blocks"
run_block() {
    local block=$1
    step "docs/operations.md, block $(basename "$block" .sh | cut -d- -f2)"
    sed 's/^/    /' "$block"
    echo "--"
    # The page's installs run where the .deb files are (its other blocks cd where they say).
    if grep -q 'apt-get install' "$block"; then cd "$work/debs"; fi
    . "$block"
}

step "leftovers of an earlier run"
dpkg --purge "${packages[@]}" >/dev/null 2>&1 || true
rm -rf /root/baidian-ca /root/outlet-keys

step "building the packages with CPack"
(cd "$build" && cpack -B "$work/debs" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
ls -l "$work"/debs/*.deb
for p in "${packages[@]}"; do
    compgen -G "$work/debs/${p}_*_amd64.deb" >/dev/null || fail "no package $p"
done
# Whole outputs are captured before they are searched: `producer | grep -q` under pipefail fails
# whenever grep stops reading before a long listing ends (the producer dies of SIGPIPE).
pos_depends=$(dpkg-deb -f "$work"/debs/baidian-pos_*.deb Depends)
pos_files=$(dpkg-deb -c "$work"/debs/baidian-pos_*.deb)
grep -q 'fonts-wqy-microhei' <<<"$pos_depends" || fail "baidian-pos does not depend on a CJK font"
grep -q 'libqt6widgets6' <<<"$pos_depends" || fail "baidian-pos does not depend on Qt"
grep -q 'usr/share/applications/baidian-till.desktop' <<<"$pos_files" || fail "no desktop entry"
grep -q 'usr/share/icons/hicolor/scalable/apps/baidian.svg' <<<"$pos_files" || fail "no icon"
cd "$work/debs"
apt-get install -y ./baidian-console_*_amd64.deb >/dev/null

for block in "${blocks[@]}"; do
    run_block "$block"
    case $(cat "$block") in
    *"apt-get install -y ./baidian-server"*)
        getent passwd baidian-server >/dev/null || fail "no user baidian-server"
        [ "$(stat -c '%U %a' /var/lib/baidian-server)" = "baidian-server 750" ] || fail "/var/lib/baidian-server: $(stat -c '%U %a' /var/lib/baidian-server)"
        grep -qx /etc/baidian-server/store-server.toml /var/lib/dpkg/info/baidian-server.conffiles || fail "the server configuration is not a conffile"
        step "the CA key is encrypted and apart from the service; server.db is the service's, 0600"
        head -1 /root/baidian-ca/ca.key | grep -q ENCRYPTED || fail "ca.key is not encrypted"
        openssl pkey -in /root/baidian-ca/ca.key -passin pass: -noout 2>/dev/null && fail "ca.key opens without its passphrase"
        [ -z "$(find /var/lib/baidian-server -name ca.key)" ] || fail "a CA key is in the service directory"
        [ "$(stat -c '%U %a' /var/lib/baidian-server/server.db)" = "baidian-server 600" ] || fail "server.db: $(stat -c '%U %a' /var/lib/baidian-server/server.db)"
        runuser -u baidian-server -- test -r /var/lib/baidian-server/pki/server.key || fail "the service cannot read its key"
        runuser -u baidian-server -- test -r /root/baidian-ca/ca.key && fail "the service user can read the CA key"
        echo "ca.key encrypted in /root/baidian-ca; server.db baidian-server 600"
        ;;
    *"apt-get install -y ./baidian-pos"*)
        step "checking the units with systemd-analyze verify"
        verify=$(systemd-analyze verify "$units/store-server.service" "$units/pos-sync.service" "$units/pos-sync.timer" 2>&1)
        [ -z "$verify" ] || { echo "$verify"; fail "systemd-analyze verify complained"; }
        echo "systemd-analyze verify: store-server.service, pos-sync.service, pos-sync.timer clean"
        for option in 'User=baidian-server' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
            'PrivateTmp=yes' 'CapabilityBoundingSet=$' 'SystemCallFilter=@system-service'; do
            grep -q "^$option" "$units/store-server.service" || fail "store-server.service lacks $option"
        done
        grep -q '^RandomizedDelaySec=' "$units/pos-sync.timer" || fail "pos-sync.timer has no randomized delay"
        ;;
    *"--terminal 1"*)
        step "a till with sales syncs with the installed pos-sync"
        "$demo_till" --data "$work/till" --terminal 2 >"$work/till.log" || { cat "$work/till.log"; fail "demo till"; }
        [ -e /root/outlet-keys/HZ-F01/HZ-F01.key ] && fail "the outlet key was left behind after installing it"
        [ -z "$(find /var/lib/baidian-server -name 'HZ-F01*.key')" ] || fail "an outlet key is on the server"
        c=/etc/baidian-pos/certs
        cp "$c/outlet.key" "$work/old-outlet.key" # for the revocation check below
        # The demo till is the outlet's second till: it syncs with a certificate of its own.
        (cd /var/lib/baidian-server &&
            store-admin --pki /root/baidian-ca issue-cert --outlet HZ-F01 --terminal 2 --out "$work/t2") ||
            fail "issue-cert --terminal 2"
        pos-sync --db "$work/till/till.db" --server localhost:8443 --ca "$c/ca.crt" \
            --cert "$work/t2/HZ-F01-t2.crt" --key "$work/t2/HZ-F01-t2.key" --date "$(TZ=Asia/Shanghai date +%F)" | tee "$work/sync.log"
        grep -q "summary: OK" "$work/sync.log" || fail "pos-sync did not reconcile"
        ;;
    *"revoke --cert"*)
        step "the revoked certificate is refused, the new one accepted"
        c=/root/outlet-keys
        curl -sS --fail --cacert "$c/HZ-F01/ca.crt" --cert "$c/HZ-F01/HZ-F01.crt" --key "$work/old-outlet.key" \
            "https://localhost:8443/v1/master?since=0" >/dev/null 2>&1 && fail "a revoked certificate was accepted"
        master=$(curl -sS --fail --cacert "$c/HZ-F01/ca.crt" --cert /etc/baidian-pos/certs/outlet.crt \
            --key /etc/baidian-pos/certs/outlet.key "https://localhost:8443/v1/master?since=0") ||
            fail "the new certificate was refused"
        grep -q AKS-APL-01 <<<"$master" || fail "the catalog sent to the new certificate has no AKS-APL-01"
        echo "old certificate refused, new one serves the catalog"
        ;;
    *"backup --to"*)
        compgen -G "/var/backups/baidian/server-*.db" >/dev/null || fail "no backup file"
        for b in /var/backups/baidian/server-*.db; do
            [ "$(stat -c '%U %a' "$b")" = "baidian-server 600" ] || fail "$b: $(stat -c '%U %a' "$b")"
        done
        # A change after the backup, which the restore must undo.
        runuser -u baidian-server -- store-admin --db /var/lib/baidian-server/server.db \
            add-outlet --code HZ-F02 --name "百店·杭州武林旗舰店" --type flagship --city 杭州
        ;;
    *"restore --from"*)
        outlets=$(runuser -u baidian-server -- store-admin --db /var/lib/baidian-server/server.db export-outlets)
        grep -q HZ-F01 <<<"$outlets" || fail "the restore lost HZ-F01"
        grep -q HZ-F02 <<<"$outlets" && fail "the restore kept an outlet added after the backup"
        health=$(curl -sS --fail --cacert /var/lib/baidian-server/pki/ca.crt https://localhost:8443/healthz) ||
            fail "no healthz after the restore"
        grep -q ok <<<"$health" || fail "healthz after the restore said: $health"
        ;;
    esac
done

step "the till's database after the first sync"
[ -f /var/lib/baidian-pos/till.db ] || fail "no till database"
[ "$(stat -c '%U' /var/lib/baidian-pos/till.db)" = baidian-pos ] || fail "the till database is not the sync user's"

step "stopping the service"
systemctl stop store-server
echo "store-server stopped cleanly on SIGTERM"

step "purging the packages"
cd /
dpkg --purge "${packages[@]}"
for p in "${packages[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q installed && fail "$p still installed"
done
for f in /usr/bin/store-server /usr/bin/baidian-till /usr/bin/baidian-console /etc/baidian-server \
    /etc/baidian-pos /var/lib/baidian-server /var/lib/baidian-pos "$units/store-server.service"; do
    [ -e "$f" ] && fail "$f is left after purge"
done
getent passwd baidian-server >/dev/null && fail "user baidian-server is left after purge"
getent passwd baidian-pos >/dev/null && fail "user baidian-pos is left after purge"
echo
echo "packaging: built, installed, verified, served, synced, rotated, revoked, backed up, restored, stopped, purged"
