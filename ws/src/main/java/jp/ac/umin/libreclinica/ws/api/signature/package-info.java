/**
 * Electronic signatures and locks over {@code /api/v1}: the same core services, rules and audit
 * as the pages (signing proves presence with the password and the hash of the data reviewed).
 */
package jp.ac.umin.libreclinica.ws.api.signature;
