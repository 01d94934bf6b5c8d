package jp.ac.umin.libreclinica.core.odm;

/** The namespaces of ODM 1.3 and of the OpenClinica 3 extensions, with LibreClinica's prefixes. */
public final class OdmNamespaces {

  public static final String ODM = "http://www.cdisc.org/ns/odm/v1.3";
  public static final String OPENCLINICA = "http://www.openclinica.org/ns/odm_ext_v130/v3.1";
  public static final String OPENCLINICA_PREFIX = "OpenClinica";
  public static final String RULES = "http://www.openclinica.org/ns/rules/v3.1";
  public static final String RULES_PREFIX = "OpenClinicaRules";
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  /** The xsi:schemaLocation of LibreClinica's extracts. */
  public static final String OPENCLINICA_SCHEMA_LOCATION = ODM + " OpenClinica-ODM1-3-0-OC2-0.xsd";
  public static final String ODM_SCHEMA_LOCATION = ODM + " ODM1-3-0.xsd";

  private OdmNamespaces() {}
}
