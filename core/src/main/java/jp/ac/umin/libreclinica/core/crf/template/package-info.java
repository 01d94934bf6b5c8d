/**
 * LibreClinica CRF design spreadsheets (.xls and .xlsx, template generations 3.1 to lc1.0): the
 * only package that knows Apache POI. {@link jp.ac.umin.libreclinica.core.crf.template.CrfTemplateReader}
 * reads a workbook's CRF, Sections, Groups and Items sheets (columns matched by header name, so
 * headers with and without {@code *} read the same), checks every rule of the templates'
 * Instructions sheets, and returns either a neutral
 * {@link jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition} or the complete list of
 * problems, each with sheet, row, column, value and a message key. See
 * {@code docs/crf-spreadsheets.md}.
 */
package jp.ac.umin.libreclinica.core.crf.template;
