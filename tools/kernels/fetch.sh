#!/usr/bin/env bash
# fetch.sh SUITE PACKAGE: makes Debian's kernel PACKAGE (e.g. linux-image-amd64, a metapackage)
# of SUITE available under $KERNELS_CACHE/kernels/<versioned package>/ and prints that directory.
# There: root/ (the unpacked package, with modules.dep), vmlinuz, release (uname -r).
# Package lists are refreshed when older than KERNELS_APT_MAX_AGE_DAYS (default 7); when the
# mirror is unreachable a kernel fetched before is used, with a warning. Any other failure exits 1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
suite=$1 package=$2
apt_dir=$KERNELS_CACHE/apt/$suite
resolved=$KERNELS_CACHE/resolved/$suite-$package
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$KERNELS_CACHE/resolved" "$KERNELS_CACHE/debs"
printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian %s main\n' \
  "$suite" > "$apt_dir/sources.list"
read -r -a opts <<< "$(apt_options "$suite")"

fallback() {
  if [ -f "$resolved" ] && [ -f "$KERNELS_CACHE/kernels/$(cat "$resolved")/ready" ]; then
    say "warning: $1; using the cached $(cat "$resolved")"
    echo "$KERNELS_CACHE/kernels/$(cat "$resolved")"
    exit 0
  fi
  die "$1 (and no cached kernel for $suite $package)"
}

max_age=${KERNELS_APT_MAX_AGE_DAYS:-7}
if [ -z "$(find "$apt_dir/lists" -maxdepth 1 -name '*_Packages*' -mtime "-$max_age" 2>/dev/null | head -1)" ]; then
  say "apt-get update for $suite (private lists in $apt_dir)"
  apt-get "${opts[@]}" -qq update >"$apt_dir/update.log" 2>&1 \
    || fallback "apt-get update for $suite failed: $(tail -1 "$apt_dir/update.log")"
fi

# The metapackage depends on the versioned image package, e.g. linux-image-6.1.0-40-amd64.
versioned=$(apt-cache "${opts[@]}" show "$package" 2>/dev/null \
  | sed -n 's/^Depends: .*\(linux-image-[^ ,]*\).*/\1/p' | head -1) || true
[ -n "$versioned" ] || fallback "$package not found in Debian $suite"
echo "$versioned" > "$resolved"
dir=$KERNELS_CACHE/kernels/$versioned
if [ -f "$dir/ready" ]; then
  echo "$dir"
  exit 0
fi

say "downloading $versioned ($suite)"
cd "$KERNELS_CACHE/debs"
apt-get "${opts[@]}" -qq download "$versioned" >"$apt_dir/download.log" 2>&1 \
  || die "apt-get download $versioned failed: $(tail -1 "$apt_dir/download.log")"
deb=$(ls -t "$KERNELS_CACHE/debs/${versioned}_"*.deb | head -1)
rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
dpkg-deb -x "$deb" "$dir.tmp/root"
vmlinuz=$(ls "$dir.tmp/root/boot/"vmlinuz-* | head -1)
[ -f "$vmlinuz" ] || die "$deb has no boot/vmlinuz-*"
release=${vmlinuz##*/vmlinuz-}
ln -s "root/boot/vmlinuz-$release" "$dir.tmp/vmlinuz"
echo "$release" > "$dir.tmp/release"
# Modules sit under lib/modules (bullseye, bookworm) or usr/lib/modules (trixie, merged /usr).
base=$dir.tmp/root
[ -d "$base/lib/modules/$release" ] || base=$dir.tmp/root/usr
[ -d "$base/lib/modules/$release" ] || die "$deb has no lib/modules/$release"
depmod -b "$base" "$release"
echo "$base" | sed "s|^$dir.tmp/||" > "$dir.tmp/modules-base"
touch "$dir.tmp/ready"
rm -rf "$dir" && mv "$dir.tmp" "$dir"
rm -f "$deb"  # the unpacked tree is the cache
echo "$dir"
