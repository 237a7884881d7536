#!/usr/bin/env bash
# matrix.sh [RUN...]: the kernel matrix (`make test-kernels`). For each run of runs.tsv (or the
# runs named), fetches the Debian kernel, boots it under QEMU and runs `ebpfmon check --json`
# and the kernel tests inside; then prints one table from all results (report/MatrixReport.java)
# and checks it against expected.tsv. Results: target/kernels/<run>/. Needs `make build` first.
# Exit status: 0 only when every run finished and the table holds no failure or surprise.
# Environment: KERNELS_CACHE (downloads, default /var/cache/ebpfmon/kernels), KERNELS_VM_TIMEOUT
# (seconds per VM, default 1800), KERNELS_VM_MEMORY (MiB, 3072), KERNELS_TCG_THREAD (single, or
# multi: one host thread per guest CPU, faster but racy, see boot.sh), KERNELS_9P_CACHE (9p cache mode of
# the host root, default loose: the host's files do not change during a run; the guest's JVMs start
# about a third faster than with no cache; empty for none).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
repo=$(cd "$KERNELS_TOOLS/../.." && pwd)
cd "$repo"
results=$repo/target/kernels
[ -f target/ebpfmon.jar ] && [ -d target/test-classes ] || die "build first (make build)"
# The guest sees the host's root read-only, but with fresh tmpfs over these (guest/stage2.sh): a
# checkout below one of them does not exist in the guest, and every run would fail with exit 127.
for over in /tmp /run /var/tmp /var/lib; do
  case $repo/ in
    "$over"/*) die "this checkout ($repo) is below $over, which the guests mount a tmpfs over: clone it elsewhere (e.g. under /work or /root)" ;;
  esac
done
mkdir -p "$results"

# JUnit's console launcher, of the platform version matching the pom's Jupiter 5.x.y (1.x.y).
jupiter=$(sed -n 's|.*<junit.version>\(.*\)</junit.version>.*|\1|p' pom.xml | head -1)
[ -n "$jupiter" ] || die "no <junit.version> in pom.xml"
platform=1.${jupiter#5.}
junit=$KERNELS_CACHE/junit/junit-platform-console-standalone-$platform.jar
if [ ! -f "$junit" ]; then
  say "fetching junit-platform-console-standalone $platform from Maven Central"
  mvn -B -q dependency:copy "-Dartifact=org.junit.platform:junit-platform-console-standalone:$platform" \
    "-DoutputDirectory=$KERNELS_CACHE/junit" || die "cannot fetch junit-platform-console-standalone $platform"
fi
# The test classpath without JUnit itself: the standalone launcher brings its own copy.
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test "-Dmdep.outputFile=$results/test.classpath" \
  -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
  || die "mvn dependency:build-classpath failed"
classpath=target/test-classes:target/classes:$(cat "$results/test.classpath")

# What the guests run is a copy: the build (and this folder) may change while they run; the guest
# mounts the copy over target/.
snapshot=$results/.target
rm -rf "$snapshot" && mkdir -p "$snapshot"
cp -a target/classes target/test-classes target/ebpfmon.jar "$snapshot/"
[ -d target/native ] && cp -a target/native "$snapshot/"
cp "$KERNELS_TOOLS/guest/stage2.sh" "$snapshot/"

modules=(process fd vfs cachestat dcstat disk filesystem socket sync mount shm swap oomkill softirq hardirq mdflush)
write_config() { # DIR TRACING: every module on, the given attach preference
  mkdir -p "$1"
  { echo "[global]"; echo "    ebpf co-re tracing = $2"; echo "[ebpf programs]"
    for m in "${modules[@]}"; do echo "    $m = yes"; done; } > "$1/ebpf.d.conf"
}

selected=("$@")
wanted() { [ ${#selected[@]} -eq 0 ] && return 0; local r; for r in "${selected[@]}"; do [ "$r" = "$1" ] && return 0; done; return 1; }
for r in "${selected[@]}"; do
  grep -q "^$r[[:space:]]" "$KERNELS_TOOLS/runs.tsv" || die "no run '$r' in $KERNELS_TOOLS/runs.tsv"
done

kernel_tests="--scan-class-path=target/test-classes --include-tag=kernel --exclude-tag=host-kernel --exclude-tag=scale"
scenario_class=dev.ebpfmon.module.ModuleScenariosKernelTest
scenario_tests=
if [ -f "target/test-classes/${scenario_class//.//}.class" ]; then
  scenario_tests="--select-class=$scenario_class"
else
  say "note: $scenario_class does not exist yet; 'scenario' runs only the check"
fi

total_start=$(now)
grep -v '^\s*#' "$KERNELS_TOOLS/runs.tsv" | grep -v '^\s*$' | while read -r run suite package plan cmdline; do
  wanted "$run" || continue
  out=$results/$run
  rm -rf "$out" && mkdir -p "$out"
  start=$(now)
  say "$run: Debian $suite $package"
  if ! kdir=$("$KERNELS_TOOLS/fetch.sh" "$suite" "$package" </dev/null 2> >(tee "$out/fetch.err" >&2)); then
    echo "cannot fetch $package from Debian $suite: $(tail -1 "$out/fetch.err")" > "$out/failed"
    continue
  fi
  "$KERNELS_TOOLS/initramfs.sh" "$kdir" 2> "$out/initramfs.err" \
    || { echo "cannot build the initramfs: $(tail -1 "$out/initramfs.err")" > "$out/failed"; continue; }
  for item in ${plan//,/ }; do
    case ${item#*:} in kernel|scenario|none) ;; *) die "runs.tsv: $run: unknown tests in '$item'" ;; esac
    write_config "$out/config-${item%%:*}" "${item%%:*}"
  done
  release=$(cat "$kdir/release")
  cat > "$out/job.env" <<JOB
GUEST_RUN='$run'
GUEST_STAGE2='$snapshot/stage2.sh'
GUEST_MODULES='$kdir/$(cat "$kdir/modules-base")/lib/modules/$release'
GUEST_RELEASE='$release'
GUEST_REPO='$repo'
GUEST_TARGET='$snapshot'
GUEST_PLAN='${plan//,/ }'
GUEST_TESTS_kernel='$kernel_tests'
GUEST_TESTS_scenario='$scenario_tests'
GUEST_TESTS_none=''
GUEST_JUNIT='$junit'
GUEST_CLASSPATH='$classpath'
JAVA_HOME='$JAVA_HOME'
GUEST_9P_CACHE='${KERNELS_9P_CACHE-loose}'
JOB
  echo "$release" > "$out/release"
  [ "$cmdline" = - ] && cmdline=
  if ! "$KERNELS_TOOLS/boot.sh" "$kdir" "$out" "$cmdline"; then
    echo "the virtual machine did not finish ($(crash_summary "$out"); see $out/console.log)" > "$out/failed"
  fi
  echo $(( $(now) - start )) > "$out/seconds"
  say "$run: $(cat "$out/seconds") s"
done
echo $(( $(now) - total_start )) > "$results/seconds"

runs=()
while read -r run _; do wanted "$run" && runs+=("$run"); done < <(grep -v '^\s*#' "$KERNELS_TOOLS/runs.tsv" | grep -v '^\s*$')
"$JAVA_HOME/bin/java" -cp target/ebpfmon.jar "$KERNELS_TOOLS/report/MatrixReport.java" \
  "$results" "$KERNELS_TOOLS/expected.tsv" "${runs[@]}"
