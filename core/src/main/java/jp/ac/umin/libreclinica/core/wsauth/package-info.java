/**
 * Credentials of the SOAP web services (WS-Security UsernameToken): the password verifier kept
 * with the account, and per-user web-services keys for accounts without a usable password
 * (single sign-on). {@code ws} authenticates every SOAP request through {@link
 * jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService#authenticate}.
 */
package jp.ac.umin.libreclinica.core.wsauth;
