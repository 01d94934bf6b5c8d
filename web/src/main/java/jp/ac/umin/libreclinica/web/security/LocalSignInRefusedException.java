package jp.ac.umin.libreclinica.web.security;

import org.springframework.security.authentication.AccountStatusException;

/** The account may not sign in with a local password here (single sign-on only, or not break-glass). */
public class LocalSignInRefusedException extends AccountStatusException {

  public LocalSignInRefusedException() {
    super("local sign-in not allowed");
  }
}
