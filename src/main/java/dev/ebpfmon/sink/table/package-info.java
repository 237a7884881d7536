/** A plain-text per-tick view of the charts for a terminal. Knows charts, not modules. */
package dev.ebpfmon.sink.table;
