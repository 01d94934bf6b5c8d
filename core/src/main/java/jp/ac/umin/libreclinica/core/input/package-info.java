/**
 * What users type, before it is validated: normalisation of characters (an extension point
 * that the Japanese module fills with full-width folding) and the parsing of dates, including
 * partial dates, into their canonical ISO 8601 form.
 */
package jp.ac.umin.libreclinica.core.input;
