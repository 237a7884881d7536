# Two commands a fresh machine needs: `make run` and `make test` (both set everything up first).
SHELL := /bin/bash
export JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64
export PATH := $(JAVA_HOME)/bin:$(PATH)
MVN := mvn -B -q
JAR := target/ebpfmon.jar
APT_PACKAGES := clang llvm libbpf1 libbpf-dev bpftool bpftrace maven tmux procps util-linux

# Features add their own targets and packages in mk/*.mk (APT_PACKAGES += ...).
-include mk/*.mk

.PHONY: setup build run test test-quick check clean

# Installs what is missing (Debian packages); silent when everything is there.
setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -x $(JAVA_HOME)/bin/java || { echo "Java 25 not found at $(JAVA_HOME) (set JAVA_HOME)"; exit 1; }

build: setup
	$(MVN) -DskipTests package

run: build
	bin/ebpfmon

# Everything CI runs: unit, kernel and integration tests, then every module on Debian's other
# kernels under QEMU (mk/kernels.mk) and the Debian package installed, run and purged in a fresh
# root (mk/package.mk). `make test-quick` is the first part alone, what a change usually needs.
# Not quiet: Surefire's and Failsafe's "Tests run:" summaries are the record of what ran.
test: test-quick
	$(MAKE) --no-print-directory test-kernels
	$(MAKE) --no-print-directory test-package

test-quick: setup
	mvn -B --no-transfer-progress verify

check: build
	bin/ebpfmon check

clean:
	$(MVN) clean
