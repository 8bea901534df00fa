package com.penguinmails.webhooks.management;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManagementPropertiesTests {

    @Test
    void acceptsSourceRangesInCidrNotationOfBothFamilies() {
        assertThatCode(() -> {
            ManagementProperties.requireCidr("203.0.113.0/24");
            ManagementProperties.requireCidr("127.0.0.1/32");
            ManagementProperties.requireCidr("2001:db8::/32");
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesASourceRangeWithoutAValidPrefixOrAddress() {
        for (String bad : new String[] {"203.0.113.0", "203.0.113.0/33", "2001:db8::/129", "example.com/24", "203.0.113.0/x", "1.2.3.4/24/1"}) {
            assertThatThrownBy(() -> ManagementProperties.requireCidr(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CIDR");
        }
    }
}
