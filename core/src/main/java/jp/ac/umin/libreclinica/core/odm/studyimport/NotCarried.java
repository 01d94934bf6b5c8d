package jp.ac.umin.libreclinica.core.odm.studyimport;

/**
 * Something of the extract that the new study does not hold as the extract had it: where it is
 * (line, element, OID) and why (a message key of {@code i18n/studyimport} with one argument).
 */
public record NotCarried(int line, String element, String oid, String reasonKey, String argument) {}
