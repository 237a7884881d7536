package dev.ebpfmon.leakgate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A process that holds {@link AttachedTestProgram} attached while a file exists, for the leak gate's
 * fixtures: {@code java -cp <test class path> dev.ebpfmon.leakgate.LeakyChild <file>}. Once attached
 * it writes its pid into the file; deleting the file ends it. (Not stdin: a process detached with
 * {@code setsid -f} outlives the pipes Java gave the setsid that started it.)
 */
final class LeakyChild {
    private LeakyChild() {}

    @SuppressWarnings("try") // the program stays attached for as long as the try block runs
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (AttachedTestProgram attached = AttachedTestProgram.attach()) {
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"),
                    Long.toString(ProcessHandle.current().pid()));
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            while (Files.exists(file)) {
                Thread.sleep(50);
            }
        }
    }
}
