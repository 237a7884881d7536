package dev.ebpfmon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ebpfmon.config.NetdataModules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md, arrows pointing down:
 * cli -> module.* -> (apps, chart, kernel) ; kernel -> bpf ; sink.* -> chart ; config at the bottom.
 */
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ebpfmon");
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.ebpfmon.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.ebpfmon.cli..").check(classes);
    }

    @Test
    void modulesDoNotKnowSinks() {
        noClasses().that().resideInAPackage("dev.ebpfmon.module..")
                .should().dependOnClassesThat().resideInAPackage("dev.ebpfmon.sink..").check(classes);
    }

    @Test
    void sinksKnowOnlyCharts() {
        noClasses().that().resideInAPackage("dev.ebpfmon.sink..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.module..", "dev.ebpfmon.bpf..",
                        "dev.ebpfmon.kernel..", "dev.ebpfmon.apps..", "dev.ebpfmon.config..")
                .check(classes);
    }

    @Test
    void chartModelStandsAlone() {
        noClasses().that().resideInAPackage("dev.ebpfmon.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.module..", "dev.ebpfmon.bpf..",
                        "dev.ebpfmon.kernel..", "dev.ebpfmon.sink..", "dev.ebpfmon.apps..", "dev.ebpfmon.config..")
                .check(classes);
    }

    @Test
    void appsKnowNoBpf() {
        noClasses().that().resideInAPackage("dev.ebpfmon.apps..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.bpf..", "dev.ebpfmon.module..",
                        "dev.ebpfmon.sink..")
                .allowEmptyShould(true) // apps arrives with per-application charts
                .check(classes);
    }

    @Test
    void bpfBindingKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.ebpfmon.bpf..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.module..", "dev.ebpfmon.kernel..",
                        "dev.ebpfmon.chart..", "dev.ebpfmon.sink..", "dev.ebpfmon.apps..", "dev.ebpfmon.config..")
                .check(classes);
    }

    @Test
    void kernelProbesKnowNoModules() {
        noClasses().that().resideInAPackage("dev.ebpfmon.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.module..", "dev.ebpfmon.chart..",
                        "dev.ebpfmon.sink..", "dev.ebpfmon.apps..")
                .check(classes);
    }

    @Test
    void configIsTheBottom() {
        noClasses().that().resideInAPackage("dev.ebpfmon.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ebpfmon.module..", "dev.ebpfmon.bpf..",
                        "dev.ebpfmon.kernel..", "dev.ebpfmon.chart..", "dev.ebpfmon.sink..", "dev.ebpfmon.apps..")
                .check(classes);
    }

    @Test
    void eachModuleStandsAloneFromTheOthersAndFromTheMachinery() {
        for (String module : NetdataModules.NAMES) {
            String[] forbidden = java.util.stream.Stream.concat(
                    NetdataModules.NAMES.stream().filter(m -> !m.equals(module)).map(m -> "dev.ebpfmon.module." + m + ".."),
                    java.util.stream.Stream.of("dev.ebpfmon.module.loader..", "dev.ebpfmon.module.group..",
                            "dev.ebpfmon.module.self..", "dev.ebpfmon.cli..", "dev.ebpfmon.bench.."))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.ebpfmon.module." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .allowEmptyShould(true) // a module not implemented yet has no classes
                    .check(classes);
        }
    }

    @Test
    void theModuleInterfaceKnowsNoModuleAndNoMachinery() {
        noClasses().that().resideInAPackage("dev.ebpfmon.module")
                .should().dependOnClassesThat().resideInAnyPackage(java.util.stream.Stream.concat(
                        NetdataModules.NAMES.stream().map(m -> "dev.ebpfmon.module." + m + ".."),
                        java.util.stream.Stream.of("dev.ebpfmon.module.loader..", "dev.ebpfmon.module.group..",
                                "dev.ebpfmon.module.self..")).toArray(String[]::new))
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ebpfmon.(**)").should().beFreeOfCycles().check(classes);
    }
}
