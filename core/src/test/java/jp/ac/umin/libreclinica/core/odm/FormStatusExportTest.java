package jp.ac.umin.libreclinica.core.odm;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The ODM export writes an event CRF's status under LibreClinica's names, double data entry included. */
public class FormStatusExportTest {

  @Test
  public void doubleDataEntryStatusesAreExportedUnderLibreClinicasNames() {
    assertEquals("initial data entry", ClinicalDataExporter.formStatus("INITIAL_DATA_ENTRY"));
    assertEquals("initial data entry completed", ClinicalDataExporter.formStatus("INITIAL_DATA_ENTRY_COMPLETE"));
    assertEquals("double data entry", ClinicalDataExporter.formStatus("DOUBLE_DATA_ENTRY"));
    assertEquals("data entry complete", ClinicalDataExporter.formStatus("DATA_ENTRY_COMPLETE"));
  }
}
