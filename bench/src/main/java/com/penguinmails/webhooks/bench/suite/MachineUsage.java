package com.penguinmails.webhooks.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The share of all cores busy between {@link #start()} and {@link #busy()}, from /proc/stat (NaN off Linux). */
public final class MachineUsage {

    private final long[] start = ticks();

    static MachineUsage start() {
        return new MachineUsage();
    }

    double busy() {
        long[] now = ticks();
        if (now == null || start == null || now[0] == start[0]) {
            return Double.NaN;
        }
        return 1 - (double) (now[1] - start[1]) / (now[0] - start[0]);
    }

    /** {total, idle + iowait} jiffies of all cores, or null off Linux. */
    public static long[] ticks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (Exception e) {
            return null;
        }
    }
}
