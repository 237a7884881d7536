#!/bin/sh
# ebpfmon, as installed by its Debian package: the bundled Java runtime runs the jar. The agent,
# check and top read /etc/ebpfmon; as Netdata's plugin (`ebpfmon netdata`) Netdata's directories.
home=/usr/lib/ebpfmon
if [ "${1:-}" != netdata ]; then
    EBPFMON_CONFIG_DIR=${EBPFMON_CONFIG_DIR:-/etc/ebpfmon}
    export EBPFMON_CONFIG_DIR
fi
# The JVM options are bin/ebpfmon's (their reasons are there).
exec "$home/runtime/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:-ShrinkHeapInSteps -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -Xms32m -Xmn8m -Xss512k \
    -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 -XX:TrimNativeHeapInterval=30000 -Xshare:auto \
    -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=10000 -XX:GuaranteedSafepointInterval=10000 \
    -XX:ServiceThreadCleanupInterval=10000 -XX:-UsePerfData -jar "$home/ebpfmon.jar" "$@"
