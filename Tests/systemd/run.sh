#!/usr/bin/env bash
# Tests the unit under a real systemd: boots systemd in a throw-away container (this machine's
# own root, read-only, with a volatile overlay), installs feedwatchd.service, and runs inside.sh
# there: READY, the watchdog, the CLI reaching the running daemon, the alert in the log and the
# journal, reload with a changed and a broken config, a clean stop. Then the static checks:
# systemd-analyze verify and the security exposure threshold.
#   Tests/systemd/run.sh [BIN_DIR]     (root; needs systemd-container)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-$(cd "$repo" && swift build --show-bin-path)}
unit="$repo/systemd/feedwatchd.service"
work=$(mktemp -d /var/tmp/feedwatch-systemd.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== static checks"
threshold=15   # exposure 1.5 on systemd-analyze's 0-100 scale
systemd-analyze security --offline=true --threshold=$threshold "$unit" | tail -1
stage="$work/stage"
mkdir -p "$stage/usr/lib/systemd" "$stage/etc/systemd/system" "$stage/usr/local/bin"
cp -r /usr/lib/systemd/system "$stage/usr/lib/systemd/"
cp "$bin/feedwatchd" "$stage/usr/local/bin/feedwatchd"
cp "$unit" "$stage/etc/systemd/system/"
verify=$(systemd-analyze verify --root="$stage" feedwatchd.service 2>&1 || true)
if grep -qiE "unknown key|unknown section|failed|error" <<<"$verify"; then
    echo "systemd-analyze verify: $verify" >&2
    exit 1
fi
echo "systemd-analyze verify: ok"
# The same unit with the drop-in for several machines on PostgreSQL.
mkdir -p "$stage/etc/systemd/system/feedwatchd.service.d" "$stage/etc/feedwatch"
cp "$repo/systemd/feedwatchd-postgresql.conf" "$stage/etc/systemd/system/feedwatchd.service.d/postgresql.conf"
: >"$stage/etc/feedwatch/pg.pass"
verify=$(systemd-analyze verify --root="$stage" feedwatchd.service 2>&1 || true)
if grep -qiE "unknown key|unknown section|failed|error" <<<"$verify"; then
    echo "systemd-analyze verify with the PostgreSQL drop-in: $verify" >&2
    exit 1
fi
echo "systemd-analyze verify with the PostgreSQL drop-in: ok"
rm -r "$stage/etc/systemd/system/feedwatchd.service.d"

echo "== under systemd"
root="$work/root"
out="$work/out"
mkdir -p "$root" "$out"
cat > "$work/feedwatch-test.service" <<UNIT
[Unit]
Description=FeedWatch systemd test
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/bin/bash /ci/inside.sh
StandardOutput=journal+console
UNIT
set +e
timeout 300 unshare -m --propagation private sh -c "mount --bind / '$root' && exec systemd-nspawn -D '$root' \
    --volatile=overlay --boot --register=no --keep-unit --console=pipe --system-call-filter=bpf \
    --bind-ro='$bin/feedwatchd':/usr/local/bin/feedwatchd --bind-ro='$bin/feedwatch':/usr/local/bin/feedwatch \
    --bind-ro='$unit':/etc/systemd/system/feedwatchd.service \
    --bind-ro='$repo/systemd/feedwatch.sysusers.conf':/etc/sysusers.d/feedwatch.conf \
    --bind-ro='$work/feedwatch-test.service':/etc/systemd/system/feedwatch-test.service \
    --bind-ro='$here/inside.sh':/ci/inside.sh --bind-ro='$repo/Config/demo/feeds':/ci/feeds \
    --bind='$out':/ci/out \
    -- systemd.mask=nginx.service systemd.mask=postgresql.service systemd.wants=feedwatch-test.service" \
    > "$work/console.log" 2>&1
rc=$?
set -e
cat "$out/log" 2>/dev/null || { echo "no result from inside the container; console:" >&2; tail -40 "$work/console.log" >&2; }
if [ $rc -ne 0 ]; then
    echo "systemd test failed (exit $rc)" >&2
    [ -f "$out/journal" ] && tail -40 "$out/journal" >&2
    exit 1
fi
echo "systemd test: ok"
