package jp.ac.umin.libreclinica.umin.sso.saml;

/**
 * A SAML message that was refused: {@link #reason()} is the problem code the sign-in page and
 * the audit log use ({@code unsigned}, {@code bad-signature}, {@code expired}, ...); the message
 * is the detail for the server log.
 */
public class SamlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public SamlException(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
