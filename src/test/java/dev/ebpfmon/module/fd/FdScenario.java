package dev.ebpfmon.module.fd;

import static dev.ebpfmon.module.fd.FdCounter.CLOSE_CALL;
import static dev.ebpfmon.module.fd.FdCounter.CLOSE_ERR;
import static dev.ebpfmon.module.fd.FdCounter.OPEN_CALL;
import static dev.ebpfmon.module.fd.FdCounter.OPEN_ERR;

import dev.ebpfmon.config.LoadMode;
import dev.ebpfmon.module.Scenario;
import java.util.List;

/** Opens (some failing) and closes (some failing): errors count only in return mode. */
public final class FdScenario implements Scenario {
    /** open:20 + fail-open:7 + the data file opened by write, read and fsync */
    private static final long OPENS = 20 + 7 + 3;
    /** open:20 + close-bad:3 + the data file's three closes */
    private static final long CLOSES = 20 + 3 + 3;

    @Override
    public List<String> ops() {
        return List.of("open:20", "fail-open:7", "close-bad:3", "write:3000", "read:3000", "fsync:2");
    }

    @Override
    public long[] expected(LoadMode mode) {
        boolean errors = mode == LoadMode.RETURN;
        return Scenario.of(FdCounter.class).put(OPEN_CALL, OPENS).put(OPEN_ERR, errors ? 7 : 0)
                .put(CLOSE_CALL, CLOSES).put(CLOSE_ERR, errors ? 3 : 0).toArray();
    }
}
