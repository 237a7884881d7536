#!/usr/bin/env bash
# Builds target/ebpfmon_<version>_amd64.deb from the built jar (`make package` runs it after
# `make build`): a Java runtime linked with jlink from JAVA_HOME holding only the modules jdeps
# finds in the jar, the jar, the launcher, Netdata's plugin wrapper compiled for the package's
# paths, the default configuration as conffiles in /etc/ebpfmon, ebpfmon(8) and the bash
# completion generated from the CLI definition, and the systemd unit. debhelper writes the
# maintainer scripts; lintian must find no error.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=target/ebpfmon.jar
[ -f "$jar" ] || { echo "build-deb: $jar is missing; run make build" >&2; exit 1; }

version=$("$JAVA_HOME/bin/java" -jar "$jar" --version | awk '{print $2}')
[ -n "$version" ] || { echo "build-deb: cannot read the version from $jar" >&2; exit 1; }
stage=target/deb/ebpfmon-$version
payload=$stage/payload
lib=$payload/usr/lib/ebpfmon
rm -rf target/deb
mkdir -p "$lib" "$payload/usr/bin" "$payload/etc/ebpfmon" "$payload/usr/share/man/man8" \
  "$payload/usr/share/bash-completion/completions"
cp -a packaging/deb/debian "$stage/debian"

# A runtime of only the modules the jar uses. This JDK has no jmods/: JDK 25 links from its own
# run-time image (JEP 493).
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps "$jar")
echo "build-deb: linking a runtime of $modules"
# (--generate-cds-archive: the class data sharing archive -Xshare:auto starts faster with)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$lib/runtime" --strip-debug --no-man-pages \
  --no-header-files --compress=zip-6 --generate-cds-archive
# tools the modules bring that ebpfmon never runs
rm -f "$lib/runtime/bin/jwebserver" "$lib/runtime/bin/keytool"

install -m 0644 "$jar" "$lib/ebpfmon.jar"
install -m 0755 packaging/deb/ebpfmon.sh "$payload/usr/bin/ebpfmon"
install -m 0755 packaging/netdata/netdata-plugin.sh "$lib/netdata-plugin.sh"
gcc -std=c11 -O2 -g -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -pie \
  -Wl,-z,relro,-z,now \
  -DEBPFMON_JAVA='"/usr/lib/ebpfmon/runtime/bin/java"' -DEBPFMON_JAVA_HOME='"/usr/lib/ebpfmon/runtime"' \
  -DEBPFMON_JAR='"/usr/lib/ebpfmon/ebpfmon.jar"' -o "$lib/ebpf.plugin" packaging/netdata/ebpf-plugin-wrapper.c

# The configuration users edit (conffiles), and the stock copy Netdata's plugin install starts
# from (ebpf.d only: Netdata's apps_groups.conf stays Netdata's).
config=src/main/resources/config
cp -r "$config/." "$payload/etc/ebpfmon/"
install -d "$lib/config/ebpf.d"
install -m 0644 "$config/ebpf.d.conf" "$lib/config/"
install -m 0644 "$config"/ebpf.d/*.conf "$lib/config/ebpf.d/"
find "$payload/etc" -type f -exec chmod 0644 {} +

"$JAVA_HOME/bin/java" -cp "$jar" dev.ebpfmon.cli.Docs man "$payload/usr/share/man/man8/ebpfmon.8"
# bash sources completion files: the generated script's #! line has no use there
"$JAVA_HOME/bin/java" -cp "$jar" dev.ebpfmon.cli.Docs completion "$stage/completion"
sed '1{/^#!/d}' "$stage/completion" >"$payload/usr/share/bash-completion/completions/ebpfmon"

date=$(git log -1 --format=%aD 2>/dev/null || date -R)
cat >"$stage/debian/changelog" <<CHANGES
ebpfmon ($version) unstable; urgency=medium

  * Built from $(git rev-parse --short HEAD 2>/dev/null || echo "a source tree").

 -- ebpfmon developers <ebpfmon@example.org>  $date
CHANGES

(cd "$stage" && dpkg-buildpackage -b -us -uc --no-sign >../build.log 2>&1) || {
  tail -40 target/deb/build.log >&2; exit 1; }
mv "target/deb/ebpfmon_${version}_amd64.deb" target/
echo "build-deb: target/ebpfmon_${version}_amd64.deb"
lintian --fail-on error "target/ebpfmon_${version}_amd64.deb"
