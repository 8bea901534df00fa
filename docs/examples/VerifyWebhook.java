import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies a PenguinMails webhook in Java (JDK only). Use the RAW request body bytes. */
public final class VerifyWebhook {

    /** X-PenguinMails-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the whole secret string>. */
    public static boolean verifyPenguinSignature(byte[] rawBody, String header, String secret) throws Exception {
        String expected = "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), rawBody));
        return header != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }

    /** Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">, key = base64 part after "whsec_". */
    public static boolean verifyStandardWebhook(byte[] rawBody, String id, String timestamp, String signatures,
                                                String secret, long toleranceSeconds) throws Exception {
        if (id == null || timestamp == null || signatures == null
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > toleranceSeconds) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(rawBody, 0, signed, prefix.length, rawBody.length);
        byte[] expected = ("v1," + Base64.getEncoder().encodeToString(hmac(key, signed))).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatures.split(" ")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** Usage: java VerifyWebhook.java <secret> <signature header> < body; checks the X-PenguinMails-Signature. */
    public static void main(String[] args) throws Exception {
        byte[] body = System.in.readAllBytes();
        System.out.println(verifyPenguinSignature(body, args[1], args[0]) ? "signature valid" : "signature INVALID");
    }
}
