package jp.ac.umin.libreclinica.core.account;

import java.time.Instant;
import java.util.Optional;

/**
 * Asks a signer to prove presence again before an electronic signature. Local accounts give
 * their password ({@link PasswordReauthentication}); users who signed in through an identity
 * provider are sent back to it with a forced re-authentication (SAML ForceAuthn, OpenID Connect
 * {@code prompt=login} and {@code max_age=0}), which the single sign-on module implements.
 * The signature feature picks the implementation that {@link #appliesTo} the way the signer
 * signed in.
 */
public interface SignerReauthentication {

  /** Whether this way applies to a user who signed in by {@code signInMethod} ({@code local}, {@code header:umin}, ...). */
  boolean appliesTo(String signInMethod);

  /**
   * Where the browser must go to prove presence, coming back to {@code returnPath}; empty when
   * the signature page asks for the password itself.
   */
  Optional<String> redirectFor(String userName, String returnPath);

  /**
   * Whether {@code userName} proved presence: with {@code password} for local accounts, or by a
   * re-authentication at the identity provider after {@code since}. Every answer is audited.
   */
  boolean proven(String userName, String password, Instant since);
}
