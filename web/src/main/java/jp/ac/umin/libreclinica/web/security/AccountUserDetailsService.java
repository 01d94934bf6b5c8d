package jp.ac.umin.libreclinica.web.security;

import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Local sign-in against the accounts in the database (user names in any case). Locked and
 * removed accounts are refused before the password is even compared.
 */
@Service
public class AccountUserDetailsService implements UserDetailsService {

  private final AccountService accounts;

  public AccountUserDetailsService(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return accounts
        .findForLogin(username)
        .map(AccountPrincipal::of)
        // Never shown: Spring Security turns it into the same "bad credentials" as a wrong password.
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }
}
