package dev.ebpfmon.module.mdflush;

/**
 * md device numbers as the BPF side keys them (the kernel's dev_t, {@code major << 20 | minor})
 * and the names Netdata gives them: {@code md<minor>}, which is the kernel's name of md devices
 * (major 9: md0, md127).
 */
final class MdDevices {
    static final int MINOR_BITS = 20;

    private MdDevices() {}

    static int major(int dev) {
        return dev >>> MINOR_BITS;
    }

    static int minor(int dev) {
        return dev & ((1 << MINOR_BITS) - 1);
    }

    static String name(int dev) {
        return "md" + minor(dev);
    }
}
