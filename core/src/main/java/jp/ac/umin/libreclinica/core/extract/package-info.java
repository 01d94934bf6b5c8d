/**
 * Dataset extracts: ODM, tab-delimited, CSV, SPSS and Excel files of a dataset's subjects,
 * each delivered as one zip, written while the rows stream from the database. See
 * docs/extracts.md.
 */
package jp.ac.umin.libreclinica.core.extract;
