package dev.ebpfmon.module.hardirq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** /proc/interrupts as x86 (our host, an older kernel) and arm64 kernels write it. */
class ProcInterruptsTest {
    /** Our host (6.18, x86_64, virtio): IRQ domains, an IRQ without action, ERR with one count. */
    private static final String HOST = """
                       CPU0       CPU1      \s
              24:          1          0  IO-APIC   5-edge      ACPI:Ged
              25:          0          1  IO-APIC   6-edge      ACPI:Ged
              28:          0          0 PCI-MSIX-0000:00:01.0   0-edge      virtio0-config
              29:          3          0 PCI-MSIX-0000:00:01.0   4-edge
              38:          0      18136 PCI-MSIX-0000:00:03.0   1-edge      virtio2-input.0
              NMI:          0          0   Non-maskable interrupts
              LOC:   12452691   14104279   Local timer interrupts
              CAL:    1038823    1027203   Function call interrupts
              ERR:          0
              MIS:          7
              """;

    @Test
    void hostRows() {
        Map<String, ProcInterrupts.Row> rows = byLabel(HOST);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("24", "25", "28", "29", "38", "NMI", "LOC", "CAL", "ERR", "MIS");
        assertThat(rows.get("38")).isEqualTo(new ProcInterrupts.Row("38", 38, 18136, List.of("virtio2-input.0")));
        assertThat(rows.get("24").name()).isEqualTo("ACPI:Ged");
        assertThat(rows.get("29").actions()).isEmpty();
        assertThat(rows.get("29").name()).as("an IRQ without action is named by its number").isEqualTo("29");
        assertThat(rows.get("LOC")).isEqualTo(new ProcInterrupts.Row("LOC", -1, 12452691L + 14104279L, List.of()));
        assertThat(rows.get("ERR").total()).isZero();
        assertThat(rows.get("MIS").total()).as("one count, not a count per CPU").isEqualTo(7);
    }

    @Test
    void sharedLineListsEveryAction() {
        ProcInterrupts.Row row = byLabel("""
                           CPU0       CPU1       CPU2       CPU3
                  16:        10         20         30         40   IO-APIC  16-fasteoi   ehci_hcd:usb1, i801_smbus
                """).get("16");
        assertThat(row.total()).isEqualTo(100);
        assertThat(row.actions()).containsExactly("ehci_hcd:usb1", "i801_smbus");
        assertThat(row.name()).isEqualTo("ehci_hcd:usb1, i801_smbus");
    }

    @Test
    void chipWithHardwareIrqAndActionsWithSpaces() {
        Map<String, ProcInterrupts.Row> rows = byLabel("""
                           CPU0       CPU1
                 122:         5          6  IR-PCI-MSI 327680-edge      xhci_hcd
                 130:         1          0  PCI-MSI 1048576-edge      nvme0q0
                 131:         0          2  IR-PCI-MSI 514048-edge      snd_hda_intel:card0 HDMI
                 132:         0          1  XT-PIC -edge      cascade
                 133:         0          1  PCI-MSI 7      eth0
                """);
        assertThat(rows.get("132").actions()).as("a trigger without an IRQ domain's number").containsExactly("cascade");
        assertThat(rows.get("133").actions()).as("a hardware IRQ number without a trigger").containsExactly("eth0");
        assertThat(rows.get("122").actions()).containsExactly("xhci_hcd");
        assertThat(rows.get("130").actions()).containsExactly("nvme0q0");
        assertThat(rows.get("131").actions()).containsExactly("snd_hda_intel:card0 HDMI");
    }

    @Test
    void olderKernelWithoutIrqDomainColumn() {
        Map<String, ProcInterrupts.Row> rows = byLabel("""
                           CPU0
                   0:        33   IO-APIC-edge      timer
                   1:         9   IO-APIC-edge      i8042
                   9:         0   IO-APIC-fasteoi   acpi
                """);
        assertThat(rows.get("0").actions()).containsExactly("timer");
        assertThat(rows.get("9").actions()).containsExactly("acpi");
        assertThat(rows.get("0").total()).isEqualTo(33);
    }

    @Test
    void arm64WithTriggerLevel() {
        Map<String, ProcInterrupts.Row> rows = byLabel("""
                           CPU0       CPU1
                  11:      4512       3998     GICv3  27 Level     arch_timer
                  14:         0          0     GICv3  33 Level     uart-pl011
                  47:        12          0     ITS-MSI 16384 Edge      virtio0-config
                 IPI0:       100        200       Rescheduling interrupts
                """);
        assertThat(rows.get("11").actions()).containsExactly("arch_timer");
        assertThat(rows.get("14").actions()).containsExactly("uart-pl011");
        assertThat(rows.get("47").actions()).containsExactly("virtio0-config");
        assertThat(rows.get("IPI0")).isEqualTo(new ProcInterrupts.Row("IPI0", -1, 300, List.of()));
    }

    @Test
    void badInputSaysTheLine() {
        assertThatThrownBy(() -> ProcInterrupts.rows("24: 1 2 IO-APIC 5-edge x\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ProcInterrupts.rows("  CPU0\n 24: 1 IO-APIC 5-edge x\nno colon here\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3").hasMessageContaining("no label");
    }

    @Test
    void readAgainTakesTheNewCountsAndDecodesOnlyChangedLinesAgain() {
        ProcInterrupts reader = new ProcInterrupts();
        List<ProcInterrupts.Row> first = read(reader, HOST);
        List<ProcInterrupts.Row> second = read(reader, HOST.replace("18136", "18200").replace("12452691", "12452700")
                .replace("virtio0-config", "virtio9-config"));
        assertThat(second).hasSameSizeAs(first);
        assertThat(second.get(4)).isEqualTo(new ProcInterrupts.Row("38", 38, 18200, List.of("virtio2-input.0")));
        assertThat(second.get(4).actions()).as("an unchanged line's names are the last read's")
                .isSameAs(first.get(4).actions());
        assertThat(second.get(2).actions()).as("a renamed action is decoded again").containsExactly("virtio9-config");
        assertThat(second.get(6).total()).isEqualTo(12452700L + 14104279L);
        assertThat(second).isEqualTo(ProcInterrupts.rows(HOST.replace("18136", "18200").replace("12452691", "12452700")
                .replace("virtio0-config", "virtio9-config")));
    }

    @Test
    void readAgainAfterLinesComeGoOrTheCpusChange() {
        ProcInterrupts reader = new ProcInterrupts();
        read(reader, HOST);
        String fewer = HOST.replace("25:          0          1  IO-APIC   6-edge      ACPI:Ged\n", "");
        assertThat(read(reader, fewer)).isEqualTo(ProcInterrupts.rows(fewer)).hasSize(9);
        String oneCpu = """
                           CPU0
                  24:          5  IO-APIC   5-edge      ACPI:Ged
                 LOC:         9   Local timer interrupts
                """;
        assertThat(read(reader, oneCpu)).containsExactly(new ProcInterrupts.Row("24", 24, 5, List.of("ACPI:Ged")),
                new ProcInterrupts.Row("LOC", -1, 9, List.of()));
        assertThat(read(reader, HOST)).isEqualTo(ProcInterrupts.rows(HOST));
    }

    private static List<ProcInterrupts.Row> read(ProcInterrupts reader, String text) {
        byte[] bytes = (text + "padding never read").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return reader.read(bytes, text.length());
    }

    private static Map<String, ProcInterrupts.Row> byLabel(String text) {
        return ProcInterrupts.rows(text).stream().collect(Collectors.toMap(ProcInterrupts.Row::label, Function.identity()));
    }
}
