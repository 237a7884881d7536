package dev.ebpfmon.module;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a scenario set up (loop devices, arrays, mounts), undone in reverse order on close, every
 * step even when one fails (the first failure is thrown, the others added to it).
 */
public final class SetUp implements AutoCloseable {
    private final Deque<AutoCloseable> undo = new ArrayDeque<>();

    /** Remembers how to undo a step that succeeded; returns what it is given. */
    public <T extends AutoCloseable> T add(T step) {
        undo.push(step);
        return step;
    }

    /** Undoes what was set up if {@code work} fails, and rethrows. */
    public void orUndo(Step work) throws Exception {
        try {
            work.run();
        } catch (Exception | Error e) {
            try {
                close();
            } catch (Exception undoFailed) {
                e.addSuppressed(undoFailed);
            }
            throw e;
        }
    }

    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!undo.isEmpty()) {
            try {
                undo.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
