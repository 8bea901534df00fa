package com.penguinmails.webhooks.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTests {

    @Test
    void decryptsWhatItEncryptedAndNeverRepeatsACiphertext() {
        SecretCipher cipher = new SecretCipher(SecretCipher.generateKey());
        String secret = WebhookSecrets.generate();
        String first = cipher.encrypt(secret);
        String second = cipher.encrypt(secret);
        assertThat(first).isNotEqualTo(second).doesNotContain(secret.substring(6));
        assertThat(cipher.decrypt(first)).isEqualTo(secret);
        assertThat(cipher.decrypt(second)).isEqualTo(secret);
    }

    @Test
    void refusesAnotherKeyAndATamperedValue() {
        SecretCipher cipher = new SecretCipher(SecretCipher.generateKey());
        String sealed = cipher.encrypt("whsec_abc");
        assertThatThrownBy(() -> new SecretCipher(SecretCipher.generateKey()).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class);
        char[] chars = sealed.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> new SecretCipher("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
