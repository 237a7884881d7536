package dev.ebpfmon.module.hardirq;

/**
 * The x86 system vectors Netdata's hardirq chart has a dimension for, in its order (the index in
 * {@code hardirq_vectors}, enum hardirq_vector in src/main/bpf/modules/hardirq/hardirq.h): the
 * dimension's id, the {@code irq_vectors} tracepoints ({@code <event>_entry}, {@code <event>_exit})
 * and the /proc/interrupts row that counts the same interrupts (CAL counts both function-call vectors).
 */
public enum HardirqVector {
    APIC_THERMAL("apic_thermal", "thermal_apic", "TRM"),
    APIC_THRESHOLD("apic_threshold", "threshold_apic", "THR"),
    APIC_ERROR("apic_error", "error_apic", "ERR"),
    APIC_DEFERRED_ERROR("apic_deferred_error", "deferred_error_apic", "DFR"),
    APIC_SPURIOUS("apic_spurious", "spurious_apic", "SPU"),
    FUNC_CALL("func_call", "call_function", "CAL"),
    FUNC_CALL_SINGLE("func_call_single", "call_function_single", "CAL"),
    RESCHEDULE("reschedule", "reschedule", "RES"),
    LOCAL_TIMER("local_timer", "local_timer", "LOC"),
    IRQ_WORK("irq_work", "irq_work", "IWI"),
    X86_PLATFORM_IPI("x86_platform_ipi", "x86_platform_ipi", "PLT");

    /** The tracepoints' category. */
    public static final String CATEGORY = "irq_vectors";

    private final String dimension;
    private final String event;
    private final String procLabel;

    HardirqVector(String dimension, String event, String procLabel) {
        this.dimension = dimension;
        this.event = event;
        this.procLabel = procLabel;
    }

    /** Netdata's dimension id and name on system.hardirq_latency. */
    public String dimension() {
        return dimension;
    }

    /** {@code <event>_entry} and {@code <event>_exit} in {@code irq_vectors}; the programs are {@code <event>_{entry,exit}_{btf,raw}}. */
    public String event() {
        return event;
    }

    /** The row of /proc/interrupts counting these interrupts. */
    public String procLabel() {
        return procLabel;
    }
}
