package dev.ebpfmon.module;

import dev.ebpfmon.config.NetdataModules;
import java.util.List;

/**
 * What a module is, before anything is loaded: the facts the catalog, the configuration defaults
 * and the dashboard's menu are derived from.
 *
 * @param name             Netdata's thread name ({@code fd}, {@code socket}, ...)
 * @param menuOrder        position in menus and listings, lowest first
 * @param title            what menus call it
 * @param enabledByDefault whether it runs when {@code [ebpf programs]} does not say
 * @param confFiles        its files under {@code ebpf.d/}, best first ({@code socket}: network.conf)
 */
public record ModuleInfo(String name, int menuOrder, String title, boolean enabledByDefault, List<String> confFiles) {
    public ModuleInfo {
        if (!NetdataModules.NAMES.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not one of Netdata's module names");
        }
        confFiles = List.copyOf(confFiles);
    }

    /** A module whose settings are in {@code ebpf.d/<name>.conf}. */
    public static ModuleInfo of(String name, int menuOrder, String title, boolean enabledByDefault) {
        return new ModuleInfo(name, menuOrder, title, enabledByDefault, List.of(name + ".conf"));
    }
}
