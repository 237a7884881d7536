/**
 * The chart model every module fills and every sink reads: charts and dimensions as Netdata defines
 * them, samples of raw collected values, and the rate arithmetic Netdata applies to them. JDK only,
 * so that modules and sinks depend on it and not on each other.
 */
package dev.ebpfmon.chart;
