/**
 * CRFs and CRF versions. A CRF is installation-wide (as in LibreClinica) and is built from CRF
 * design spreadsheets: {@link jp.ac.umin.libreclinica.core.crf.CrfService} previews an upload
 * (nothing saved), commits it as a new CRF or a new version of the CRF of that name, lists,
 * removes and restores versions and hands back the original file. Items and item groups are
 * shared by name across the versions of a CRF and keep their OIDs; per-version layout lives in
 * {@code ItemFormMetadata} and {@code ItemGroupMetadata}.
 */
package jp.ac.umin.libreclinica.core.crf;
