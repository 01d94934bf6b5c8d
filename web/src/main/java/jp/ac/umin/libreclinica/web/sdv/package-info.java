/** The source data verification page of a study or site. */
package jp.ac.umin.libreclinica.web.sdv;
