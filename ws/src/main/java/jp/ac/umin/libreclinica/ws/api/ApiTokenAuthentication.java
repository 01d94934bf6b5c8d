package jp.ac.umin.libreclinica.ws.api;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A caller of the API: before authentication it carries the presented token; after, the owner's
 * {@link UserDetails} and authorities, and the id of the token used.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

  private final transient Object principal;
  private final String presentedToken;
  private final Long tokenId;

  private ApiTokenAuthentication(String presentedToken) {
    super(List.of());
    this.principal = null;
    this.presentedToken = presentedToken;
    this.tokenId = null;
    setAuthenticated(false);
  }

  private ApiTokenAuthentication(UserDetails user, long tokenId) {
    super(user.getAuthorities());
    this.principal = user;
    this.presentedToken = null;
    this.tokenId = tokenId;
    super.setAuthenticated(true);
  }

  static ApiTokenAuthentication unauthenticated(String presentedToken) {
    return new ApiTokenAuthentication(presentedToken);
  }

  static ApiTokenAuthentication authenticated(UserDetails user, long tokenId) {
    return new ApiTokenAuthentication(user, tokenId);
  }

  @Override
  public Object getCredentials() {
    return presentedToken;
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }

  /** The token the caller used. */
  public Long getTokenId() {
    return tokenId;
  }

  @Override
  public void setAuthenticated(boolean authenticated) {
    if (authenticated) {
      throw new IllegalArgumentException("Only the token provider authenticates");
    }
    super.setAuthenticated(false);
  }

  @Override
  public String toString() {
    return "ApiTokenAuthentication[" + getName() + ", token " + tokenId + "]";
  }
}
