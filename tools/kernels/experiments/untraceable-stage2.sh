#!/bin/bash
# Guest stage 2 of a one-off experiment behind SymbolTable.whyNoKprobe: how many functions that are
# in BTF but not in available_filter_functions accept a kprobe (tracefs kprobe_events, which uses
# the same register_kprobe as BPF). Result on Debian 6.12.117: 19 of 8,097 (not blacklisted);
# 297 of 300 ftrace-able ones; 0 of 232 blacklisted. Run (as root, after a `make test-kernels`):
#   K=/var/cache/ebpfmon/kernels/kernels/linux-image-6.12.117+deb13-amd64; R=$(mktemp -d)
#   printf '%s\n' GUEST_RUN=exp GUEST_STAGE2=$PWD/tools/kernels/experiments/untraceable-stage2.sh \
#     GUEST_MODULES=$K/usr/lib/modules/$(cat $K/release) GUEST_RELEASE=$(cat $K/release) > $R/job.env
#   tools/kernels/boot.sh $K $R; cat $R/exp.txt
. /results/job.env
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp; mount -t tracefs tracefs /sys/kernel/tracing; mount -t debugfs debugfs /sys/kernel/debug
echo 1 > /results/booted
out=/results/exp.txt
bpftool btf dump file /sys/kernel/btf/vmlinux | sed -n "s/^\[[0-9]*\] FUNC '\([^']*\)'.*/\1/p" | sort -u > /tmp/btf
sed 's/ .*//' /sys/kernel/tracing/available_filter_functions | sort -u > /tmp/ftrace
awk '$2 ~ /^[tT]$/ {print $3}' /proc/kallsyms | sort -u > /tmp/kallsyms
awk '{print $2}' /sys/kernel/debug/kprobes/blacklist | sort -u > /tmp/blacklist
comm -23 /tmp/btf /tmp/ftrace > /tmp/notrace
comm -12 /tmp/notrace /tmp/kallsyms > /tmp/notrace_sym
comm -23 /tmp/notrace_sym /tmp/blacklist > /tmp/notrace_sym_nobl
comm -12 /tmp/btf /tmp/ftrace > /tmp/traceable
k=/sys/kernel/tracing/kprobe_events
count() { ok=0; n=0; for f in $(cat "$1"); do n=$((n+1)); if echo "p:matrix_probe $f" > $k 2>/dev/null; then ok=$((ok+1)); echo "-:matrix_probe" > $k; fi; done; echo "$2: $ok of $n accept a kprobe" >> $out; }
echo "blacklist $(wc -l < /tmp/blacklist); notrace with symbol $(wc -l < /tmp/notrace_sym), of which not blacklisted $(wc -l < /tmp/notrace_sym_nobl)" > $out
count /tmp/notrace_sym_nobl "in BTF+kallsyms, not ftrace-able, not blacklisted"
shuf -n 300 /tmp/traceable > /tmp/t300; count /tmp/t300 "ftrace-able sample"
comm -12 /tmp/notrace_sym /tmp/blacklist > /tmp/bl; count /tmp/bl "blacklisted"
echo ok > /results/finished
sync; echo o > /proc/sysrq-trigger; sleep 60
