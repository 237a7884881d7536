#!/bin/bash
# PID 1 of the matrix guest after switch_root: the host's root (overlay), results at /results.
# Mounts what ebpfmon and its tests need; then for each TRACING:TESTS of the run's plan runs
# `ebpfmon check --json` and the selected tests; records everything under /results; powers off.
set -u
. /results/job.env
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin JAVA_HOME HOME=/root
log() { echo "matrix: $GUEST_RUN: $*" > /dev/console; }
poweroff_now() {
  sync
  echo o > /proc/sysrq-trigger
  sleep 60
}
trap poweroff_now EXIT

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
for d in /tmp /run /var/tmp /var/lib; do mount -t tmpfs tmpfs "$d"; done
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t securityfs securityfs /sys/kernel/security
mount -t bpf bpf /sys/fs/bpf
mount -t tmpfs -o mode=0755 cgroup /sys/fs/cgroup
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null || mount -t cgroup2 cgroup2 /sys/fs/cgroup
ip link set lo up
echo "$(cut -d' ' -f1 /proc/uptime)" > /results/booted
log "up after $(cat /results/booted) s: $(uname -r), $(nproc) CPUs"

# The kernel package's own drivers must load (scenarios need md, veth, zram, ext4, xfs, btrfs, loop;
# loaded before any test JVM starts, which reads the kernel's BTF once: a filesystem module loaded later
# by a mount would be missing from it).
: > /results/drivers
for m in md_mod veth zram ext4 xfs btrfs loop; do
  if modprobe "$m" 2> /tmp/modprobe.err; then
    echo "$m ok" >> /results/drivers
  else
    echo "$m FAILED: $(tail -1 /tmp/modprobe.err)" >> /results/drivers
  fi
done
log "drivers: $(tr '\n' ' ' < /results/drivers)"

mount --bind "$GUEST_TARGET" "$GUEST_REPO/target"
cd "$GUEST_REPO"

# Nothing a test left running (a workload past its timeout) may slow down the next JVM.
reap() {
  kill -9 -1 2>/dev/null
  sleep 1
}
for item in $GUEST_PLAN; do
  tracing=${item%%:*}
  tests_var=GUEST_TESTS_${item#*:}
  tests=${!tests_var}
  out=/results/$tracing
  mkdir -p "$out"
  start=$(date +%s)
  bin/ebpfmon check --json --config-dir "/results/config-$tracing" > "$out/check.json" 2> "$out/check.err"
  echo $? > "$out/check.rc"
  echo $(( $(date +%s) - start )) > "$out/check.seconds"
  reap
  log "check ($tracing): exit $(cat "$out/check.rc") after $(cat "$out/check.seconds") s"
  if [ -n "$tests" ]; then
    start=$(date +%s)
    # ebpfmon.test.run: which rules of expected.tsv apply to this kernel (ModuleScenariosKernelTest)
    # shellcheck disable=SC2086 # $tests holds several launcher options
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -Xshare:auto \
      -XX:+UseSerialGC "-Debpfmon.test.tracing=$tracing" "-Debpfmon.test.run=$GUEST_RUN" -jar "$GUEST_JUNIT" execute \
      --disable-banner --details=summary --include-engine=junit-jupiter \
      --class-path "$GUEST_CLASSPATH" $tests \
      --reports-dir "$out/reports" --config=junit.platform.reporting.open.xml.enabled=true \
      "--config=junit.platform.reporting.output.dir=$out/reports" > "$out/tests.out" 2>&1
    echo $? > "$out/tests.rc"
    echo $(( $(date +%s) - start )) > "$out/tests.seconds"
    reap
    log "tests ($tracing, ${item#*:}): exit $(cat "$out/tests.rc") after $(cat "$out/tests.seconds") s"
  fi
done
echo ok > /results/finished
