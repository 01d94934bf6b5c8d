package jp.ac.umin.libreclinica.core.account;

/** A new account and its one-time password, which is shown once and never stored in clear. */
public record CreatedAccount(UserAccount account, String oneTimePassword) {}
