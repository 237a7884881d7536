package dev.ebpfmon.module.group;

/**
 * A map from process id to value without boxing: open addressing with linear probing, deletion by
 * moving the following entries back (no tombstones, so a table under process churn stays as fast
 * as a fresh one). Looked up once per process record per tick, where a {@code HashMap<Integer, ?>}
 * cost a boxed key and a pointer chase each time.
 */
final class TgidMap<V> {
    private static final int FREE = 0; // tgid 0 is the idle task, which has no record

    private int[] keys;
    private Object[] values;
    private int size;
    private int mask;

    TgidMap() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int tgid) {
        for (int i = slot(tgid); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == tgid) {
                return (V) values[i];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    void put(int tgid, V value) {
        if (tgid == FREE) {
            throw new IllegalArgumentException("tgid 0");
        }
        int i = slot(tgid);
        while (keys[i] != FREE && keys[i] != tgid) {
            i = (i + 1) & mask;
        }
        if (keys[i] == FREE) {
            keys[i] = tgid;
            size++;
        }
        values[i] = value;
        if (size * 4 > keys.length * 3) {
            grow();
        }
    }

    void remove(int tgid) {
        int i = slot(tgid);
        while (keys[i] != tgid) {
            if (keys[i] == FREE) {
                return;
            }
            i = (i + 1) & mask;
        }
        // close the gap: move back every following entry of the run that probed past slot i
        for (int next = (i + 1) & mask; keys[next] != FREE; next = (next + 1) & mask) {
            int home = slot(keys[next]);
            boolean movable = i <= next ? home <= i || home > next : home <= i && home > next;
            if (movable) {
                keys[i] = keys[next];
                values[i] = values[next];
                i = next;
            }
        }
        keys[i] = FREE;
        values[i] = null;
        size--;
    }

    /** Every value, in no particular order: a copy, so the map may change while it is used. */
    @SuppressWarnings("unchecked")
    java.util.List<V> values() {
        java.util.List<V> all = new java.util.ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                all.add((V) values[i]);
            }
        }
        return all;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private int slot(int tgid) {
        int h = tgid * 0x9E3779B9; // consecutive ids spread over the table
        return (h ^ h >>> 16) & mask;
    }

    @Override
    public String toString() {
        return "TgidMap[" + size + " of " + keys.length + "]";
    }
}
