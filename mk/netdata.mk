# ebpfmon as a real Netdata agent's ebpf.plugin.
#   make install-netdata-plugin     build, then install into Netdata (as root)
#   make uninstall-netdata-plugin   put Netdata's own ebpf.plugin (if it had one) back
# Locations (see packaging/netdata/netdata-plugin.sh): NETDATA_PLUGINS_DIR (default: detected,
# Debian's /usr/lib/netdata/plugins.d), NETDATA_CONFIG_DIR (/etc/netdata), EBPFMON_LIB_DIR
# (/usr/lib/ebpfmon), NETDATA_GROUP (netdata).
# Debian's netdata package is what NetdataAgentIT runs the plugin under; gcc builds the wrapper.
APT_PACKAGES += netdata gcc libc6-dev

EBPFMON_LIB_DIR ?= /usr/lib/ebpfmon
NETDATA_WRAPPER := target/netdata/ebpf.plugin
NETDATA_PLUGIN_SH := packaging/netdata/netdata-plugin.sh
# Only variables set by the caller are passed on; the script supplies the defaults.
NETDATA_PLUGIN_ENV := EBPFMON_LIB_DIR='$(EBPFMON_LIB_DIR)' \
  $(if $(NETDATA_PLUGINS_DIR),NETDATA_PLUGINS_DIR='$(NETDATA_PLUGINS_DIR)') \
  $(if $(NETDATA_CONFIG_DIR),NETDATA_CONFIG_DIR='$(NETDATA_CONFIG_DIR)') \
  $(if $(NETDATA_GROUP),NETDATA_GROUP='$(NETDATA_GROUP)')

.PHONY: install-netdata-plugin install-netdata-plugin-prebuilt uninstall-netdata-plugin netdata-wrapper

install-netdata-plugin: build
	@$(MAKE) --no-print-directory install-netdata-plugin-prebuilt

# Installs what `build` made without running Maven again: NetdataAgentIT calls this from inside
# `mvn verify`, where a nested package would rebuild the jar under the running tests.
install-netdata-plugin-prebuilt: netdata-wrapper
	$(NETDATA_PLUGIN_ENV) bash $(NETDATA_PLUGIN_SH) install $(NETDATA_WRAPPER) $(JAR) src/main/resources/config

uninstall-netdata-plugin:
	$(NETDATA_PLUGIN_ENV) bash $(NETDATA_PLUGIN_SH) uninstall

# Rebuilt every time: the paths compiled into it follow EBPFMON_LIB_DIR and JAVA_HOME.
netdata-wrapper:
	@mkdir -p $(dir $(NETDATA_WRAPPER))
	gcc -std=c11 -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE -pie \
	  -Wl,-z,relro,-z,now \
	  -DEBPFMON_JAVA='"$(realpath $(JAVA_HOME))/bin/java"' \
	  -DEBPFMON_JAVA_HOME='"$(realpath $(JAVA_HOME))"' \
	  -DEBPFMON_JAR='"$(EBPFMON_LIB_DIR)/ebpfmon.jar"' \
	  -o $(NETDATA_WRAPPER) packaging/netdata/ebpf-plugin-wrapper.c
