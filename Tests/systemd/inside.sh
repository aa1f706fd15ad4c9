#!/bin/bash
# Runs inside the container (see run.sh): drives feedwatchd.service as an administrator would.
set -u
rc=0
log() { echo "$*" | tee -a /ci/out/log; }
check() { if eval "$2"; then log "ok: $1"; else log "FAIL: $1"; rc=1; fi; }
as_feedwatch() { setpriv --reuid=feedwatch --regid=feedwatch --init-groups -- "$@"; }
fw() { as_feedwatch /usr/local/bin/feedwatch "$@"; }
wait_for() { for _ in $(seq 1 "$2"); do eval "$1" && return 0; sleep 0.5; done; return 1; }

systemd-sysusers /etc/sysusers.d/feedwatch.conf
mkdir -p /etc/systemd/system/feedwatchd.service.d /etc/feedwatch
# A short watchdog, so that the test sees the daemon outlive it several times.
printf '[Service]\nWatchdogSec=3\n' > /etc/systemd/system/feedwatchd.service.d/test.conf
cat > /etc/feedwatch/feedwatch.toml <<TOML
database = "/var/lib/feedwatch/feedwatch.sqlite"
alert_log = "/var/log/feedwatch/alerts.jsonl"
TOML
systemctl daemon-reload

check "start returns after READY=1" "systemctl start feedwatchd"
check "running" '[ "$(systemctl show -P SubState feedwatchd)" = running ]'
check "status line from the daemon" 'systemctl show -P StatusText feedwatchd | grep -q "feeds"'
sleep 8
check "alive past WatchdogSec" '[ "$(systemctl show -P SubState feedwatchd)" = running ] && [ "$(systemctl show -P NRestarts feedwatchd)" = 0 ]'
check "feedwatch status sees the daemon" "fw status >/dev/null"

fw track keyword truce ceasefire >/dev/null
fw feed add --no-fetch file:///ci/feeds/kyiv-wire.xml >/dev/null
check "the running daemon raises the alert" 'wait_for "grep -q keyword.matched /var/log/feedwatch/alerts.jsonl 2>/dev/null" 20'
check "the alert is in the journal" 'wait_for "journalctl -u feedwatchd -o cat | grep -q \"\\\"tracker\\\":\\\"truce\\\"\"" 10'

printf 'database = "/var/lib/feedwatch/feedwatch.sqlite"\nalert_log = "/var/log/feedwatch/alerts.jsonl"\nlog_level = "debug"\n' > /etc/feedwatch/feedwatch.toml
systemctl reload feedwatchd
check "reload with a changed config" 'wait_for "journalctl -u feedwatchd -o cat | grep -q \"configuration reloaded\"" 10'
printf '[polling\n' > /etc/feedwatch/feedwatch.toml
systemctl reload feedwatchd
check "a broken config is reported and the running one kept" 'wait_for "journalctl -u feedwatchd -o cat | grep -q \"configuration not reloaded\"" 10 && [ "$(systemctl show -P SubState feedwatchd)" = running ]'

printf 'database = "/var/lib/feedwatch/feedwatch.sqlite"\nalert_log = "/var/log/feedwatch/alerts.jsonl"\n' > /etc/feedwatch/feedwatch.toml
check "stops cleanly" 'systemctl stop feedwatchd && [ "$(systemctl show -P Result feedwatchd)" = success ] && [ "$(systemctl show -P ExecMainStatus feedwatchd)" = 0 ]'
check "status reports it stopped (exit 1)" 'fw status >/dev/null; [ $? -eq 1 ]'
journalctl -u feedwatchd -o short-precise --no-pager > /ci/out/journal 2>&1
log "inside: exit $rc"
systemctl exit $rc
