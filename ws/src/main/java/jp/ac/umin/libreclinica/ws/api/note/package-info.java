/** Discrepancy notes and SDV status in the REST API, with the same rules as the pages. */
package jp.ac.umin.libreclinica.ws.api.note;
