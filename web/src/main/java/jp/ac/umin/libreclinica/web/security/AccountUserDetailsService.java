package jp.ac.umin.libreclinica.web.security;

import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Local sign-in against the accounts in the database (user names in any case). Locked and
 * removed accounts are refused before the password is even compared, and so are accounts that
 * a {@link SignOnExtension} keeps from local sign-in.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

  private final AccountService accounts;
  private final ObjectProvider<SignOnExtension> extensions;

  public AccountUserDetailsService(AccountService accounts, ObjectProvider<SignOnExtension> extensions) {
    this.accounts = accounts;
    this.extensions = extensions;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    boolean localAllowed = extensions.orderedStream().allMatch(e -> e.allowsLocalSignIn(username));
    return accounts
        .findForLogin(username)
        .map(a -> AccountPrincipal.of(a, localAllowed))
        // Never shown: Spring Security turns it into the same "bad credentials" as a wrong password.
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }
}
