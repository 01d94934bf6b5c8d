package jp.ac.umin.libreclinica.core.apitoken;

/**
 * A token just created: the secret, to show its owner exactly once, and the stored token.
 *
 * @param secret the bearer token; not stored anywhere, so it cannot be shown again
 * @param token the stored token (hash, name, expiry)
 */
public record IssuedApiToken(String secret, ApiToken token) {

  @Override
  public String toString() {
    return "IssuedApiToken[" + token.getTokenHint() + "…]";
  }
}
