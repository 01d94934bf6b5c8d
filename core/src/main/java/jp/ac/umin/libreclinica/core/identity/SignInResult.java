package jp.ac.umin.libreclinica.core.identity;

import java.util.Optional;

/**
 * The account an external sign-in reaches, or why it reaches none ({@code failure} is a reason
 * code also written to the audit trail: {@code missing-subject}, {@code unknown-identity},
 * {@code account-blocked}, {@code sso-not-allowed}).
 */
public record SignInResult(String userName, String failure) {

  public static SignInResult success(String userName) {
    return new SignInResult(userName, null);
  }

  public static SignInResult failure(String reason) {
    return new SignInResult(null, reason);
  }

  public boolean succeeded() {
    return userName != null;
  }

  public Optional<String> failureReason() {
    return Optional.ofNullable(failure);
  }
}
