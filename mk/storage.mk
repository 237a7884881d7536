# Tools the storage modules' kernel scenarios use to build their devices (filesystem: xfs and btrfs
# on loop devices; mdflush: an md RAID1 array), in the kernel matrix' guests, which run the host's
# binaries over 9p. ext4's and the loop devices' tools come with e2fsprogs and util-linux.
APT_PACKAGES += xfsprogs btrfs-progs mdadm
