package jp.ac.umin.libreclinica.core.testsupport;

import java.util.UUID;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyPhase;

/** Realistic test data. The test database is shared, so names are made unique. */
public final class Fixtures {

  private Fixtures() {}

  /** {@code prefix} plus a random suffix, e.g. {@code R01-3fa2c1d0}. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The details of a phase II interventional study with a Japanese description. */
  public static StudyDetails aStudy(String protocolId, String name) {
    return new StudyDetails(
        name, protocolId, null, "研究 太郎", "UMIN", null, StudyPhase.PHASE_II,
        ProtocolType.INTERVENTIONAL, "treatment", "説明 𠮷", null, null, null, 100, null, null,
        null, null, "JP", null, null, null);
  }
}
