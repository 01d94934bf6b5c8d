package jp.ac.umin.libreclinica.core.oid;

import static org.junit.Assert.assertEquals;

import java.util.Set;
import org.junit.Test;

/** CRF OIDs have the shapes of the OIDs in LibreClinica's example ODM extract. */
public class CrfOidsTest {

  private static final Set<String> NONE = Set.of();

  @Test
  public void crfAndVersionOidsMatchLibreClinicaShapes() {
    assertEquals("F_ADVERSEEVENT", CrfOids.crf("Adverse Events", NONE::contains));
    assertEquals("F_AGENTADMINIS", CrfOids.crf("Agent Administration", NONE::contains));
    assertEquals("F_ADVERSEEVENT_V10", CrfOids.crfVersion("F_ADVERSEEVENT", "v1.0", NONE::contains));
    assertEquals("F_PHYSICALEXAM_ESPAOL", CrfOids.crfVersion("F_PHYSICALEXAM", "Español", NONE::contains));
  }

  @Test
  public void itemAndGroupOidsKeepUnderscoresAndUseFiveLettersOfTheCrf() {
    assertEquals("I_AGENT_AGEN_DOSE", CrfOids.item("Agent Administration", "AGEN_DOSE", NONE::contains));
    assertEquals("I_ELIGI_FASTING_CHOLESTEROL_TRIGLY",
        CrfOids.item("Eligibility", "FASTING_CHOLESTEROL_TRIGLYCERIDES", NONE::contains));
    assertEquals("IG_PHYSI_UNGROUPED", CrfOids.itemGroup("Physical Exam", "UNGROUPED", NONE::contains));
    assertEquals("IG_PATIE_AELOG", CrfOids.itemGroup("Patient's form", "AE'\"LOG", NONE::contains));
  }

  @Test
  public void takenOidsGetANumberAndNamesWithoutLatinLettersGetOne() {
    assertEquals("F_VITALS_2", CrfOids.crf("Vitals", Set.of("F_VITALS")::contains));
    assertEquals("F_VITALS_3", CrfOids.crf("vitals!", Set.of("F_VITALS", "F_VITALS_2")::contains));
    assertEquals("F_1", CrfOids.crf("バイタルサイン", NONE::contains));
    assertEquals("I_1_TAIJU", CrfOids.item("バイタルサイン", "TAIJU", NONE::contains));
    assertEquals("F_VITALS", CrfOids.crf("ＶＩＴＡＬＳ", NONE::contains));
  }
}
