/**
 * The ODM clinical data import pages: upload, validation report, confirmation and history, on
 * {@code core.odm.importing.OdmUploadService}.
 */
package jp.ac.umin.libreclinica.web.importing;
