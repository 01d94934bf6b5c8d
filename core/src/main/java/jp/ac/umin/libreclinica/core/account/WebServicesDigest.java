package jp.ac.umin.libreclinica.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What LibreClinica's SOAP clients put in the UsernameToken's PasswordText: the SHA-1 digest of
 * the password (or of a web-services key) in lower-case hex. Used only to derive the value that
 * is then hashed again; SHA-1 is never stored.
 */
public final class WebServicesDigest {

  private WebServicesDigest() {}

  /** The SHA-1 hex digest of {@code secret}'s UTF-8 bytes, lower case. */
  public static String of(String secret) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
    }
  }

  /** A digest as received (clients differ in case and may pad with blanks), as compared. */
  public static String normalise(String digest) {
    return digest.strip().toLowerCase(Locale.ROOT);
  }
}
