package jp.ac.umin.libreclinica.core.design;

import static jp.ac.umin.libreclinica.core.testsupport.Fixtures.unique;

import java.util.List;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.GroupClassService;
import jp.ac.umin.libreclinica.core.study.GroupClassType;
import jp.ac.umin.libreclinica.core.study.ProtocolType;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyDetails;
import jp.ac.umin.libreclinica.core.study.StudyPhase;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.SubjectGroupClass;

/**
 * A whole study design built through the real services, as a data manager would: a study with
 * Japanese and non-BMP text, a site, three events (scheduled, repeating unscheduled, common), an
 * adverse-event CRF in two versions, a vital-signs CRF, a Japanese CRF and a group class.
 */
public final class DesignFixture {

  /** Text outside the BMP and emoji that must survive every format: 𠮷 (U+20BB7), 𩸽, 🍣, 🙂. */
  public static final String NON_BMP = "𠮷野家の𩸽定食 🍣🙂";

  public final Study study;
  public final Study site;
  public final StudyEventDefinition registration;
  public final StudyEventDefinition adverseEvents;
  public final StudyEventDefinition common;
  public final CrfUploadOutcome aeV1;
  public final CrfUploadOutcome aeV2;
  public final CrfUploadOutcome vitals;
  public final CrfUploadOutcome japanese;
  public final String japaneseCrfName;

  private DesignFixture(Builder b) {
    this.study = b.study;
    this.site = b.site;
    this.registration = b.registration;
    this.adverseEvents = b.adverseEvents;
    this.common = b.common;
    this.aeV1 = b.aeV1;
    this.aeV2 = b.aeV2;
    this.vitals = b.vitals;
    this.japanese = b.japanese;
    this.japaneseCrfName = b.japaneseCrfName;
  }

  /** Builds the design; {@code dm} must be allowed to create studies. */
  public static DesignFixture build(
      String dm,
      StudyService studies,
      EventDefinitionService events,
      CrfService crfs,
      GroupClassService groupClasses) {
    Builder b = new Builder();
    String protocol = unique("ODM");
    b.study = studies.createStudy(new StudyDetails(
        "ODM試験 " + NON_BMP, protocol, "NCT-0001", "研究 太郎", "UMIN <Sponsor> & Co", null,
        StudyPhase.PHASE_II, ProtocolType.INTERVENTIONAL, "treatment",
        "説明 " + NON_BMP + " <b>&amp;</b>", java.time.LocalDate.of(2026, 4, 1), null, null, 120,
        "東大病院", "文京区", "東京都", "113-8655", "JP", "連絡 花子", "contact@example.org",
        "03-0000-0000"), dm);
    b.site = studies.createSite(b.study.getId(), new StudyDetails(
        "東京施設", protocol + "-TKY", null, "施設 花子", null, null, StudyPhase.PHASE_II,
        ProtocolType.INTERVENTIONAL, null, null, null, null, null, 30, null, null, null, null,
        null, null, null, null), dm);

    b.registration = events.create(b.study.getId(),
        new EventDefinitionDetails("Registration Visit", "登録時の来院", false, EventType.SCHEDULED, "Screening"), dm);
    b.adverseEvents = events.create(b.study.getId(),
        new EventDefinitionDetails("有害事象", null, true, EventType.UNSCHEDULED, null), dm);
    b.common = events.create(b.study.getId(),
        new EventDefinitionDetails("Concomitant Medications", null, true, EventType.COMMON, "Common"), dm);
    // an event without CRFs: ODM cannot carry it (a StudyEventDef needs a FormRef)
    events.create(b.study.getId(),
        new EventDefinitionDetails("Follow-up", null, false, EventType.SCHEDULED, null), dm);

    String ae = unique("AE");
    b.aeV1 = commit(crfs, RealisticCrfs.adverseEvents(ae, "v1.0").xlsx(), "ae1.xlsx", dm);
    b.aeV2 = commit(crfs, RealisticCrfs.adverseEvents(ae, "v2.0")
        .item("AENOTE").text("Notes").done().xlsx(), "ae2.xlsx", dm);
    b.vitals = commit(crfs, RealisticCrfs.vitalSigns(unique("Vitals"), "v1").xlsx(), "vitals.xlsx", dm);
    b.japaneseCrfName = unique("背景");
    b.japanese = commit(crfs, japaneseCrf(b.japaneseCrfName).xlsx(), "背景.xlsx", dm);

    events.attachCrf(b.registration.getId(), b.vitals.crfId(),
        new CrfParameters(true, null, false, true, false, SdvRequirement.ALL, List.of()), dm);
    events.attachCrf(b.registration.getId(), b.japanese.crfId(),
        new CrfParameters(false, null, true, false, true, SdvRequirement.PARTIAL, List.of()), dm);
    events.attachCrf(b.adverseEvents.getId(), b.aeV1.crfId(),
        new CrfParameters(true, b.aeV2.crfVersionId(), false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
    events.attachCrf(b.common.getId(), b.vitals.crfId(),
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);

    groupClasses.create(b.study.getId(), "Treatment " + NON_BMP, GroupClassType.ARM,
        SubjectGroupClass.Assignment.REQUIRED, List.of("A群", "B群"), dm);
    return new DesignFixture(b);
  }

  private static CrfUploadOutcome commit(CrfService crfs, byte[] file, String name, String dm) {
    try {
      return crfs.commit(file, name, dm);
    } catch (jp.ac.umin.libreclinica.core.crf.CrfTemplateRejectedException e) {
      throw new IllegalStateException("fixture CRF " + name + " rejected: " + e.problems(), e);
    }
  }

  /** The Japanese form with non-BMP text in texts, units, options and messages. */
  public static CrfWorkbookBuilder japaneseCrf(String name) {
    return RealisticCrfs.japanese(name, "第1版")
        .item("SHOKUJI").text("食事 " + NON_BMP).units("𠮷/日").dataType("INT")
            .options("radio", "食事𩸽", "𩸽,🍣,𠮷", "1,2,3").done()
        .item("KOMENTO").text("コメント").type("textarea").set("RIGHT_ITEM_TEXT", "右 🙂")
            .set("HEADER", "見出し 𠮷").done();
  }

  private static final class Builder {
    Study study;
    Study site;
    StudyEventDefinition registration;
    StudyEventDefinition adverseEvents;
    StudyEventDefinition common;
    CrfUploadOutcome aeV1;
    CrfUploadOutcome aeV2;
    CrfUploadOutcome vitals;
    CrfUploadOutcome japanese;
    String japaneseCrfName;
  }
}
