/**
 * CDISC ODM 1.3 with the OpenClinica 3 extensions, as LibreClinica writes it. Only this package
 * (and {@code ws}) uses StAX/JAXB. Files are written with a streaming
 * {@link javax.xml.stream.XMLStreamWriter} in UTF-8 ({@link jp.ac.umin.libreclinica.core.odm.OdmWriter}),
 * never by joining strings. {@link jp.ac.umin.libreclinica.core.odm.OdmMetadataExporter} writes
 * a study's (or a site's) metadata; {@link jp.ac.umin.libreclinica.core.odm.OdmExportOptions}
 * chooses between LibreClinica's output (the default: OpenClinica extensions plus the additions
 * real extracts carry, declared in {@code odm/lc-odm-oc-addendum.xsd}), output that validates
 * against the published OpenClinica schema unchanged, and plain ODM 1.3. See docs/odm.md.
 */
package jp.ac.umin.libreclinica.core.odm;
