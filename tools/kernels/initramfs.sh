#!/usr/bin/env bash
# initramfs.sh KERNEL_DIR: builds KERNEL_DIR/initrd.gz (unless it is newer than its inputs):
# busybox-static, the virtio, 9p and overlay modules of that same kernel package (in the order
# modprobe resolves their dependencies, decompressed, as busybox's insmod wants), and guest/init.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kdir=$1
out=$kdir/initrd.gz
init=$KERNELS_TOOLS/guest/init
if [ -f "$out" ] && [ "$out" -nt "$init" ] && [ "$out" -nt "$0" ]; then
  exit 0
fi
busybox=$(command -v busybox) || die "busybox is missing (apt-get install busybox-static)"
! ldd "$busybox" >/dev/null 2>&1 || die "$busybox is not statically linked (apt-get install busybox-static)"
release=$(cat "$kdir/release")
base=$kdir/$(cat "$kdir/modules-base")
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree"/{bin,dev,proc,sys,lower,upper,newroot,results,modules}
cp "$busybox" "$tree/bin/busybox"
n=0
for m in virtio_pci 9pnet_virtio 9p overlay; do
  modprobe -d "$base" -S "$release" --show-depends "$m" || die "modprobe cannot resolve $m for $release"
done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
  n=$((n + 1))
  name=$(printf '%02d-%s' "$n" "$(basename "$ko" | sed 's/\.ko.*$/.ko/')")
  case "$ko" in
    *.xz) xz -dc "$ko" > "$tree/modules/$name" ;;
    *.zst) zstd -qdc "$ko" > "$tree/modules/$name" ;;
    *) cp "$ko" "$tree/modules/$name" ;;
  esac
done
cp "$init" "$tree/init"
chmod +x "$tree/init"
(cd "$tree" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
