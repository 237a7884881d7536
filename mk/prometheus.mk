# Prometheus, which PrometheusServerIT runs on a free port against ebpfmon's /metrics.
APT_PACKAGES += prometheus
