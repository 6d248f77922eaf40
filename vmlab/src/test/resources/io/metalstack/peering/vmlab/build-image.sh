#!/bin/sh
# Builds the vmlab guest on the host (root, Debian): Debian's kernel as an uncompressed PVH vmlinux, and a
# rootfs from Debian packages with the kernel modules the lab needs, packed as an uncompressed newc cpio.
# Called by GuestImage, which decides when a rebuild is due (the cache key is a hash of this recipe).
#   VMLAB_WORK            artifact directory (kept between runs)
#   VMLAB_KEY             cache key: the rootfs is written to $VMLAB_WORK/base-$VMLAB_KEY.cpio
#   VMLAB_KERNEL_PACKAGE  e.g. linux-image-6.1.0-56-amd64 (resolved by the caller from linux-image-amd64)
#   VMLAB_PACKAGES        comma-separated guest packages
#   VMLAB_MODULES         space-separated guest kernel modules (their dependencies are added)
# Prints "vmlinux <path>" and "base <path>" on success.
set -eu
: "${VMLAB_WORK:?}" "${VMLAB_KEY:?}" "${VMLAB_KERNEL_PACKAGE:?}" "${VMLAB_PACKAGES:?}" "${VMLAB_MODULES:?}"
work=$VMLAB_WORK
kpkg=$VMLAB_KERNEL_PACKAGE
abi=${kpkg#linux-image-}
base=$work/base-$VMLAB_KEY.cpio
kdir=$work/kernel/$abi
tmp=$work/build.tmp
mkdir -p "$work/dl" "$work/debcache"

step() { echo "build-image: $*" >&2; }

# 1. the kernel package (kept: a rebuild of the rootfs takes its modules from it)
deb=$(ls "$work/dl/${kpkg}_"*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
    step "download $kpkg"
    # apt-get download as root into a directory _apt cannot read warns about the sandbox: harmless
    if ! (cd "$work/dl" && apt-get download -qq "$kpkg" 2>/dev/null); then
        apt-get update -qq
        (cd "$work/dl" && apt-get download -qq "$kpkg")
    fi
    deb=$(ls "$work/dl/${kpkg}_"*.deb | head -n 1)
fi
rm -rf "$tmp"
mkdir -p "$tmp/kroot"
step "unpack $deb"
dpkg-deb -x "$deb" "$tmp/kroot"
grep -q '^CONFIG_NET_VRF=[ym]' "$tmp/kroot/boot/config-$abi" || { echo "kernel $abi has no CONFIG_NET_VRF" >&2; exit 1; }

# 2. PVH boot wants the ELF vmlinux: the bzImage carries it as an xz stream (TCG boots it seconds faster)
if [ ! -s "$kdir/vmlinux" ]; then
    mkdir -p "$kdir"
    z=$tmp/kroot/boot/vmlinuz-$abi
    off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$z" | head -n 1 | cut -d: -f1)
    [ -n "$off" ] || { echo "no xz stream in $z" >&2; exit 1; }
    tail -c +"$((off + 1))" "$z" | xz -dc --single-stream > "$kdir/vmlinux.tmp"
    mv "$kdir/vmlinux.tmp" "$kdir/vmlinux"
    cp "$tmp/kroot/boot/config-$abi" "$kdir/config"
fi

# 3. the rootfs (the .deb cache is kept: a rebuild downloads nothing it already has)
step "mmdebstrap $VMLAB_PACKAGES"
root=$tmp/rootfs
set --
for d in man doc locale info; do set -- "$@" --dpkgopt="path-exclude=/usr/share/$d/*"; done
mmdebstrap --quiet --variant=essential --mode=root --include="$VMLAB_PACKAGES" \
    --hook-dir=/usr/share/mmdebstrap/hooks/eatmydata --skip=essential/unlink "$@" \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
    --setup-hook="sync-in $work/debcache /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $work/debcache" \
    bookworm "$root" /etc/apt/sources.list.d/debian.sources

# 4. the modules and their dependencies (modinfo and depmod run in the guest rootfs: the host has no kmod)
kmods=$tmp/kroot/lib/modules/$abi
gmods=$root/lib/modules/$abi
mkdir -p "$gmods"
cp "$kmods"/modules.builtin* "$kmods"/modules.order "$gmods"/
(cd "$kmods" && find kernel -name '*.ko*') > "$tmp/all-modules"
want=$VMLAB_MODULES
have=" "
while [ -n "$(echo $want)" ]; do
    set -- $want
    m=$(echo "$1" | tr - _)
    shift
    want="$*"
    case "$have" in *" $m "*) continue ;; esac
    have="$have$m "
    rel=$(awk -v m="$m" '{ n = $0; sub(/.*\//, "", n); sub(/\.ko.*$/, "", n); gsub(/-/, "_", n); if (n == m) { print; exit } }' "$tmp/all-modules")
    if [ -z "$rel" ]; then
        if awk -v m="$m" '{ n = $0; sub(/.*\//, "", n); sub(/\.ko.*$/, "", n); gsub(/-/, "_", n); if (n == m) f = 1 } END { exit !f }' "$kmods/modules.builtin"; then
            continue
        fi
        echo "kernel module $m is neither a module nor built into $abi" >&2
        exit 1
    fi
    mkdir -p "$gmods/$(dirname "$rel")"
    cp "$kmods/$rel" "$gmods/$rel"
    want="$want $(chroot "$root" modinfo -F depends "/lib/modules/$abi/$rel" | tr , ' ')"
done
step "modules:$have"
chroot "$root" depmod -a "$abi"

# 5. prune what the lab never runs (every MiB is boot time under TCG), then pack
rm -rf "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale "$root"/usr/share/info \
    "$root"/usr/lib/x86_64-linux-gnu/gconv "$root"/usr/share/perl "$root"/usr/lib/x86_64-linux-gnu/perl \
    "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*_Packages "$root"/usr/share/zoneinfo
mkdir -p "$root/mnt/host"
(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) > "$base.tmp"
mv "$base.tmp" "$base"
rm -rf "$tmp"
echo "vmlinux $kdir/vmlinux"
echo "base $base"
