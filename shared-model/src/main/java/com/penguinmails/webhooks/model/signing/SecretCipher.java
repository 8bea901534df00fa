package com.penguinmails.webhooks.model.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook secrets at rest and on the config topic with AES-256-GCM. A hash cannot sign, so secrets are
 * encrypted rather than hashed; the keys come from configuration and are shared by management-api and dispatcher.
 *
 * <p>The configuration is a key ring, {@code id:base64key[,id:base64key…]}: the first key encrypts, every key
 * decrypts. A value names the key that sealed it, {@code id:base64(nonce(12) || ciphertext+tag)}, so the master key
 * can be rotated: put a new key first, keep the old one after it until management-api has re-encrypted every stored
 * secret with the new one, then drop it. A key given without an id is called {@value #UNNAMED}. A value with no key
 * id (written before key ids) is tried against each key; GCM's tag tells the right one.
 */
public final class SecretCipher {

    /** The id of a key configured without one. */
    public static final String UNNAMED = "default";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** @param keyRing {@code id:base64key} entries, comma-separated, the encrypting one first; each key 32 bytes */
    public SecretCipher(String keyRing) {
        if (keyRing == null || keyRing.isBlank()) {
            throw new IllegalArgumentException("the secret encryption key must be base64 of 32 bytes, optionally as id:base64");
        }
        for (String entry : keyRing.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? UNNAMED : trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a secret encryption key id is 1 to 32 letters, digits, - or _, got '" + id + "'");
            }
            if (keys.put(id, key(colon < 0 ? trimmed : trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("the secret encryption key id '" + id + "' is given twice");
            }
        }
        this.currentId = keys.keySet().iterator().next();
    }

    private static SecretKeySpec key(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret encryption key must be base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the secret encryption key must be 32 bytes (base64 of 32 random bytes), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** A fresh random key in the form the constructor takes (without an id). */
    public static String generateKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The id of the key that encrypts. */
    public String currentKeyId() {
        return currentId;
    }

    /** The id of the key that sealed a value, or null for a value from before key ids. */
    public static String keyIdOf(String encoded) {
        int colon = encoded.indexOf(':');
        return colon < 0 ? null : encoded.substring(0, colon);
    }

    /** Whether the value was sealed by another key than the current one, and should be encrypted again. */
    public boolean isStale(String encoded) {
        return !currentId.equals(keyIdOf(encoded));
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return currentId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String encoded) {
        String id = keyIdOf(encoded);
        if (id != null) {
            SecretKeySpec key = keys.get(id);
            if (key == null) {
                throw new IllegalStateException("a webhook secret was encrypted with key '" + id + "', which is not in the configured key ring");
            }
            return open(key, encoded.substring(id.length() + 1));
        }
        IllegalStateException last = null;
        for (SecretKeySpec key : keys.values()) {
            try {
                return open(key, encoded);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String open(SecretKeySpec key, String base64) {
        try {
            byte[] all = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook secret could not be decrypted: wrong encryption key or corrupted value", e);
        }
    }
}
