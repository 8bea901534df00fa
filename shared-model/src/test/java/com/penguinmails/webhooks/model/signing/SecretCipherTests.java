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

    @Test
    void namesTheKeyThatSealedAValueAndDecryptsWithEveryKeyOfTheRing() {
        String oldKey = SecretCipher.generateKey();
        String newKey = SecretCipher.generateKey();
        SecretCipher before = new SecretCipher("k1:" + oldKey);
        String sealedBefore = before.encrypt("whsec_abc");
        assertThat(sealedBefore).startsWith("k1:");
        assertThat(SecretCipher.keyIdOf(sealedBefore)).isEqualTo("k1");

        SecretCipher after = new SecretCipher("k2:" + newKey + ", k1:" + oldKey);
        assertThat(after.currentKeyId()).isEqualTo("k2");
        assertThat(after.isStale(sealedBefore)).isTrue();
        assertThat(after.decrypt(sealedBefore)).isEqualTo("whsec_abc");
        String resealed = after.encrypt(after.decrypt(sealedBefore));
        assertThat(resealed).startsWith("k2:");
        assertThat(after.isStale(resealed)).isFalse();
        // once the old key is dropped, its values say which key they need
        assertThatThrownBy(() -> new SecretCipher("k2:" + newKey).decrypt(sealedBefore)).hasMessageContaining("key 'k1'");
        assertThat(new SecretCipher("k2:" + newKey).decrypt(resealed)).isEqualTo("whsec_abc");
    }

    @Test
    void readsValuesFromBeforeKeyIdsWithWhicheverKeySealedThem() throws Exception {
        String oldKey = SecretCipher.generateKey();
        String legacy = new SecretCipher(oldKey).encrypt("whsec_abc").substring((SecretCipher.UNNAMED + ":").length());
        SecretCipher ring = new SecretCipher("k2:" + SecretCipher.generateKey() + ",k1:" + oldKey);
        assertThat(SecretCipher.keyIdOf(legacy)).isNull();
        assertThat(ring.isStale(legacy)).isTrue();
        assertThat(ring.decrypt(legacy)).isEqualTo("whsec_abc");
    }

    @Test
    void refusesABadKeyRing() {
        String key = SecretCipher.generateKey();
        assertThatThrownBy(() -> new SecretCipher("k 1:" + key)).hasMessageContaining("key id");
        assertThatThrownBy(() -> new SecretCipher("k1:" + key + ",k1:" + key)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> new SecretCipher(" ")).hasMessageContaining("32 bytes");
    }
}
