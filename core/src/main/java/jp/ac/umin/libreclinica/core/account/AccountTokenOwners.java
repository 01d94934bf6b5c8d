package jp.ac.umin.libreclinica.core.account;

import java.util.Optional;
import jp.ac.umin.libreclinica.core.apitoken.ApiTokenOwnerDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the API tokens which account a user name belongs to, and back. */
@Component
@Transactional(readOnly = true)
public class AccountTokenOwners implements ApiTokenOwnerDirectory {

  private final UserAccountRepository accounts;

  public AccountTokenOwners(UserAccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<Long> accountIdOf(String userName) {
    return accounts.findByUserName(userName).map(UserAccount::getId);
  }

  @Override
  public Optional<String> userNameOf(long accountId) {
    return accounts.findById(accountId).map(UserAccount::getUserName);
  }
}
