package jp.ac.umin.libreclinica.core.apitoken;

/**
 * The outcome of presenting a token: the owner's user name, or why the token was refused.
 *
 * @param tokenId the token, when one was found
 * @param userName the owner, when the token is usable
 * @param refusal why the token was refused, or null
 */
public record ApiTokenCheck(Long tokenId, String userName, Refusal refusal) {

  /** Why a token is refused. */
  public enum Refusal {
    UNKNOWN,
    REVOKED,
    EXPIRED,
    OWNER_UNKNOWN
  }

  public boolean accepted() {
    return refusal == null;
  }
}
