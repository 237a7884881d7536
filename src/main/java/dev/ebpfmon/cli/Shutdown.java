package dev.ebpfmon.cli;

import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C end a running command the ordinary way: the tick loop stops, the command
 * returns, the module set closes (nothing stays attached) and the exit status is 0, as systemd and
 * Netdata expect of a clean stop. Without this the JVM would run its shutdown hooks while the loop
 * still ticks, and exit with 143.
 */
final class Shutdown {
    private Shutdown() {}

    /** Until the process ends, TERM and INT stop {@code loop} and wake the thread running it. */
    static void stops(TickLoop loop) {
        Thread runner = Thread.currentThread();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                loop.stop();
                runner.interrupt();
            });
        }
    }
}
