package dev.ebpfmon.chart.golden;

import java.util.Set;

/**
 * The configuration a chart golden is read for: the golden's {@code when=} conditions that hold.
 * A condition is atoms joined by {@code +} (all must hold), each a list of alternatives joined by
 * {@code |} (one must hold); {@code always} always holds. The atoms: {@code return} (ebpf load mode =
 * return), {@code apps}, {@code cgroups}, {@code services} (cgroups and systemd services),
 * {@code internals} (self-monitoring), {@code network-connections}, {@code fs:<fs>} (that filesystem
 * mounted and its histogram on), {@code syscall:<name>} (enabled in sync.conf).
 */
public final class Conditions {
    private final Set<String> atoms;
    private final boolean everything;

    private Conditions(Set<String> atoms, boolean everything) {
        this.atoms = Set.copyOf(atoms);
        this.everything = everything;
    }

    /** Only these atoms hold. */
    public static Conditions of(String... atoms) {
        return new Conditions(Set.of(atoms), false);
    }

    /** Every atom holds: the whole golden (return mode, apps, cgroups, every filesystem, ...). */
    public static Conditions everything() {
        return new Conditions(Set.of(), true);
    }

    public boolean hold(String when) {
        if (when.isEmpty() || everything) {
            return true;
        }
        for (String all : when.split("\\+")) {
            boolean any = false;
            for (String atom : all.split("\\|")) {
                any |= atom.equals("always") || atoms.contains(atom);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return everything ? "everything" : String.join("+", atoms.stream().sorted().toList());
    }
}
