package jp.ac.umin.libreclinica.core.apitoken;

import java.util.Optional;

/**
 * Connects tokens to accounts: tokens are keyed on the account's id, users and Spring Security
 * on the user name. Implemented by the accounts feature.
 */
public interface ApiTokenOwnerDirectory {

  /** The id of the account with this user name. */
  Optional<Long> accountIdOf(String userName);

  /** The user name of the account with this id. */
  Optional<String> userNameOf(long accountId);
}
