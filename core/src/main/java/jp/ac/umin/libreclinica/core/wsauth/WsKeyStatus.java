package jp.ac.umin.libreclinica.core.wsauth;

/** Whether a web-services key may still be used. */
public enum WsKeyStatus {
  ACTIVE,
  REVOKED
}
