package jp.ac.umin.libreclinica.core.identity;

/**
 * What a provider said about a person who signed in there: its name for the provider, the
 * persistent subject (the key), and the attributes released (display identifier such as the
 * UMIN ID, e-mail, name; given and family name, which only a just-in-time account needs).
 * {@code clientAddress} is where the request came from, for the audit.
 */
public record ExternalSignIn(
    String provider,
    String subject,
    String displayId,
    String email,
    String displayName,
    String givenName,
    String familyName,
    String clientAddress) {

  /** Without given and family name (enough for an identity that is already linked or pre-registered). */
  public ExternalSignIn(
      String provider, String subject, String displayId, String email, String displayName, String clientAddress) {
    this(provider, subject, displayId, email, displayName, null, null, clientAddress);
  }
}
