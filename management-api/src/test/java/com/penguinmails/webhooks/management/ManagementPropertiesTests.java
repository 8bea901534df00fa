package com.penguinmails.webhooks.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.penguinmails.webhooks.model.signing.SecretCipher;

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

    @Test
    void sendsMailFromThePlatformsAddressUnlessToldOtherwise() {
        assertThat(bind(Map.of()).mailFrom()).isEqualTo("webhooks@penguinmails.local");
        assertThat(bind(Map.of("penguin.management.mail-from", "PenguinMails <alerts@example.com>")).mailFrom())
                .isEqualTo("PenguinMails <alerts@example.com>");
    }

    @Test
    void takesMailFromFromTheEnvironmentUnderTheNamesItHadBefore() {
        for (String variable : new String[] {"PENGUIN_MANAGEMENT_MAIL_FROM", "PENGUIN_MANAGEMENT_MAILFROM"}) {
            Map<String, Object> environment = Map.of("PENGUIN_MANAGEMENT_SECRETENCRYPTIONKEY", SecretCipher.generateKey(),
                    variable, "alerts@example.com");
            Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
            assertThat(binder.bind("penguin.management", ManagementProperties.class).get().mailFrom()).as(variable)
                    .isEqualTo("alerts@example.com");
        }
    }

    @Test
    void refusesAMailFromThatIsNotOneAddressAtStartUp() {
        for (String bad : new String[] {"", "webhooks", "webhooks@", "a@example.com, b@example.com", "<>", "webhooks @example.com"}) {
            assertThatThrownBy(() -> ManagementProperties.requireAddress(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("penguin.management.mail-from");
        }
        assertThatThrownBy(() -> bind(Map.of("penguin.management.mail-from", "webhooks")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("not one e-mail address");
    }

    private static ManagementProperties bind(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("penguin.management.secret-encryption-key", SecretCipher.generateKey());
        return new Binder(new MapConfigurationPropertySource(all)).bind("penguin.management", ManagementProperties.class).get();
    }
}
