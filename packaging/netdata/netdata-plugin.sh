#!/usr/bin/env bash
# Installs ebpfmon as Netdata's ebpf.plugin, or takes it out again:
#   netdata-plugin.sh install WRAPPER JAR CONFIG_SRC
#   netdata-plugin.sh uninstall
# Called by `make install-netdata-plugin` / `make uninstall-netdata-plugin` (mk/netdata.mk).
# Every location can be overridden, which is how tests install into a private tree:
#   NETDATA_PLUGINS_DIR  Netdata's plugins directory (default: the first that exists of Debian's,
#                        Netdata's own packages' and its static build's)
#   NETDATA_CONFIG_DIR   Netdata's user configuration directory (default /etc/netdata)
#   EBPFMON_LIB_DIR      where the jar and our bookkeeping go (default /usr/lib/ebpfmon); the
#                        wrapper has this path compiled in
#   NETDATA_GROUP        the group Netdata runs as (default netdata)
#   EBPFMON_PACKAGED     1 when the Debian package runs this (`ebpfmon install-netdata-plugin`):
#                        the jar and configuration already are in EBPFMON_LIB_DIR, owned by the
#                        package, so they are neither copied nor removed
#   EBPFMON_STATE_DIR    where the state file goes (default EBPFMON_LIB_DIR)
# What install changed is written to $EBPFMON_STATE_DIR/netdata-install.state, so uninstall undoes
# exactly that and nothing a user did in between.
set -euo pipefail

MARK='ebpf.plugin (ebpfmon)'            # a string only our wrapper binary contains
CONF_MARK='# ebpfmon: enables its ebpf.plugin; `make uninstall-netdata-plugin` removes this'
SECTION_MARK='# ebpfmon: section added by `make install-netdata-plugin`'
WAS_MARK='# ebpfmon-replaced: '

die() { echo "netdata-plugin: $*" >&2; exit 1; }
say() { echo "netdata-plugin: $*"; }

plugins_dir() {
  if [ -n "${NETDATA_PLUGINS_DIR:-}" ]; then
    [ -d "$NETDATA_PLUGINS_DIR" ] || die "NETDATA_PLUGINS_DIR=$NETDATA_PLUGINS_DIR is not a directory"
    echo "$NETDATA_PLUGINS_DIR"; return
  fi
  for d in /usr/lib/netdata/plugins.d /usr/libexec/netdata/plugins.d /opt/netdata/usr/libexec/netdata/plugins.d; do
    [ -d "$d" ] && { echo "$d"; return; }
  done
  die "no Netdata plugins directory found (install Netdata: apt-get install netdata, or set NETDATA_PLUGINS_DIR)"
}

CONF_DIR=${NETDATA_CONFIG_DIR:-/etc/netdata}
LIB_DIR=${EBPFMON_LIB_DIR:-/usr/lib/ebpfmon}
GROUP=${NETDATA_GROUP:-netdata}
PACKAGED=${EBPFMON_PACKAGED:-0}
STATE=${EBPFMON_STATE_DIR:-$LIB_DIR}/netdata-install.state

ours() { [ -f "$1" ] && grep -qaF "$MARK" "$1"; }
record() { grep -qxF "$1" "$STATE" 2>/dev/null || echo "$1" >>"$STATE"; }
recorded() { grep -qxF "$1" "$STATE" 2>/dev/null; }

# `ebpf = yes` in netdata.conf's [plugins]: Netdata 1.37 starts every *.plugin it finds unless
# `enable running new plugins = no` or `<name> = no` says otherwise, so an explicit yes is what
# makes the plugin run whatever else the file says. A different `ebpf =` line is kept, commented.
enable_in_netdata_conf() {
  local conf=$CONF_DIR/netdata.conf tmp
  if [ ! -e "$conf" ]; then
    : >"$conf"; chmod 0644 "$conf"; record "created $conf"
  fi
  grep -qF "$CONF_MARK" "$conf" && return 0
  tmp=$(mktemp "$conf.XXXXXX")
  awk -v mark="$CONF_MARK" -v smark="$SECTION_MARK" -v was="$WAS_MARK" '
    function header(line) { return line ~ /^[ \t]*\[[^]]*\][ \t]*$/ }
    function key(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]*=.*$/, "", line); return line }
    header($0) { in_plugins = ($0 ~ /^[ \t]*\[plugins\][ \t]*$/) }
    in_plugins && $0 !~ /^[ \t]*[#;]/ && $0 ~ /=/ && key($0) == "ebpf" { print "\t" was $0; next }
    { print }
    header($0) && in_plugins && !done { print "\t" mark; print "\tebpf = yes"; done = 1 }
    END { if (!done) { print smark; print "[plugins]"; print "\t" mark; print "\tebpf = yes" } }
  ' "$conf" >"$tmp"
  chmod --reference="$conf" "$tmp"; chown --reference="$conf" "$tmp"
  mv "$tmp" "$conf"
  say "enabled ebpf in $conf [plugins]"
}

disable_in_netdata_conf() {
  local conf=$CONF_DIR/netdata.conf tmp
  [ -f "$conf" ] || return 0
  tmp=$(mktemp "$conf.XXXXXX")
  awk -v mark="$CONF_MARK" -v smark="$SECTION_MARK" -v was="$WAS_MARK" '
    skip { skip = 0; next }
    { line = $0; sub(/^[ \t]+/, "", line) }
    line == mark || line == smark { skip = 1; next }
    index(line, was) == 1 { print substr(line, length(was) + 1); next }
    { print }
  ' "$conf" >"$tmp"
  chmod --reference="$conf" "$tmp"; chown --reference="$conf" "$tmp"
  mv "$tmp" "$conf"
  if recorded "created $conf" && ! grep -qv '^[[:space:]]*$' "$conf"; then
    rm -f "$conf"
  fi
}

install_plugin() {
  local wrapper=$1 jar=$2 config_src=$3 plugins target
  [ "$(id -u)" = 0 ] || die "run as root: the plugin is installed setuid root"
  [ -f "$wrapper" ] || die "$wrapper is missing (make builds it)"
  [ -f "$jar" ] || die "$jar is missing; run 'make build'"
  [ -f "$config_src/ebpf.d.conf" ] || die "$config_src/ebpf.d.conf is missing"
  getent group "$GROUP" >/dev/null || die "group '$GROUP' does not exist; is Netdata installed? (set NETDATA_GROUP)"
  [ -d "$CONF_DIR" ] || die "Netdata's configuration directory $CONF_DIR does not exist (set NETDATA_CONFIG_DIR)"
  plugins=$(plugins_dir)
  target=$plugins/ebpf.plugin

  if [ "$PACKAGED" != 1 ]; then
    install -d -m 0755 -o root -g root "$LIB_DIR" "$LIB_DIR/config" "$LIB_DIR/config/ebpf.d"
    install -m 0644 -o root -g root "$jar" "$LIB_DIR/ebpfmon.jar"
    install -m 0644 -o root -g root "$config_src/ebpf.d.conf" "$LIB_DIR/config/ebpf.d.conf"
    for f in "$config_src"/ebpf.d/*.conf; do
      install -m 0644 -o root -g root "$f" "$LIB_DIR/config/ebpf.d/"
    done
  fi
  install -d -m 0755 "$(dirname "$STATE")"
  touch "$STATE"

  # Back up Netdata's own plugin once: a second install finds our wrapper there, not theirs.
  if [ -e "$target" ] && ! ours "$target"; then
    mv -f "$target" "$target.netdata-orig"
    say "kept Netdata's ebpf.plugin as $target.netdata-orig"
  fi
  record "plugin $target"
  # setuid root, executable only by root and group netdata, like Netdata's own ebpf.plugin
  install -m 4750 -o root -g "$GROUP" "$wrapper" "$target.ebpfmon-new"
  mv -f "$target.ebpfmon-new" "$target"

  # Our configuration goes to the user directory only where the user has none: theirs wins.
  [ -d "$CONF_DIR/ebpf.d" ] || { install -d -m 0755 "$CONF_DIR/ebpf.d"; record "createddir $CONF_DIR/ebpf.d"; }
  (cd "$LIB_DIR/config" && find . -type f -name '*.conf' | sort) | while read -r rel; do
    rel=${rel#./}
    if [ ! -e "$CONF_DIR/$rel" ]; then
      install -m 0644 "$LIB_DIR/config/$rel" "$CONF_DIR/$rel"
      record "config $CONF_DIR/$rel $rel"
    fi
  done
  enable_in_netdata_conf
  say "installed $target -> java -jar $LIB_DIR/ebpfmon.jar netdata; restart Netdata to start it"
}

uninstall_plugin() {
  local plugins target
  [ "$(id -u)" = 0 ] || die "run as root"
  plugins=$(plugins_dir)
  target=$plugins/ebpf.plugin
  if ours "$target"; then
    rm -f "$target"
    if [ -e "$target.netdata-orig" ]; then
      mv -f "$target.netdata-orig" "$target"
      say "restored Netdata's ebpf.plugin"
    fi
  fi
  if [ -f "$STATE" ]; then
    # Configuration files we added go only while they are as we left them.
    grep '^config ' "$STATE" | while read -r _ path rel; do
      if [ -f "$path" ] && cmp -s "$path" "$LIB_DIR/config/$rel"; then
        rm -f "$path"
      elif [ -e "$path" ]; then
        say "kept $path: it was changed after install"
      fi
    done
    grep '^createddir ' "$STATE" | while read -r _ dir; do rmdir "$dir" 2>/dev/null || true; done
  fi
  disable_in_netdata_conf
  if [ "$PACKAGED" = 1 ]; then
    rm -f "$STATE"
  else
    rm -rf "$LIB_DIR"
  fi
  say "uninstalled; restart Netdata"
}

case "${1:-}" in
  install) [ $# -eq 4 ] || die "usage: $0 install WRAPPER JAR CONFIG_SRC"; install_plugin "$2" "$3" "$4" ;;
  uninstall) uninstall_plugin ;;
  *) die "usage: $0 install WRAPPER JAR CONFIG_SRC | uninstall" ;;
esac
