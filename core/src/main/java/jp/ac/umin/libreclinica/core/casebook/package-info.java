/**
 * Views that bring a subject's records together: the subject matrix (subjects of a study or
 * site with the status of each of their events, paged, sorted and filtered in a fixed number of
 * statements whatever the page size) and a subject's casebook (details, group, events and audit
 * trail). It reads {@code subject}, {@code event} and {@code study}; nothing there reads it.
 */
package jp.ac.umin.libreclinica.core.casebook;
