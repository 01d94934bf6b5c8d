/**
 * Studies, sites and event definitions over {@code /api/v1/studies}: the same core services,
 * authorization and audit as the pages. Invalid requests are problem details listing the fields.
 */
package jp.ac.umin.libreclinica.ws.api.study;
