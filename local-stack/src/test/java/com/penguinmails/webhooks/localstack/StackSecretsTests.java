package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StackSecretsTests {

    @TempDir
    Path dataDir;

    @Test
    void keepsTheSecretsOfTheFirstStartForTheNext() throws IOException {
        StackSecrets first = StackSecrets.loadOrCreate(dataDir, null);

        assertThat(StackSecrets.loadOrCreate(dataDir, null)).isEqualTo(first);
        assertThat(first.dashboardPassword()).hasSize(24);
        assertThat(first.apiKey()).isNotBlank();
        assertThat(first.encryptionKey()).isNotBlank();
    }

    @Test
    void givenApiKeyReplacesTheKeptOneAndIsKeptInTurn() throws IOException {
        StackSecrets first = StackSecrets.loadOrCreate(dataDir, null);

        StackSecrets given = StackSecrets.loadOrCreate(dataDir, "pm_live_given");

        assertThat(given).isEqualTo(new StackSecrets("pm_live_given", first.dashboardPassword(), first.encryptionKey()));
        assertThat(StackSecrets.loadOrCreate(dataDir, null).apiKey()).isEqualTo("pm_live_given");
    }

    @Test
    void dataFoldersGetSecretsOfTheirOwn() throws IOException {
        StackSecrets one = StackSecrets.loadOrCreate(Files.createDirectories(dataDir.resolve("one")), null);
        StackSecrets other = StackSecrets.loadOrCreate(Files.createDirectories(dataDir.resolve("other")), null);

        assertThat(other.apiKey()).isNotEqualTo(one.apiKey());
        assertThat(other.dashboardPassword()).isNotEqualTo(one.dashboardPassword());
        assertThat(other.encryptionKey()).isNotEqualTo(one.encryptionKey());
    }
}
