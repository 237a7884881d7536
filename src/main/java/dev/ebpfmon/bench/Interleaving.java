package dev.ebpfmon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which configurations are measured: every configuration once per round, odd rounds
 * reversed (A B C, C B A, A B C, ...), so that a slow drift of the machine (another tenant
 * starting, thermal state) falls on every row alike instead of on the row measured last.
 */
final class Interleaving {
    private Interleaving() {}

    /** One measurement slot: the round (from 0) and the configuration to measure. */
    record Slot<T>(int round, T config) {}

    static <T> List<Slot<T>> order(List<T> configs, int rounds) {
        if (configs.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException(configs.size() + " configurations x " + rounds + " rounds");
        }
        List<Slot<T>> slots = new ArrayList<>(configs.size() * rounds);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < configs.size(); i++) {
                int at = round % 2 == 0 ? i : configs.size() - 1 - i;
                slots.add(new Slot<>(round, configs.get(at)));
            }
        }
        return slots;
    }
}
