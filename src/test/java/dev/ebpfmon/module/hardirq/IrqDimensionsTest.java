package dev.ebpfmon.module.hardirq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IrqDimensionsTest {
    private static final String HEADER = "      CPU0\n";

    @Test
    void anIrqShowsUpWhenCountedByEitherSideAndStays() {
        IrqDimensions dims = new IrqDimensions(Set.of());
        long[] events = new long[64];
        assertThat(dims.update(rows(" 24: 5 IO-APIC 5-edge ACPI:Ged\n 38: 7 PCI-MSIX 1-edge virtio2-input.0\n"), events))
                .as("nothing happened since the module started").isFalse();
        assertThat(dims.shown()).isEmpty();

        events[38] = 1; // the module saw it
        assertThat(dims.update(rows(" 24: 5 IO-APIC 5-edge ACPI:Ged\n 38: 8 PCI-MSIX 1-edge virtio2-input.0\n"), events)).isTrue();
        assertThat(dims.shown()).containsExactly(new IrqDimensions.Irq(38, "virtio2-input.0", "virtio2-input.0", 1));

        // the kernel counted one the module did not: it shows too, so that its drift is charted
        assertThat(dims.update(rows(" 24: 6 IO-APIC 5-edge ACPI:Ged\n 38: 8 PCI-MSIX 1-edge virtio2-input.0\n"), events)).isTrue();
        assertThat(dims.shown()).extracting(IrqDimensions.Irq::number).containsExactly(24, 38);
        assertThat(dims.update(rows(" 24: 6 IO-APIC 5-edge ACPI:Ged\n 38: 8 PCI-MSIX 1-edge virtio2-input.0\n"), events))
                .as("nothing new").isFalse();
    }

    @Test
    void linesSharingANameSayTheirNumberAndASharedLineCountsItsActions() {
        IrqDimensions dims = new IrqDimensions(Set.of());
        long[] events = new long[64];
        events[24] = events[25] = events[16] = 2;
        dims.update(rows(" 16: 1 IO-APIC 16-fasteoi ehci_hcd:usb1, i801_smbus\n 24: 1 IO-APIC 5-edge ACPI:Ged\n"
                + " 25: 1 IO-APIC 6-edge ACPI:Ged\n"), events);
        assertThat(dims.shown()).containsExactly(
                new IrqDimensions.Irq(16, "ehci_hcd:usb1_i801_smbus", "ehci_hcd:usb1, i801_smbus", 2),
                new IrqDimensions.Irq(24, "ACPI:Ged_24", "ACPI:Ged (24)", 1),
                new IrqDimensions.Irq(25, "ACPI:Ged_25", "ACPI:Ged (25)", 1));
    }

    @Test
    void anIdTakenByAVectorOrAnotherIrqGetsTheNumber() {
        IrqDimensions dims = new IrqDimensions(Set.of("LOC"));
        long[] events = new long[64];
        events[3] = 1;
        dims.update(rows(" 3: 1 XT-PIC 3-edge LOC\n"), events);
        assertThat(dims.shown()).containsExactly(new IrqDimensions.Irq(3, "LOC_3", "LOC", 1));
    }

    @Test
    void anIrqWhoseLineWentIsNamedByItsNumber() {
        IrqDimensions dims = new IrqDimensions(Set.of());
        long[] events = new long[64];
        events[40] = 3;
        assertThat(dims.update(List.of(), events)).isTrue();
        assertThat(dims.shown()).containsExactly(new IrqDimensions.Irq(40, "40", "40", 1));
    }

    @Test
    void idsAreSafeForPluginsD() {
        assertThat(IrqDimensions.idOf("snd_hda_intel:card0 HDMI")).isEqualTo("snd_hda_intel:card0_HDMI");
        assertThat(IrqDimensions.idOf("ahci[0000:00:1f.2]")).isEqualTo("ahci_0000:00:1f.2");
        assertThat(IrqDimensions.idOf("'\"")).isEqualTo("_");
    }

    private static List<ProcInterrupts.Row> rows(String body) {
        return ProcInterrupts.rows(HEADER + body);
    }
}
