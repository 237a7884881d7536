# Benchmarks (BENCHMARKS.md): `make bench` measures, `make bench-smoke` only checks that it runs.
# Both need root; the full run takes several minutes and should have the machine to itself.
.PHONY: bench bench-smoke

BENCH := $(JAVA_HOME)/bin/java --enable-native-access=ALL-UNNAMED -cp $(JAR) dev.ebpfmon.bench.BenchCommand

bench: build
	$(BENCH) $(BENCH_ARGS)

bench-smoke: build
	$(BENCH) --smoke >/dev/null
	@echo "bench-smoke: ok"
