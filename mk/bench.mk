# Benchmarks (BENCHMARKS.md), all as root on the real agent (bin/ebpfmon):
#   make bench          the full run: kernel table, then the user side at 1,000 / 10,000 / 30,000
#                       processes in both configurations and both agent modes (2-3 h; give it
#                       the machine to itself); prints Markdown on stdout
#   make bench-smoke    the short mode CI runs (well under a minute): every part, not the timings
#   make bench-profile  the user side at 10,000 processes with a JFR profile of each window
# BENCH_ARGS passes options on, e.g. make bench BENCH_ARGS="--rounds 11 --window 300".
.PHONY: bench bench-smoke bench-profile

BENCH := $(JAVA_HOME)/bin/java --enable-native-access=ALL-UNNAMED -cp $(JAR) dev.ebpfmon.bench.BenchCommand

bench: build
	$(BENCH) $(BENCH_ARGS)

bench-smoke: build
	$(BENCH) --smoke $(BENCH_ARGS) >/dev/null
	@echo "bench-smoke: ok"

bench-profile: build
	$(BENCH) --skip-kernel --processes 10000 --profile $(BENCH_ARGS)
