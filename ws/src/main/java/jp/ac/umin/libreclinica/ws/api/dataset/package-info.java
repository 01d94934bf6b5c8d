/**
 * Datasets and their extracts over {@code /api/v1}: define, read, change, copy, remove and
 * restore datasets of a study; start an extract in a format, follow it, download its zip.
 */
package jp.ac.umin.libreclinica.ws.api.dataset;
