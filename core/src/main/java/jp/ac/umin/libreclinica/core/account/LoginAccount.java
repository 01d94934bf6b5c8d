package jp.ac.umin.libreclinica.core.account;

/** What sign-in needs to know of an account. */
public record LoginAccount(
    long id, String userName, String passwordHash, UserType userType, boolean locked, boolean available) {}
