package jp.ac.umin.libreclinica.core.odm;

/**
 * What an ODM export holds beyond plain ODM 1.3.
 *
 * @param extensions whether the OpenClinica extensions ({@code OpenClinica:} elements and
 *     attributes) are written
 * @param strict whether to leave out what the published {@code OpenClinica-ODM1-3-0-OC2-0.xsd}
 *     does not declare but LibreClinica writes (see {@link #libreClinica()})
 */
public record OdmExportOptions(boolean extensions, boolean strict) {

  /**
   * As LibreClinica writes it: the extensions, plus {@code ItemPresentInForm/@OrderInForm} and
   * {@code FormDetails/SectionDetails}, which the published schema lacks (our addendum schema
   * declares them).
   */
  public static OdmExportOptions libreClinica() {
    return new OdmExportOptions(true, false);
  }

  /** Valid against the published {@code OpenClinica-ODM1-3-0-OC2-0.xsd} unchanged. */
  public static OdmExportOptions strictOpenClinica() {
    return new OdmExportOptions(true, true);
  }

  /** Plain ODM 1.3, valid against {@code ODM1-3-0.xsd}. */
  public static OdmExportOptions plainOdm() {
    return new OdmExportOptions(false, true);
  }

  /** Whether the additions real extracts carry beyond the published schema are written. */
  public boolean additions() {
    return extensions && !strict;
  }
}
