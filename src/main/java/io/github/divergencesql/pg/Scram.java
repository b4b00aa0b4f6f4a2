package io.github.divergencesql.pg;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it: no channel
 * binding (a client's {@code n,,} or {@code y,,}; {@code p=} is refused, since the server offers
 * no binding), the user name taken from the startup message (the client's {@code n=} is
 * ignored, as PostgreSQL does), 4096 iterations for verifiers made here. A user's secret is its
 * verifier: salt, iterations, StoredKey and ServerKey, the form PostgreSQL keeps in
 * {@code rolpassword} ({@code SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>}), so a users
 * file need not hold passwords.
 */
final class Scram {
  static final String MECHANISM = "SCRAM-SHA-256";
  private static final int ITERATIONS = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A user's verifier. */
  record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    /** Made from a password, with a fresh salt. */
    static Verifier of(String password) {
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      return of(password, salt, ITERATIONS);
    }

    static Verifier of(String password, byte[] salt, int iterations) {
      byte[] salted = hi(password, salt, iterations);
      byte[] clientKey = hmac(salted, "Client Key");
      return new Verifier(salt, iterations, sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** PostgreSQL's text form, null when {@code text} is not one. */
    static Verifier parse(String text) {
      if (!text.startsWith(MECHANISM + "$")) {
        return null;
      }
      try {
        String[] parts = text.substring(MECHANISM.length() + 1).split("\\$");
        String[] iterSalt = parts[0].split(":");
        String[] keys = parts[1].split(":");
        Base64.Decoder b64 = Base64.getDecoder();
        return new Verifier(b64.decode(iterSalt[1]), Integer.parseInt(iterSalt[0]),
            b64.decode(keys[0]), b64.decode(keys[1]));
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /** One exchange; not thread-safe (one per login). */
  private final Verifier verifier;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  Scram(Verifier verifier) {
    this.verifier = verifier;
  }

  /**
   * The server-first-message for a client-first-message, or null when the message is not one
   * this server takes (channel binding required, malformed).
   */
  String first(String clientFirst) {
    if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,"))) {
      return null; // p=...: channel binding, which is not offered
    }
    int bare = clientFirst.indexOf(',', 2);
    if (bare < 0) {
      return null;
    }
    clientFirstBare = clientFirst.substring(bare + 1);
    String clientNonce = attributes(clientFirstBare).get('r');
    if (clientNonce == null || clientNonce.isEmpty()) {
      return null;
    }
    byte[] mine = new byte[18];
    RANDOM.nextBytes(mine);
    nonce = clientNonce + Base64.getEncoder().encodeToString(mine);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
        + ",i=" + verifier.iterations();
    return serverFirst;
  }

  /**
   * The server-final-message ({@code v=...}) when the client's proof is right, else null.
   */
  String last(String clientFinal) {
    if (serverFirst == null) {
      return null;
    }
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) {
      return null;
    }
    String withoutProof = clientFinal.substring(0, proofAt);
    Map<Character, String> a = attributes(clientFinal);
    if (!nonce.equals(a.get('r')) || a.get('p') == null) {
      return null;
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(a.get('p'));
    } catch (IllegalArgumentException e) {
      return null;
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] signature = hmac(verifier.storedKey(), authMessage);
    if (proof.length != signature.length) {
      return null;
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
      return null;
    }
    return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
  }

  private static Map<Character, String> attributes(String message) {
    Map<Character, String> map = new HashMap<>();
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(1) == '=') {
        map.putIfAbsent(part.charAt(0), part.substring(2));
      }
    }
    return map;
  }

  private static byte[] hi(String password, byte[] salt, int iterations) {
    try {
      // PBKDF2 with HMAC-SHA-256 and one block is SCRAM's Hi() (SASLprep left out: ASCII and
      // most passwords are unchanged by it)
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
