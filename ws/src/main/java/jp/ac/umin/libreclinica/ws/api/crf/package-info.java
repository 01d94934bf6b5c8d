/**
 * CRFs over {@code /api/v1}: upload a LibreClinica CRF design spreadsheet (a new CRF or a new
 * version, checked as the upload page checks it, every problem listed in one problem detail),
 * list CRFs and their versions, list the CRFs a study uses, and attach a CRF with its
 * parameters to an event definition. The same core services, authorization and audit as the
 * pages.
 */
package jp.ac.umin.libreclinica.ws.api.crf;
