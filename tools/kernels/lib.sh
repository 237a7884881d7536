# Shared by the kernel-matrix scripts (sourced, not run).
# Downloads and built kernels live outside target/ so that `mvn clean` keeps them.
KERNELS_CACHE=${KERNELS_CACHE:-/var/cache/ebpfmon/kernels}
KERNELS_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

say() { echo "kernels: $*" >&2; }
die() { echo "kernels: error: $*" >&2; exit 1; }

# Private apt options for one Debian suite: its own sources list, package lists and cache, so
# the machine's apt sources are never touched.
apt_options() {
  local dir=$KERNELS_CACHE/apt/$1
  echo "-o Dir::Etc::sourcelist=$dir/sources.list -o Dir::Etc::sourceparts=- -o Dir::State::lists=$dir/lists" \
       "-o Dir::Cache=$dir/cache -o APT::Sandbox::User=root"
}

# Seconds since the epoch, for the timings the matrix reports.
now() { date +%s; }

# crash_summary RUN_DIR: one line on a guest that did not finish, from what it left: its last
# progress line, the test that was running (the last one started in an event file of a test JVM
# that left no exit status) and the kernel's first report of trouble on the console.
crash_summary() {
  local run=$1 progress test="" kernel events
  progress=$(grep -a '^matrix: ' "$run/console.log" 2>/dev/null | tail -1 | sed 's/^matrix: [^:]*: //')
  for events in "$run"/*/reports/junit-platform-events-*.xml; do
    [ -f "$events" ] && [ ! -f "$(dirname "$(dirname "$events")")/tests.rc" ] || continue
    test="$(basename "$(dirname "$(dirname "$events")")") $(grep -ao 'methodSource className="[^"]*" methodName="[^"]*"' \
      "$events" | tail -1 | sed 's/.*className="dev\.ebpfmon\.\([^"]*\)" methodName="\([^"]*\)"/\1.\2/')"
  done
  kernel=$(grep -a -m1 -E 'Oops|BUG:|Kernel panic|watchdog: |general protection|RIP: ' "$run/console.log" 2>/dev/null \
    | sed 's/^\[ *[0-9.]*\] //')
  echo "last step: ${progress:-none}${test:+; running: $test}${kernel:+; kernel: $kernel}"
}
