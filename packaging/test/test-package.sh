#!/usr/bin/env bash
# The packaging test (`make test-package`, after `make package`): target/ebpfmon_*_amd64.deb in a
# fresh Debian 12 root made by mmdebstrap from this machine's own apt sources.
#  1. apt installs the .deb (and libbpf1 from the mirror) into the root;
#  2. `ebpfmon --version` prints only the version, `ebpfmon check` runs every default module,
#     `ebpfmon install-netdata-plugin` installs a setuid wrapper that speaks Netdata's protocol;
#  3. the root boots under systemd-nspawn: the unit passes `systemd-analyze verify`, the service
#     runs and serves /metrics on its loopback, logs no error, and reinstalling the package over
#     the running service (an upgrade) restarts it under a new PID;
#  4. apt purges it: no file the package, the unit, the service or the Netdata plugin install
#     made is left (file lists of the root before install and after purge are compared).
# The root's tarball is cached in EBPFMON_CACHE_DIR (default /var/cache/ebpfmon-test), keyed by
# what goes into it; delete the directory to measure a cold run.
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { echo "test-package: $*"; }
die() { echo "test-package: FAILED: $*" >&2; exit 1; }

deb=$(ls -t target/ebpfmon_*_amd64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "no target/ebpfmon_*_amd64.deb; run make package"
version=$(dpkg-deb -f "$deb" Version)
cache=${EBPFMON_CACHE_DIR:-/var/cache/ebpfmon-test}
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
include=systemd,systemd-sysv,dbus,curl,ca-certificates,procps
key=$(printf '%s\n' bookworm minbase "$include" | cat - "$sources" | sha256sum | cut -c1-16)
tarball=$cache/bookworm-$key.tar
work=target/package-test
root=$work/root
nspawn_pid=

started=$(date +%s)
cleanup() {
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ ! -f "$tarball" ]; then
  say "making the Debian 12 root (cached as $tarball)"
  mkdir -p "$cache"
  mmdebstrap --quiet --variant=minbase --format=tar --include="$include" bookworm "$tarball.tmp" "$sources"
  mv "$tarball.tmp" "$tarball"
fi

rm -rf "$work"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# What Netdata's package would provide, for `ebpfmon install-netdata-plugin` (Netdata itself is
# not needed to check what the command changes, and the purge must take it all back)
chroot "$root" groupadd --system netdata
mkdir -p "$root/etc/netdata" "$root/usr/lib/netdata/plugins.d"
printf '[global]\n\tmemory mode = ram\n' >"$root/etc/netdata/netdata.conf"
cp "$root/etc/netdata/netdata.conf" "$work/netdata.conf.before"

# Paths a boot, apt or dpkg change for reasons of their own: compared only for ebpfmon's names.
volatile='^\./(var/log|var/cache|var/lib/apt|var/lib/dpkg|var/lib/systemd|var/lib/dbus|var/tmp|tmp|run|etc/machine-id|etc/ld\.so\.cache|etc/systemd/system/multi-user\.target\.wants$)'
files() { (cd "$root" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev \) -prune -o -print | sort); }
files >"$work/before.txt"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
mount_api() { mount -t proc proc "$root/proc"; mount --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"
  mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"; }
umount_api() { for m in dev/pts dev sys proc; do umount -l "$root/$m"; done; }

say "1. apt-get install $(basename "$deb") into the root"
cp "$deb" "$root/tmp/ebpfmon.deb"
mount_api
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/ebpfmon.deb >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; die "apt-get install"; }
in_root dpkg -s ebpfmon | grep -q '^Status: install ok installed' || die "ebpfmon is not installed"

say "2. ebpfmon --version and ebpfmon check in the root"
out=$(in_root ebpfmon --version 2>"$work/version.err")
[ "$out" = "ebpfmon $version" ] || die "--version printed '$out'"
[ ! -s "$work/version.err" ] || die "--version wrote to stderr: $(cat "$work/version.err")"
in_root ebpfmon check >"$work/check.out" 2>"$work/check.err" || { cat "$work/check.out" "$work/check.err"; die "check"; }
for m in process fd vfs; do
  grep -Eq "^  $m +runs " "$work/check.out" || { cat "$work/check.out"; die "check: module $m does not run"; }
done

say "   ebpfmon install-netdata-plugin in the root"
in_root ebpfmon install-netdata-plugin >"$work/plugin.log" 2>&1 || { cat "$work/plugin.log"; die "install-netdata-plugin"; }
mode=$(in_root stat -c '%a %U %G' /usr/lib/netdata/plugins.d/ebpf.plugin)
[ "$mode" = "4750 root netdata" ] || die "ebpf.plugin is $mode"
grep -q '^[[:space:]]*ebpf = yes' "$root/etc/netdata/netdata.conf" || die "netdata.conf does not enable ebpf"
[ -f "$root/etc/netdata/ebpf.d.conf" ] || die "no ebpf.d.conf in /etc/netdata"
timeout 20 chroot "$root" /usr/lib/netdata/plugins.d/ebpf.plugin 1 >"$work/plugin.out" 2>"$work/plugin.err" || true
grep -q '^CHART filesystem.vfs_io ' "$work/plugin.out" || { cat "$work/plugin.err"; die "ebpf.plugin sent no charts"; }
umount_api

say "3. boot the root with systemd-nspawn; the service must serve /metrics"
rm -f "$root/tmp/ebpfmon.deb"
cp "$deb" "$root/root/ebpfmon.deb"
# Its own network namespace, so its 127.0.0.1:19998 is not this machine's. BPF needs CAP_BPF and
# CAP_PERFMON and the bpf/perf_event_open calls, which nspawn withholds by default; tracefs is
# this kernel's (nspawn mounts no tracefs of its own).
systemd-nspawn --quiet --boot --register=no --keep-unit --private-network --directory="$root" \
  --capability=CAP_BPF,CAP_PERFMON,CAP_SYS_RESOURCE --system-call-filter='bpf perf_event_open' \
  --bind=/sys/kernel/tracing >"$work/boot.log" 2>&1 </dev/null &
nspawn_pid=$!
leader=
for _ in $(seq 1 60); do
  leader=$(pgrep -P "$nspawn_pid" -x systemd || true)
  [ -n "$leader" ] && break
  sleep 1
done
[ -n "$leader" ] || { cat "$work/boot.log"; die "the container's systemd did not start"; }
in_box() { nsenter --target "$leader" --all /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
for _ in $(seq 1 90); do
  state=$(in_box systemctl is-system-running 2>/dev/null || true)
  case "$state" in running|degraded) break ;; esac
  sleep 1
done
say "   container: $state"
in_box systemd-analyze verify --man=no /lib/systemd/system/ebpfmon.service >"$work/verify.log" 2>&1 \
  || { cat "$work/verify.log"; die "systemd-analyze verify ebpfmon.service"; }
[ ! -s "$work/verify.log" ] || { cat "$work/verify.log"; die "systemd-analyze verify has remarks"; }
metrics() {
  for _ in $(seq 1 60); do
    if in_box curl -fsS http://127.0.0.1:19998/metrics >"$work/metrics.txt" 2>/dev/null \
        && grep -q '^ebpfmon_filesystem_vfs_io_calls_total' "$work/metrics.txt"; then
      return 0
    fi
    sleep 1
  done
  in_box systemctl status ebpfmon --no-pager || true
  in_box journalctl -u ebpfmon --no-pager | tail -30 || true
  die "no ebpfmon metrics on 127.0.0.1:19998 in the container"
}
metrics
[ "$(in_box systemctl is-enabled ebpfmon)" = enabled ] || die "the unit is not enabled"
first_pid=$(in_box systemctl show -p MainPID --value ebpfmon)
say "   serving /metrics ($(grep -vc '^#' "$work/metrics.txt") series), MainPID $first_pid"
in_box journalctl -u ebpfmon -o cat --no-pager >"$work/journal.txt"
if in_box journalctl -u ebpfmon -p err -o cat --no-pager --quiet | grep -q .; then
  cat "$work/journal.txt"; die "the service logged errors"
fi
! grep -q 'SEVERE' "$work/journal.txt" || die "Java-style SEVERE in the journal"

say "   upgrade over the running service: dpkg -i the package again"
in_box env DEBIAN_FRONTEND=noninteractive dpkg -i /root/ebpfmon.deb >"$work/upgrade.log" 2>&1 \
  || { cat "$work/upgrade.log"; die "dpkg -i over the running service"; }
metrics
second_pid=$(in_box systemctl show -p MainPID --value ebpfmon)
[ "$second_pid" != "$first_pid" ] && [ "$second_pid" != 0 ] || die "the service was not restarted ($first_pid -> $second_pid)"
[ "$(in_box systemctl show -p NRestarts --value ebpfmon)" = 0 ] || die "the service restarted on failure"
say "   restarted: MainPID $first_pid -> $second_pid"

say "   series per host with apps and cgroups on (ebpfmon's default modules, the root's services)"
in_box sed -i -e 's/^\( *apps *=\).*/\1 yes/' -e 's/^\( *cgroups *=\).*/\1 yes/' /etc/ebpfmon/ebpf.d.conf
in_box systemctl restart ebpfmon
sleep 15
metrics
m=$work/metrics.txt
count() { grep -c "$1" "$m" || true; }
distinct() { grep -o "$1=\"[^\"]*\"" "$m" | sort -u | wc -l; }
say "   $(count '^ebpfmon_') series: host $(count '^ebpfmon_\(filesystem\|system\|mem\|ip\)_'), \
self $(count '^ebpfmon_netdata_'), apps $(count '^ebpfmon_apps_') ($(distinct app) groups x \
$(count '^# TYPE ebpfmon_apps_') families), cgroups $(count '^ebpfmon_cgroup_') ($(distinct cgroup) cgroups x \
$(count '^# TYPE ebpfmon_cgroup_') families); $(wc -c <"$m") bytes"

in_box systemctl poweroff >/dev/null 2>&1 || true
for _ in $(seq 1 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 1; done
kill -0 "$nspawn_pid" 2>/dev/null && die "the container did not power off"
nspawn_pid=

say "4. apt-get purge, then compare the root's files with those before the install"
rm -f "$root/root/ebpfmon.deb"
mount_api
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ebpfmon >"$work/purge.log" 2>&1 \
  || { cat "$work/purge.log"; die "apt-get purge"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq >>"$work/purge.log" 2>&1
umount_api
files >"$work/after.txt"
left=$(comm -13 "$work/before.txt" "$work/after.txt" | grep -Ev "$volatile" || true)
named=$(grep -i ebpfmon "$work/after.txt" || true)
gone=$(comm -23 "$work/before.txt" "$work/after.txt" | grep -Ev "$volatile" || true)
[ -z "$left" ] || die "left behind after purge: $left"
[ -z "$named" ] || die "ebpfmon files left after purge: $named"
[ -z "$gone" ] || die "removed by install and purge: $gone"
# the package's removal took ebpfmon out of Netdata too
cmp -s "$work/netdata.conf.before" "$root/etc/netdata/netdata.conf" || die "netdata.conf differs after purge"

say "ok in $(( $(date +%s) - started )) s"
