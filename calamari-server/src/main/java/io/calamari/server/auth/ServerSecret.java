package io.calamari.server.auth;

import io.calamari.server.db.SettingStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server secret: 256 random bits generated once (by {@code calamari ctl initialize} or the first
 * start) and kept in the database, so that every server instance sharing a database shares it. Used to
 * derive CSRF tokens from sessions. Thread-safe.
 */
public final class ServerSecret {
    static final String SETTING = "server_secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private ServerSecret(byte[] key) {
        this.key = key.clone();
    }

    /** Reads the secret, creating it first if this database has none. */
    public static ServerSecret loadOrCreate(SettingStore settings) {
        String hex = settings.putIfAbsent(SETTING, HexFormat.of().formatHex(randomBytes(32)));
        return new ServerSecret(HexFormat.of().parseHex(hex));
    }

    /** Base64url HMAC-SHA256 of {@code message} under the secret. */
    public String sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A new unguessable token: 256 random bits, base64url. */
    public static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    /** Hex SHA-256 of a token: what the database stores instead of the token itself. */
    public static String hashToken(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares in time independent of where the strings differ. */
    public static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
