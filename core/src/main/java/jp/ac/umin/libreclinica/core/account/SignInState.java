package jp.ac.umin.libreclinica.core.account;

/** What a signed-in user may do now, checked on every request. */
public enum SignInState {
  /** Work as usual. */
  OK,
  /** Only the change-password page: first sign-in, after a reset, or the password expired. */
  PASSWORD_CHANGE_REQUIRED,
  /** Locked, removed or gone: the session must end. */
  BLOCKED
}
