package dev.ebpfmon.module.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.chart.Chart;
import dev.ebpfmon.chart.Sample;
import dev.ebpfmon.chart.Tick;
import dev.ebpfmon.module.Log2Buckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The disk collector over fake maps and /proc files: charts per disk, names, drift, retirement. */
class DiskCollectorTest {
    private static final int SDA = PartitionTable.dev(8, 0);
    private static final int LOOP0 = PartitionTable.dev(7, 0);
    private static final int MD0 = PartitionTable.dev(9, 0);

    /** The kernel as the collector sees it: histograms per disk, completions per device. */
    private static final class FakeKernel implements DiskSources {
        final Map<Integer, long[]> histograms = new LinkedHashMap<>();
        final Map<Integer, long[]> stats = new LinkedHashMap<>(); // reads, writes, discards, flushes
        final Map<Integer, String> names = new LinkedHashMap<>();
        final Set<Integer> bioBased = Set.of(MD0);
        final List<Integer> forgotten = new ArrayList<>();

        void request(int dev, int bucket, int readsOrWrites) {
            histograms.computeIfAbsent(dev, d -> new long[Log2Buckets.COUNT])[bucket] += readsOrWrites;
            stats.get(dev)[1] += readsOrWrites;
        }

        @Override
        public void histograms(Histogram each) {
            histograms.forEach(each::disk);
        }

        @Override
        public void forget(int dev) {
            forgotten.add(dev);
            histograms.remove(dev);
        }

        @Override
        public String partitions() {
            StringBuilder text = new StringBuilder("major minor  #blocks  name\n\n");
            names.forEach((dev, name) -> text.append(PartitionTable.major(dev)).append(' ')
                    .append(PartitionTable.minor(dev)).append(" 1024 ").append(name).append('\n'));
            return text.toString();
        }

        @Override
        public Map<Integer, Long> completed() {
            StringBuilder text = new StringBuilder();
            stats.forEach((dev, s) -> text.append(PartitionTable.major(dev)).append(' ').append(PartitionTable.minor(dev))
                    .append(" name ").append(s[0]).append(" 0 0 0 ").append(s[1]).append(" 0 0 0 0 0 0 ")
                    .append(s[2]).append(" 0 0 0 ").append(s[3]).append(" 0\n"));
            return DiskStats.completed(text.toString());
        }

        @Override
        public boolean requestBased(int dev) {
            return !bioBased.contains(dev);
        }
    }

    private final FakeKernel kernel = new FakeKernel();

    private FakeKernel disks() {
        kernel.names.put(SDA, "sda");
        kernel.names.put(LOOP0, "loop0");
        kernel.names.put(MD0, "md0");
        kernel.stats.put(SDA, new long[] {50, 70, 0, 3});
        kernel.stats.put(LOOP0, new long[4]);
        kernel.stats.put(MD0, new long[] {9, 9, 0, 0});
        return kernel;
    }

    private static Optional<Sample> sample(Tick tick, String chart) {
        return tick.samples().stream().filter(s -> s.chart().fullId().equals(chart)).findFirst();
    }

    private static long drift(Tick tick, String disk) {
        Sample s = sample(tick, "disk_ebpf.request_drift").orElseThrow();
        List<String> disks = s.chart().dimensions().stream().map(d -> d.id()).toList();
        return s.values()[disks.indexOf(disk)];
    }

    @Test
    void aDiskWithRequestsGetsNetdatasLatencyChartNamedAsProcPartitionsNamesIt() {
        DiskCollector collector = new DiskCollector(disks(), 1);
        kernel.request(SDA, 3, 5);
        kernel.request(SDA, 7, 2);
        Tick tick = new Tick();
        collector.collect(tick);

        Sample sda = sample(tick, "disk_latency_io.sda").orElseThrow();
        assertThat(sda.chart()).isEqualTo(DiskCharts.latency("sda", 1));
        assertThat(sda.chart().context()).isEqualTo("disk.latency_io");
        assertThat(sda.chart().labels()).containsEntry("disk", "sda");
        assertThat(sda.values()[3]).isEqualTo(5);
        assertThat(sda.values()[7]).isEqualTo(2);
        assertThat(sample(tick, "disk_latency_io.loop0")).as("no requests, no chart").isEmpty();
    }

    @Test
    void driftIsWhatDiskstatsCompletedMinusWhatTheHistogramsGainedPerCollection() {
        DiskCollector collector = new DiskCollector(disks(), 1);
        kernel.request(SDA, 4, 10);
        kernel.request(LOOP0, 2, 6);
        Tick first = new Tick();
        collector.collect(first);
        assertThat(drift(first, "sda")).isZero();
        assertThat(drift(first, "loop0")).isZero();
        assertThat(sample(first, "disk_ebpf.request_drift").orElseThrow().chart().dimensions())
                .extracting(d -> d.id()).as("request-based disks in device order; md0 is bio-based")
                .containsExactly("loop0", "sda");

        kernel.stats.get(SDA)[0] += 4; // reads the tracepoints did not see
        kernel.stats.get(SDA)[3] += 1; // and a flush
        kernel.request(SDA, 4, 2);
        Tick second = new Tick();
        collector.collect(second);
        assertThat(drift(second, "sda")).isEqualTo(5);
        assertThat(drift(second, "loop0")).isZero();
    }

    @Test
    void aDiskGoneIsForgottenAndItsChartRetiredAfterTenCollections() {
        DiskCollector collector = new DiskCollector(disks(), 1);
        kernel.request(LOOP0, 1, 1);
        Tick tick = new Tick();
        collector.collect(tick);
        Chart loop0 = sample(tick, "disk_latency_io.loop0").orElseThrow().chart();

        kernel.names.remove(LOOP0); // losetup --detach
        kernel.stats.remove(LOOP0);
        List<Chart> retired = new ArrayList<>();
        for (int i = 1; i <= DiskCollector.RETIRE_AFTER_TICKS; i++) {
            tick = new Tick();
            collector.collect(tick);
            assertThat(sample(tick, "disk_latency_io.loop0")).isEmpty();
            retired.addAll(tick.retired());
            assertThat(retired).as("after " + i + " collections without it").hasSize(i < DiskCollector.RETIRE_AFTER_TICKS ? 0 : 1);
        }
        assertThat(retired).containsExactly(loop0);
        assertThat(kernel.forgotten).containsExactly(LOOP0);
        assertThat(sample(tick, "disk_ebpf.request_drift").orElseThrow().chart().dimensions())
                .extracting(d -> d.id()).containsExactly("sda");
    }

    @Test
    void aDiskThatAppearsLaterStartsFromZero() {
        DiskCollector collector = new DiskCollector(disks(), 1);
        collector.collect(new Tick());
        int loop1 = PartitionTable.dev(7, 1);
        kernel.names.put(loop1, "loop1");
        kernel.stats.put(loop1, new long[4]);
        kernel.request(loop1, 5, 3);
        Tick tick = new Tick();
        collector.collect(tick);
        assertThat(sample(tick, "disk_latency_io.loop1").orElseThrow().values()[5]).isEqualTo(3);
        assertThat(drift(tick, "loop1")).isZero();
    }
}
