/**
 * Source data verification (SDV) of event CRFs: who verified which CRF when, according to the
 * SDV requirement of its event definition CRF (a site's own setting first); the SDV page's
 * list; and the reset when data changes after verification. See {@code docs/discrepancy-notes.md}.
 */
package jp.ac.umin.libreclinica.core.sdv;
