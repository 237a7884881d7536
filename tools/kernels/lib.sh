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
