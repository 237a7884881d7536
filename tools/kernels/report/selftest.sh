#!/usr/bin/env bash
# selftest.sh: the report over a fixture (testdata/: two runs, scenario entries of every outcome,
# a failing test, expected and unexpected "cannot run" cells, a rule whose cell runs) must print
# testdata/expected-output.txt and exit 1. No virtual machine involved. Needs target/ebpfmon.jar.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
status=0
"$java" -cp "$here/../../../target/ebpfmon.jar" "$here/MatrixReport.java" "$here/testdata/results" \
  "$here/testdata/expected.tsv" k1 k2 > "$actual" || status=$?
if [ "$status" -ne 1 ]; then
  echo "report self-test: exit status $status, expected 1" >&2
  exit 1
fi
diff -u "$here/testdata/expected-output.txt" "$actual" || { echo "report self-test: output differs" >&2; exit 1; }
echo "report self-test: ok"
