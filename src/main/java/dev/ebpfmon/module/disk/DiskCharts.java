package dev.ebpfmon.module.disk;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.ChartType;
import dev.ebpfmon.chart.Dimension;
import dev.ebpfmon.module.Log2Buckets;
import java.util.List;

/** The disk module's charts: Netdata's latency histogram per disk, and ebpfmon's drift against /proc/diskstats. */
final class DiskCharts {
    static final String MODULE = "disk";
    static final String LATENCY_TYPE = "disk_latency_io";
    static final String DRIFT_TYPE = "disk_ebpf";
    static final String DRIFT_ID = "request_drift";

    private DiskCharts() {}

    /** {@code disk_latency_io.<disk>}: requests per second by latency bucket, as Netdata 1.37.1 draws it. */
    static Chart latency(String disk, int updateEvery) {
        return Chart.builder(LATENCY_TYPE, disk).title("Disk latency").units("calls/s").family(disk)
                .context("disk.latency_io").chartType(ChartType.STACKED).priority(2095).updateEvery(updateEvery)
                .module(MODULE).dimensions(Log2Buckets.dimensions()).label("disk", disk).build();
    }

    /**
     * {@code disk_ebpf.request_drift} (not Netdata's): per disk and collection, the requests
     * /proc/diskstats says completed minus those the module saw complete. Zero while the
     * tracepoints see every request; a hook that stopped seeing traffic shows as the whole count.
     */
    static Chart drift(List<String> disks, int updateEvery) {
        return Chart.builder(DRIFT_TYPE, DRIFT_ID).title("Block requests /proc/diskstats completed that eBPF did not see")
                .units("requests").family("request drift").context(DRIFT_TYPE + "." + DRIFT_ID)
                .chartType(ChartType.LINE).priority(2096).updateEvery(updateEvery).module(MODULE)
                .dimensions(disks.stream().map(Dimension::absolute).toList()).build();
    }
}
