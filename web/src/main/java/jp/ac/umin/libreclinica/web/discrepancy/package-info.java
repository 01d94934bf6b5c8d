/**
 * Pages of discrepancy notes: the notes of one value or field (raised from data entry and the
 * subject page), a thread with its answers, the notes view of a study or site with its CSV.
 */
package jp.ac.umin.libreclinica.web.discrepancy;
