#!/usr/bin/env bash
# pair.sh BUILD_A BUILD_B [WARMUP_S] [WINDOW_S]: a before/after of the user side on this noisy VM.
# BUILD_A and BUILD_B are two checkouts (or copies with bin/ and target/ebpfmon.jar) built with
# `make build`. Both agents run at once (`netdata 1`, the *all* configuration of make bench, in
# tools/bench/all) on one swarm of 10,000 processes that each open, read and close a file every
# 10 s, so that the machine's drift over minutes hits both alike; one after the other, two runs of
# one build differ by up to 2 ms a tick here (BENCHMARKS.md, 2026-12-03). Prints each agent's CPU
# in ms a second over the same window: all its threads and the tick thread, by schedstat.
# Run as root, with the machine to itself. The swarm comes from this checkout (make build).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd) warm=${3:-200} window=${4:-240}
swarm=$here/target/native/ebpfmon-swarm
[ -x "$swarm" ] || { echo "pair.sh: $swarm is missing: make build" >&2; exit 2; }
work=$(mktemp -d)
pid_max=$(sysctl -n kernel.pid_max)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  sysctl -qw kernel.pid_max="$pid_max"
  rm -rf "$work"
}
trap cleanup EXIT
sysctl -qw kernel.pid_max=131072
echo x > "$work/file"
"$swarm" 10000 "$work/file" 10000 > "$work/swarm.log" 2>&1 & pids+=($!)
sleep 45
"$a/bin/ebpfmon" netdata 1 --config-dir "$here/tools/bench/all" > /dev/null 2> "$work/a.err" & pids+=($!)
"$b/bin/ebpfmon" netdata 1 --config-dir "$here/tools/bench/all" > /dev/null 2> "$work/b.err" & pids+=($!)
sleep "$warm"
# the launcher execs java: the pids above are the agents'
snap() { for t in /proc/"$1"/task/*; do echo "$(basename "$t") $(tr ' ' _ < "$t/comm") $(cut -d' ' -f1 "$t/schedstat")"; done | sort; }
snap "${pids[1]}" > "$work/a1"; snap "${pids[2]}" > "$work/b1"
sleep "$window"
snap "${pids[1]}" > "$work/a2"; snap "${pids[2]}" > "$work/b2"
for x in a b; do
  build=$([ $x = a ] && echo "$a" || echo "$b")
  p=$([ $x = a ] && echo "${pids[1]}" || echo "${pids[2]}")
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/"$p"/status)
  join "$work/${x}1" "$work/${x}2" | awk -v s="$window" -v build="$build" -v rss="$rss" '
    { d = ($5 - $3) / 1e6 / s; all += d; if ($2 == "java") tick += d }
    END { printf "%s: all threads %.2f ms/s, tick thread %.2f ms/s, RSS %d MiB\n", build, all, tick, rss }'
done
