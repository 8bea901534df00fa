package com.penguinmails.webhooks.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DelayTiersTests {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final DelayTiers tiers = DelayTiers.defaults();

    @Test
    void waitsATiersDelayOnThatTierInOneHop() {
        DelayTiers.Hop hop = tiers.hop(NOW, NOW.plus(Duration.ofMinutes(5)));
        assertThat(hop.tier().topic()).isEqualTo("webhooks.retry.5m");
        assertThat(hop.hopDueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void composesThirtyMinutesOfTwoFifteenMinuteHops() {
        List<String> path = walk(Duration.ofMinutes(30));
        assertThat(path).containsExactly("webhooks.retry.15m", "webhooks.retry.15m");
    }

    @Test
    void composesAJitteredMinuteOfShorterTiersEndingOnTheShortest() {
        // 30 + 15 + 5, and 4.3 s on the last-leg topic, due at the due time
        assertThat(walk(Duration.ofSeconds(54).plusMillis(300))).containsExactly("webhooks.retry.30s", "webhooks.retry.15s",
                "webhooks.retry.5s", "webhooks.retry.last");
    }

    @Test
    void putsAWaitShorterThanTheShortestTierOnTheLastLegTopicDueAtTheDueTime() {
        DelayTiers.Hop hop = tiers.hop(NOW, NOW.plusMillis(4300));
        assertThat(hop.tier().topic()).isEqualTo("webhooks.retry.last");
        assertThat(hop.hopDueAt()).isEqualTo(NOW.plusMillis(4300));
    }

    @Test
    void sendsWhatIsAlreadyDueToTheLastLegTopicDueAtOnce() {
        DelayTiers.Hop hop = tiers.hop(NOW, NOW.minusSeconds(3));
        assertThat(hop.tier().topic()).isEqualTo("webhooks.retry.last");
        assertThat(hop.hopDueAt()).isEqualTo(NOW.minusSeconds(3));
    }

    /** Whatever the wait, the hops end exactly at the due time, never before it, and each tier's records stay in order. */
    @Property(tries = 500)
    void neverFiresEarlyAndKeepsEveryTierInOrder(@ForAll @LongRange(min = 0, max = 3 * 24 * 3_600_000L) long waitMillis) {
        Instant due = NOW.plusMillis(waitMillis);
        Instant at = NOW;
        for (int hops = 0; hops < 1000; hops++) {
            DelayTiers.Hop hop = tiers.hop(at, due);
            assertThat(hop.hopDueAt()).isBeforeOrEqualTo(due.isBefore(at) ? at : due);
            Duration waited = Duration.between(at, hop.hopDueAt());
            if (!hop.tier().topic().equals(DelayTiers.LAST_LEG_TOPIC)) {
                // a full hop waits exactly its tier's delay: records written later to that tier fall due later
                assertThat(waited).isEqualTo(hop.tier().delay());
            } else {
                // only a remainder shorter than the shortest tier goes to the last-leg topic
                assertThat(hop.hopDueAt()).isEqualTo(due);
                assertThat(waited).isLessThan(tiers.tiers().getFirst().delay());
            }
            at = hop.hopDueAt();
            if (!at.isBefore(due)) {
                assertThat(at).isEqualTo(due);
                return;
            }
        }
        throw new AssertionError("no end to the hops for " + waitMillis + " ms");
    }

    @Test
    void readsConfiguredTiersAndRefusesBadOnes() {
        DelayTiers custom = DelayTiers.parse("retry.short=500ms, retry.long=2h");
        assertThat(custom.tiers().get(1).delay()).isEqualTo(Duration.ofHours(2));
        assertThat(custom.topics()).containsExactly("retry.short", "retry.long", "webhooks.retry.last");
        assertThat(custom.lastLeg().delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(DelayTiers.parse(" ").topics()).hasSize(9);
        assertThatThrownBy(() -> DelayTiers.parse("webhooks.retry.last=1s")).hasMessageContaining("last-leg topic");
        assertThatThrownBy(() -> DelayTiers.parse("retry.a=1m,retry.a=5m")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> DelayTiers.parse("retry.a=soon")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> DelayTiers.parse("retry.a")).hasMessageContaining("topic=duration");
        assertThatThrownBy(() -> DelayTiers.parse("retry.a=0s")).hasMessageContaining("positive");
    }

    private List<String> walk(Duration wait) {
        Instant due = NOW.plus(wait);
        Instant at = NOW;
        List<String> path = new ArrayList<>();
        while (at.isBefore(due)) {
            DelayTiers.Hop hop = tiers.hop(at, due);
            path.add(hop.tier().topic());
            at = hop.hopDueAt();
        }
        assertThat(at).isEqualTo(due);
        return path;
    }
}
