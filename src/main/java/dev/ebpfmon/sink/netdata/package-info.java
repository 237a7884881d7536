/**
 * Output in Netdata's plugins.d protocol, so that Netdata can run ebpfmon as its eBPF plugin.
 * Knows charts, not modules.
 */
package dev.ebpfmon.sink.netdata;
