package dev.ebpfmon.module;

import dev.ebpfmon.config.ModuleDefaults;
import dev.ebpfmon.config.NetdataModules;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The modules this build implements, found by convention: Netdata's module {@code <name>} is the
 * class {@code dev.ebpfmon.module.<name>.<Name>Module} when it exists. No list to keep: adding a
 * module's package adds the module.
 */
public final class ModuleCatalog {
    private static final List<Module> IMPLEMENTED = discover();

    private ModuleCatalog() {}

    /** The implemented modules, in menu order. */
    public static List<Module> implemented() {
        return IMPLEMENTED;
    }

    public static Optional<Module> find(String name) {
        return IMPLEMENTED.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Every Netdata module name, implemented ones first in menu order, then the others. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(IMPLEMENTED.stream().map(Module::name).toList());
        NetdataModules.NAMES.stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /** What the configuration needs to know of each module before reading any file. */
    public static ModuleDefaults configDefaults() {
        Map<String, ModuleDefaults.Entry> entries = new LinkedHashMap<>();
        for (Module m : IMPLEMENTED) {
            entries.put(m.name(), new ModuleDefaults.Entry(m.info().enabledByDefault(), m.info().confFiles()));
        }
        return new ModuleDefaults(entries);
    }

    /** The class a module's package must hold: {@code dev.ebpfmon.module.fd.FdModule}. */
    static String className(String name) {
        return ModuleCatalog.class.getPackageName() + "." + name + "."
                + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + "Module";
    }

    private static List<Module> discover() {
        List<Module> found = new ArrayList<>();
        for (String name : NetdataModules.NAMES) {
            Class<?> type;
            try {
                type = Class.forName(className(name));
            } catch (ClassNotFoundException e) {
                continue; // not implemented in this build
            }
            Module module = instantiate(type);
            if (!module.name().equals(name)) {
                throw new IllegalStateException(type.getName() + " says it is module '" + module.name() + "'");
            }
            found.add(module);
        }
        found.sort(Comparator.comparingInt(m -> m.info().menuOrder()));
        return List.copyOf(found);
    }

    private static Module instantiate(Class<?> type) {
        try {
            return (Module) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
            throw new IllegalStateException("cannot create module " + type.getName() + ": " + cause, cause);
        }
    }
}
