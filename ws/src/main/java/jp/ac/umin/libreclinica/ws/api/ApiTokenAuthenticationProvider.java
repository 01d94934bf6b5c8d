package jp.ac.umin.libreclinica.ws.api;

import jp.ac.umin.libreclinica.core.apitoken.ApiTokenCheck;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Turns a presented token into its owner: the token is checked by {@link ApiTokenService}, the
 * owner loaded through the application's {@link UserDetailsService} and refused when the account
 * is locked, disabled or expired. An expired password does not stop the API: a token is a
 * credential of its own.
 */
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

  private final ApiTokenService tokens;
  private final ObjectProvider<UserDetailsService> users;

  ApiTokenAuthenticationProvider(ApiTokenService tokens, ObjectProvider<UserDetailsService> users) {
    this.tokens = tokens;
    this.users = users;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String presented = (String) authentication.getCredentials();
    ApiTokenCheck check = tokens.check(presented);
    if (!check.accepted()) {
      throw new BadCredentialsException("token refused: " + check.refusal());
    }
    UserDetailsService service = users.getIfUnique();
    if (service == null) {
      throw new AuthenticationServiceException("no unique UserDetailsService");
    }
    UserDetails user;
    try {
      user = service.loadUserByUsername(check.userName());
      requireUsable(user);
    } catch (AuthenticationException e) {
      tokens.recordRefusedUse(check.tokenId(), check.userName(), reason(e));
      throw e;
    }
    return ApiTokenAuthentication.authenticated(user, check.tokenId());
  }

  private static void requireUsable(UserDetails user) {
    if (!user.isAccountNonLocked()) {
      throw new LockedException("account locked");
    }
    if (!user.isEnabled()) {
      throw new DisabledException("account disabled");
    }
    if (!user.isAccountNonExpired()) {
      throw new AccountExpiredException("account expired");
    }
  }

  private static String reason(AuthenticationException e) {
    if (e instanceof LockedException) {
      return "account locked";
    }
    if (e instanceof DisabledException) {
      return "account disabled";
    }
    if (e instanceof AccountExpiredException) {
      return "account expired";
    }
    if (e instanceof UsernameNotFoundException) {
      return "account not found";
    }
    return "account refused";
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiTokenAuthentication.class.isAssignableFrom(authentication);
  }
}
