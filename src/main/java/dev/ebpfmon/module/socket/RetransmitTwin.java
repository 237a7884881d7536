package dev.ebpfmon.module.socket;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.kernel.ProcFile;
import java.nio.file.Path;

/**
 * TCP retransmits against the kernel's own count: per tick, the growth of RetransSegs in
 * /proc/net/snmp of the agent's network namespace, what the module counted in that same
 * namespace, and the difference. The kernel counts a segment before sending it, and also counts
 * SYN-ACKs a listener sends again (which have no tracepoint of tcp_retransmit_skb): a drift that
 * stays away from zero says the hook misses something.
 */
final class RetransmitTwin {
    static final String CHART_ID = "tcp_retransmit_drift";

    private final NetnsCounts counts;
    private final ProcFile snmp;
    private final int netns;
    private final Chart chart;
    private long kernelBefore = -1;
    private long oursBefore;

    RetransmitTwin(NetnsCounts counts, Path snmp, int netns, int updateEvery) {
        this.counts = counts;
        this.snmp = new ProcFile(snmp);
        this.netns = netns;
        this.chart = chart(updateEvery);
    }

    static Chart chart(int updateEvery) {
        return Chart.builder("ip", CHART_ID)
                .title("TCP retransmits counted by the kernel (RetransSegs) and by eBPF in the network namespace of the agent")
                .units("segments").family("kernel").priority(21077).updateEvery(updateEvery).module("socket")
                .dimensions(Dimension.absolute("kernel"), Dimension.absolute("ebpf"), Dimension.absolute("drift"))
                .build();
    }

    void collect(Tick tick) {
        long kernel = Snmp.tcp(snmp, "RetransSegs");
        long ours = counts.read(netns)[NetnsCounts.RETRANSMIT_SEGS];
        if (kernelBefore < 0) {
            kernelBefore = kernel;
            oursBefore = ours;
        }
        long kernelDelta = kernel - kernelBefore;
        long oursDelta = ours - oursBefore;
        kernelBefore = kernel;
        oursBefore = ours;
        tick.add(new Sample(chart, new long[] {kernelDelta, oursDelta, kernelDelta - oursDelta}));
    }

    void close() {
        snmp.close();
    }
}
