/**
 * A CRF version as the system understands it, independent of the file it came from: sections,
 * item groups, items, response sets, validations and conditional display. The spreadsheet
 * reader ({@code crf.template}) produces it, the CRF feature ({@code crf}) stores it, and other
 * formats (ODM) can produce it too. Texts that may hold markup are already sanitised here.
 */
package jp.ac.umin.libreclinica.core.crf.definition;
