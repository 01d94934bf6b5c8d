/**
 * Personal API tokens for the REST API: issued by a user to themself, shown once, stored as a
 * SHA-256 hash, revocable, audited. {@code ws} checks presented tokens through {@link
 * jp.ac.umin.libreclinica.core.apitoken.ApiTokenService#check(String)}.
 */
package jp.ac.umin.libreclinica.core.apitoken;
