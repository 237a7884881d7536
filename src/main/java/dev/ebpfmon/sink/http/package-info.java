/**
 * The standalone agent's HTTP server: a JSON API shaped like Netdata's ({@code /api/v1/info},
 * {@code charts}, {@code data}, {@code modules}), {@code /metrics}, and the dashboard's static files.
 * Knows charts and the history, not modules: module state reaches it through {@link
 * dev.ebpfmon.sink.http.StatusSource} and {@link dev.ebpfmon.sink.http.ModuleControl}.
 */
package dev.ebpfmon.sink.http;
