package dev.ebpfmon.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * For every counter module, the Java counter ids ({@code <M>Counter}) are its C enum's
 * ({@code src/main/bpf/modules/<m>/<m>.h}), in its order and with its values: maps are read by id.
 */
class CounterHeadersTest {

    @Test
    void everyCounterModulesIdsAreItsHeadersInItsOrder() throws Exception {
        List<Module> counterModules = ModuleCatalog.implemented().stream().filter(m -> m instanceof CounterModule)
                .toList();
        assertThat(counterModules).extracting(Module::name).contains("fd", "vfs", "cachestat", "dcstat", "swap");
        for (Module module : counterModules) {
            String name = module.name();
            String prefix = name.toUpperCase(Locale.ROOT) + "_";
            String header = Files.readString(Path.of("src/main/bpf/modules", name, name + ".h"));
            int open = header.indexOf("enum " + name + "_counter {");
            assertThat(open).as(name + ".h declares enum " + name + "_counter").isNotNegative();
            String body = header.substring(open, header.indexOf("};", open));
            Matcher m = Pattern.compile("^\\s*(\\w+) = (\\d+),", Pattern.MULTILINE).matcher(body);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                assertThat(Integer.parseInt(m.group(2))).as(name + ": " + m.group(1)).isEqualTo(names.size());
                names.add(m.group(1));
            }
            assertThat(names).as(name + ".h ends with " + prefix + "COUNTERS").isNotEmpty();
            assertThat(names.removeLast()).as(name).isEqualTo(prefix + "COUNTERS");
            if (names.stream().allMatch(n -> n.startsWith(prefix))) {
                // Java drops the module's prefix where every id has it (FD_OPEN_CALL is OPEN_CALL)
                names.replaceAll(n -> n.substring(prefix.length()));
            }
            String enumClass = module.getClass().getName().replaceFirst("Module$", "Counter");
            Object[] constants = Class.forName(enumClass).getEnumConstants();
            assertThat(names).as(enumClass).containsExactlyElementsOf(
                    Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList());
        }
    }
}
