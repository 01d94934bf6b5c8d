package jp.ac.umin.libreclinica.core.apitoken;

/** Whether a token may still be used. */
public enum ApiTokenStatus {
  ACTIVE,
  REVOKED
}
