package dev.ebpfmon.bpf;

import java.util.Optional;

/**
 * A kernel or libbpf refusal: opening, loading, attaching, running or a map operation failed.
 *
 * <p>Checked on purpose: every one of these can fail on a real machine for reasons outside the
 * program (kernel version, lockdown, verifier), and the design wants a module that cannot load to
 * disable itself and say why rather than take the agent down. Misuse of the API (wrong buffer
 * size, setting a global after load) throws unchecked exceptions instead.
 */
public final class BpfException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String log;

    BpfException(String message) {
        super(message);
        this.errno = 0;
        this.log = null;
    }

    /** @param what the failed action, e.g. "load BPF object 'fd'" */
    BpfException(String what, int errno, String log) {
        super(what + ": " + Errno.name(errno) + " (" + Errno.text(errno) + ")");
        this.errno = errno;
        this.log = log == null || log.isBlank() ? null : log;
    }

    /** Positive errno (or libbpf's 4000+ code), 0 when the failure did not come with one. */
    public int errno() {
        return errno;
    }

    /** Symbolic name such as {@code EPERM}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** Human text such as "Operation not permitted". */
    public String errnoText() {
        return Errno.text(errno);
    }

    /** What libbpf printed while the action ran: for a load failure, the verifier log. */
    public Optional<String> log() {
        return Optional.ofNullable(log);
    }
}
