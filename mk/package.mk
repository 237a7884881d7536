# The Debian package and its test (packaging/deb/, packaging/test/):
#   make package        target/ebpfmon_<version>_amd64.deb (jlink runtime, unit, man page, ...), lintian-clean
#   make test-package   installs it with apt into a fresh Debian 12 root (mmdebstrap), runs
#                       `ebpfmon --version` and `check` there, boots the root with systemd-nspawn,
#                       checks the service serves /metrics, verifies the unit, purges, compares files
# The mmdebstrap tarball is cached in EBPFMON_CACHE_DIR (default /var/cache/ebpfmon-test).
APT_PACKAGES += debhelper dpkg-dev lintian mmdebstrap systemd-container

.PHONY: package test-package

package: build
	bash packaging/deb/build-deb.sh

test-package: package
	bash packaging/test/test-package.sh
