package dev.ebpfmon.kernel;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the process may do, from {@code /proc/self/status}.
 *
 * @param effectiveCaps the {@code CapEff} bit mask
 * @param euid          effective user id, or -1 when it could not be read
 */
public record Privileges(long effectiveCaps, int euid) {

    public boolean root() {
        return euid == 0;
    }

    public boolean has(Capability cap) {
        return (effectiveCaps & (1L << cap.bit())) != 0;
    }

    public Set<Capability> held() {
        Set<Capability> held = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if (has(c)) {
                held.add(c);
            }
        }
        return held;
    }

    /** Parses the text of /proc/self/status; missing or garbled lines count as "nothing held". */
    static Privileges parseStatus(String status) {
        long caps = 0;
        int euid = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                } catch (NumberFormatException e) {
                    caps = 0;
                }
            } else if (line.startsWith("Uid:")) {
                // real, effective, saved, filesystem
                String[] ids = line.substring("Uid:".length()).strip().split("\\s+");
                if (ids.length >= 2) {
                    try {
                        euid = Integer.parseInt(ids[1]);
                    } catch (NumberFormatException e) {
                        euid = -1;
                    }
                }
            }
        }
        return new Privileges(caps, euid);
    }
}
