package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.signing.SecretCipher;

/**
 * The local stack's secrets, generated on the first start and kept in {@code local-stack.properties} in the data
 * folder, so that a restart keeps the same key, password and encrypted webhook secrets.
 *
 * @param apiKey            the demo workspace's API key
 * @param dashboardPassword the demo admin's dashboard password, printed at start-up
 * @param encryptionKey     the key management-api and the dispatcher encrypt webhook secrets with
 */
record StackSecrets(String apiKey, String dashboardPassword, String encryptionKey) {

    static final String FILE = "local-stack.properties";

    /**
     * The secrets kept in the data folder, any missing one generated and kept; a given API key takes the kept one's
     * place.
     */
    static StackSecrets loadOrCreate(Path dataDir, String apiKey) throws IOException {
        Properties state = load(dataDir);
        String key = apiKey != null ? apiKey : state.getProperty("api-key", ApiKeys.generate());
        state.setProperty("api-key", key);
        String dashboardPassword = state.computeIfAbsent("dashboard-password", k -> newPassword()).toString();
        String encryptionKey = state.computeIfAbsent("secret-encryption-key", k -> SecretCipher.generateKey()).toString();
        save(dataDir, state);
        return new StackSecrets(key, dashboardPassword, encryptionKey);
    }

    private static Properties load(Path dataDir) throws IOException {
        Properties state = new Properties();
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    private static void save(Path dataDir, Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(FILE))) {
            state.store(out, "local stack secrets: the demo API key, the demo admin's dashboard password and the secret encryption key");
        }
    }

    /** 18 random bytes as URL-safe base64: 24 characters, easy to paste. */
    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
