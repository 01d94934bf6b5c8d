/**
 * LibreClinica's REST URLs ({@code /rest/clinicaldata/...}, {@code /rest/metadata/...}) and
 * its script login ({@code /j_spring_security_check} with {@code j_username} and
 * {@code j_password}), so that existing scripts keep working. See docs/odm.md.
 */
package jp.ac.umin.libreclinica.ws.rest;
