/**
 * The Prometheus / OpenMetrics exposition of ebpfmon's charts, written by Prometheus client_java's
 * exposition formats. {@link dev.ebpfmon.sink.prometheus.PrometheusExposition} is the entry point.
 *
 * <h2>Names</h2>
 * {@code ebpfmon_} + the chart context with dots as underscores, + a unit suffix unless the
 * context already ends with it; counters get {@code _total} from the writers. Per-application and
 * per-cgroup charts are named after Netdata's cgroup context for the quantity, so that the two
 * differ only in their scope: {@code apps.vfs_write_call}, {@code cgroup.vfs_write} and
 * {@code services.vfs_write} become {@code ebpfmon_apps_vfs_write_calls_total} and
 * {@code ebpfmon_cgroup_vfs_write_calls_total} (services are cgroups);
 * see {@link dev.ebpfmon.sink.prometheus.GroupFamilies}.
 * <table>
 *   <caption>Netdata units to Prometheus</caption>
 *   <tr><th>chart</th><th>metric</th><th>value</th></tr>
 *   <tr><td>incremental, {@code calls/s}</td><td>counter {@code <ctx>_calls_total}</td><td>total calls</td></tr>
 *   <tr><td>incremental, other {@code X/s} or {@code X} count</td><td>counter {@code <ctx>_X_total}
 *       ({@code page/s}: {@code _pages_total}; no suffix when the context ends with X or its
 *       singular)</td><td>total</td></tr>
 *   <tr><td>incremental, {@code bytes/s}, {@code KiB/s}, {@code kilobits/s}, ...</td>
 *       <td>counter {@code <ctx>_bytes_total}</td><td>total bytes (KiB x1024, kilobits x125)</td></tr>
 *   <tr><td>incremental, {@code milliseconds} (and us, ns, s)</td><td>counter {@code <ctx>_seconds_total}</td>
 *       <td>total seconds</td></tr>
 *   <tr><td>absolute, {@code %}</td><td>gauge {@code <ctx>_ratio}</td><td>0..1</td></tr>
 *   <tr><td>absolute, bytes / time units</td><td>gauge {@code <ctx>_bytes}, {@code <ctx>_seconds}</td>
 *       <td>base unit</td></tr>
 *   <tr><td>absolute, {@code bytes/s}</td><td>gauge {@code <ctx>_bytes_per_second}</td><td>base unit</td></tr>
 *   <tr><td>absolute, anything else ({@code difference}, {@code boolean}, {@code methods}, ...)</td>
 *       <td>gauge {@code <ctx>}</td><td>as collected</td></tr>
 *   <tr><td>percentage-of-row dimensions</td><td>counter {@code <ctx>_total} / gauge {@code <ctx>}</td>
 *       <td>raw counts; the percentage is a PromQL division</td></tr>
 *   <tr><td>log2 latency buckets (Netdata's {@code 0us->1us} ... {@code Xs->+Inf} names, or a
 *       {@link dev.ebpfmon.sink.prometheus.HistogramHint} for the context)</td>
 *       <td>histogram {@code <ctx>_seconds}: {@code _bucket{le}}, {@code _count}</td>
 *       <td>no {@code _sum}: the buckets do not carry one</td></tr>
 * </table>
 * Multiplier and divisor apply, without their sign: Netdata negates a dimension only to draw it
 * below the axis. HELP is the chart title.
 *
 * <h2>Labels</h2>
 * Host charts: {@code dimension} (the dimension's name, e.g. {@code read}) and {@code module}.
 * {@code apps.*}: {@code app} (the dimension is the application group) and {@code module}.
 * {@code cgroup.*}: {@code cgroup} (chart type {@code cgroup_<name>} gives {@code <name>}),
 * {@code dimension} only for charts of more than one dimension, and {@code module};
 * {@code services.*}: {@code cgroup} (the dimension, a systemd service) and {@code module}. Histograms have no {@code dimension} label
 * (their dimensions are the buckets). A metric name claimed by one context is never reused by
 * another context or metric type: such charts are left out and logged once.
 */
package dev.ebpfmon.sink.prometheus;
