#!/bin/sh
# ebpfmon, as installed by its Debian package: the bundled Java runtime runs the jar. The agent,
# check and top read /etc/ebpfmon; as Netdata's plugin (`ebpfmon netdata`) Netdata's directories.
home=/usr/lib/ebpfmon
if [ "${1:-}" != netdata ]; then
    EBPFMON_CONFIG_DIR=${EBPFMON_CONFIG_DIR:-/etc/ebpfmon}
    export EBPFMON_CONFIG_DIR
fi
exec "$home/runtime/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:-ShrinkHeapInSteps -Xms32m -Xmn16m -Xss512k \
    -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 -XX:TrimNativeHeapInterval=30000 -Xshare:auto \
    -XX:-UsePerfData -jar "$home/ebpfmon.jar" "$@"
