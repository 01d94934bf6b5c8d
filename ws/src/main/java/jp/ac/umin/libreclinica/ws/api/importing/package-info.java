/**
 * ODM clinical data imports over {@code /api/v1}: post an ODM file to validate it, or to validate
 * and import it, in the background; follow the job and read its report (counts, and every problem
 * with its XML line, OID and message in the caller's language). The same core service, rights,
 * limits and audit as the import page.
 */
package jp.ac.umin.libreclinica.ws.api.importing;
