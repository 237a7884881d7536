# The kernel matrix (issue 12): ebpfmon on Debian's 5.10, 6.1, 6.12 and 6.12 PREEMPT_RT kernels,
# each booted under QEMU with the host's root shared read-only (tools/kernels/).
#   make test-kernels                  every run of tools/kernels/runs.tsv, then one result table
#   make test-kernels KERNELS="6.1"    only the runs named
# Downloaded kernels stay in KERNELS_CACHE (default /var/cache/ebpfmon/kernels), which `mvn clean`
# does not touch; results go to target/kernels/<run>/. Needs root (QEMU's 9p passthrough).
APT_PACKAGES += qemu-system-x86 busybox-static cpio kmod xz-utils zstd

KERNELS ?=

.PHONY: test-kernels
test-kernels: build
	tools/kernels/matrix.sh $(KERNELS)

# The table and its checks over a fixture, without virtual machines (seconds).
.PHONY: test-kernels-report
test-kernels-report: build
	tools/kernels/report/selftest.sh
