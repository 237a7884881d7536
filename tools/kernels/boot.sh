#!/usr/bin/env bash
# boot.sh KERNEL_DIR RUN_DIR [EXTRA_CMDLINE]: boots the kernel under QEMU (TCG: KVM refuses this
# CPU model) with the host's root shared read-only and RUN_DIR shared writable as "results";
# RUN_DIR/job.env says what the guest does (guest/stage2.sh). The console goes to
# RUN_DIR/console.log; the guest's progress lines ("matrix: ...") are echoed. Gives up after
# KERNELS_VM_TIMEOUT seconds (default 1800). Exit status: 0 when the guest finished its job.
# The guest's CPUs share one host thread (KERNELS_TCG_THREAD, default single): with one host thread
# per guest CPU (multi), the kernel's live code patching (a tracepoint's static key flipped, a
# trampoline or kprobe placed) raced with the other CPU still running the old code, and guests died
# on "Oops: int3" in the very IPI handler used to synchronise the patch (6.12, once in CI and once
# of one run here), or soft-locked in the IPI-heavy hardirq scenario (6.1). Single is race-free
# and costs about 30% more time (6.12's kernel tests: 256-272 s -> 334 s).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kdir=$1 run=$2 extra=${3:-}
rm -f "$run/finished" "$run/booted"
timeout_s=${KERNELS_VM_TIMEOUT:-1800}
status=0
timeout --foreground -k 10 "$timeout_s" qemu-system-x86_64 -accel "tcg,thread=${KERNELS_TCG_THREAD:-single}" -cpu max -m "${KERNELS_VM_MEMORY:-3072}" \
  -smp "${KERNELS_VM_CPUS:-2}" -display none -monitor none -serial stdio -no-reboot -nic none \
  -kernel "$kdir/vmlinuz" -initrd "$kdir/initrd.gz" \
  -fsdev local,id=hostroot,path=/,security_model=passthrough,readonly=on,multidevs=remap \
  -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
  -fsdev local,id=results,path="$run",security_model=passthrough \
  -device virtio-9p-pci,fsdev=results,mount_tag=results \
  -append "console=ttyS0 quiet panic=-1 $extra" </dev/null 2>&1 \
  | tee "$run/console.log" | grep --line-buffered '^matrix: ' >&2 || status=$?
if [ ! -f "$run/finished" ]; then
  if [ ! -f "$run/booted" ]; then
    say "$(basename "$run"): the guest did not come up; last console lines:"
  else
    say "$(basename "$run"): the guest did not finish (timeout ${timeout_s}s or crash); last console lines:"
  fi
  tail -15 "$run/console.log" | sed 's/^/    /' >&2
  exit 1
fi
