package dev.ebpfmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebpfmon.kernel.AttachKind;
import dev.ebpfmon.kernel.AttachSupport;
import dev.ebpfmon.kernel.FacilityLine;
import dev.ebpfmon.kernel.FacilityLine.Status;
import dev.ebpfmon.module.ModuleStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `check --json`: the text report's content, every module state, and the blocked case. */
class CheckJsonTest {

    private static String json(CheckReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckJson.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPartOfTheReport() throws Exception {
        CheckReport report = new CheckReport("6.1.0-50-amd64",
                List.of(new FacilityLine("BTF", Status.OK, "present"),
                        new FacilityLine("lockdown", Status.PROBLEM, "confidentiality: \"quoted\"")),
                Optional.empty(),
                List.of(new AttachSupport(AttachKind.TRAMPOLINE, true, ""),
                        new AttachSupport(AttachKind.PROBE, false, "attach failed: EPERM")),
                List.of(new CheckReport.ModuleLine(ModuleStatus.running("vfs", "probe kprobe: vfs_read"),
                                "probe kprobe: vfs_read; entry mode, every 1 s"),
                        new CheckReport.ModuleLine(ModuleStatus.unavailable("swap", "no swap_read_folio"), ""),
                        new CheckReport.ModuleLine(ModuleStatus.disabled("shm", "switched off in [ebpf programs]"), "")));
        assertThat(json(report)).isEqualTo("""
                {
                  "format" : "ebpfmon-check/1",
                  "kernel" : {
                    "release" : "6.1.0-50-amd64",
                    "facilities" : [ {
                      "facility" : "BTF",
                      "status" : "ok",
                      "detail" : "present"
                    }, {
                      "facility" : "lockdown",
                      "status" : "problem",
                      "detail" : "confidentiality: \\"quoted\\""
                    } ]
                  },
                  "attach_kinds" : [ {
                    "kind" : "trampoline",
                    "label" : "fentry/fexit",
                    "family" : "trampoline",
                    "works" : true,
                    "reason" : ""
                  }, {
                    "kind" : "probe",
                    "label" : "kprobe/kretprobe",
                    "family" : "probe",
                    "works" : false,
                    "reason" : "attach failed: EPERM"
                  } ],
                  "modules" : [ {
                    "module" : "vfs",
                    "state" : "runs",
                    "how" : "probe kprobe: vfs_read",
                    "description" : "probe kprobe: vfs_read; entry mode, every 1 s"
                  }, {
                    "module" : "swap",
                    "state" : "cannot run",
                    "reason" : "no swap_read_folio"
                  }, {
                    "module" : "shm",
                    "state" : "off",
                    "reason" : "switched off in [ebpf programs]"
                  } ]
                }
                """);
        assertThat(report.anyUnavailable()).isTrue();
    }

    @Test
    void blockedCheckSaysWhyAndListsNoModules() throws Exception {
        CheckReport report = new CheckReport("6.18.0", List.of(), Optional.of("ebpfmon needs root"), List.of(), List.of());
        assertThat(json(report)).contains("\"blocker\" : \"ebpfmon needs root\"", "\"attach_kinds\" : [ ]",
                "\"modules\" : [ ]");
        assertThat(report.anyUnavailable()).isFalse();
    }
}
