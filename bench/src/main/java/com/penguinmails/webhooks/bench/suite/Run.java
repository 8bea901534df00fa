package com.penguinmails.webhooks.bench.suite;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measured round: which deliveries arrived (once per event and fan-out slot, so a duplicate is seen), their
 * latency from the event's submission to its receipt (only for events submitted inside the measured window), the
 * deliveries received inside the window, and a per-second timeline for the charts.
 */
final class Run {

    final String name;
    final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
    final int fanOut;
    final int capacity;
    /** The signing secret every webhook of the run shares; one receipt in 97 is verified with it. */
    final String secret;
    private final AtomicLongArray seen;
    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicLongArray perSecond = new AtomicLongArray(3600);
    final LongAdder received = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder inWindow = new LongAdder();
    final LongAdder stray = new LongAdder();
    final LongAdder verified = new LongAdder();
    final LongAdder badSignatures = new LongAdder();
    final long startMicros = Clocks.epochMicros();
    volatile long windowFrom = Long.MAX_VALUE;
    volatile long windowUntil = Long.MAX_VALUE;

    Run(String name, int fanOut, int capacity, String secret) {
        this.name = name;
        this.fanOut = fanOut;
        this.capacity = capacity;
        this.secret = secret;
        this.seen = new AtomicLongArray((int) (((long) capacity * fanOut + 63) / 64));
    }

    void receipt(int event, int slot, long sentMicros, long nowMicros, boolean verify, boolean valid) {
        if (event < 0 || event >= capacity || slot < 0 || slot >= fanOut) {
            stray.increment();
            return;
        }
        long bit = (long) event * fanOut + slot;
        int word = (int) (bit >>> 6);
        long mask = 1L << (bit & 63);
        long before;
        do {
            before = seen.get(word);
            if ((before & mask) != 0) {
                duplicates.increment();
                return;
            }
        } while (!seen.compareAndSet(word, before, before | mask));
        received.increment();
        int second = (int) ((nowMicros - startMicros) / 1_000_000);
        if (second >= 0 && second < perSecond.length()) {
            perSecond.incrementAndGet(second);
        }
        if (nowMicros >= windowFrom && nowMicros < windowUntil) {
            inWindow.increment();
        }
        if (sentMicros > 0 && sentMicros >= windowFrom && sentMicros < windowUntil) {
            latency.recordValue(Math.max(0, nowMicros - sentMicros));
        }
        if (verify) {
            (valid ? verified : badSignatures).increment();
        }
    }

    Histogram latency() {
        return latency.getIntervalHistogram();
    }

    long[] timeline(int seconds) {
        long[] out = new long[Math.min(seconds, perSecond.length())];
        for (int i = 0; i < out.length; i++) {
            out[i] = perSecond.get(i);
        }
        return out;
    }
}
