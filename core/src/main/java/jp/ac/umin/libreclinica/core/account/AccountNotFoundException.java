package jp.ac.umin.libreclinica.core.account;

/** No account (or role assignment) with this id. */
public class AccountNotFoundException extends AccountException {

  public AccountNotFoundException(Object id) {
    super("account.notFound", id);
  }
}
