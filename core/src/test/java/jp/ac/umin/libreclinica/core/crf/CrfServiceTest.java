package jp.ac.umin.libreclinica.core.crf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.crf.definition.CrfDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.GroupLayout;
import jp.ac.umin.libreclinica.core.crf.definition.ItemDefinition;
import jp.ac.umin.libreclinica.core.crf.definition.ResponseOption;
import jp.ac.umin.libreclinica.core.crf.template.CrfWorkbookBuilder;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.crf.template.SharedReference;
import jp.ac.umin.libreclinica.core.crf.template.TemplateProblem;
import jp.ac.umin.libreclinica.core.input.InvalidInputException;
import jp.ac.umin.libreclinica.core.oid.CrfOids;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.Before;
import org.junit.Test;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.context.junit4.SpringRunner;

/** CrfService against the embedded PostgreSQL: uploads, versions, OIDs, removal, download. */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = CoreTestApplication.class,
    properties = "spring.jpa.hibernate.ddl-auto=validate")
public class CrfServiceTest {

  @Autowired CrfService service;
  @Autowired CrfRepository crfRepository;
  @MockitoSpyBean AuditService audit;
  @Autowired UserAccountRepository accountRepository;
  @Autowired PasswordHistoryRepository passwordHistory;
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcTemplate jdbc;
  @Autowired StudyService studies;
  @Autowired RoleAssignmentService roles;
  /** A system administrator: may design CRFs. */
  private String dm;

  @Before
  public void aCrfDesigner() {
    dm = accounts().businessAdmin().userName();
  }

  private AccountFixtures accounts() {
    return new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc);
  }

  private static String unique(String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The bytes of a reference spreadsheet with its CRF name made unique (the DB is shared). */
  private static byte[] renamed(byte[] xls, String newName) {
    try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xls));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      wb.getSheet("CRF").getRow(1).getCell(0).setCellValue(newName);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ItemDefinition item(CrfDefinition crf, String name) {
    return crf.items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  public void everyReferenceSpreadsheetCommitsWithAllItems() {
    Map<String, Integer> expected = Map.of(
        "CRFWithWarnings.xls", 2, "SampleCRF31.xls", 4, "SimpleCRFWithBMI31.xls", 3,
        "SimpleConditionalCRF.xls", 5, "TDSRepeatingItems.xls", 4, "TwoColumnLayout.xls", 6);
    expected.forEach((file, count) -> {
      byte[] bytes = renamed(SharedReference.bytes(SharedReference.example(file)), unique(file));
      CrfUploadOutcome outcome = service.commit(bytes, file, dm);
      assertEquals(file, (int) count, outcome.itemCount());
      assertEquals(file, (int) count, service.getVersion(outcome.crfVersionId()).definition().items().size());
    });
    byte[] perf = renamed(SharedReference.bytes(SharedReference.template("TEST_PERFORMANCE_V_001.xls")),
        unique("Test-Performance-CRF"));
    CrfUploadOutcome outcome = service.commit(perf, "TEST_PERFORMANCE_V_001.xls", dm);
    assertEquals(50, outcome.itemCount());
    assertThat(outcome.warnings()).extracting(TemplateProblem::messageKey).contains("crf.markup.removed");
    CrfDefinition stored = service.getVersion(outcome.crfVersionId()).definition();
    assertEquals(50, stored.items().size());
    assertThat(item(stored, "TEST_PERF_REDEN_VAN_OPNAME_VG").rightText()).doesNotContainIgnoringCase("script");
  }

  @Test
  public void emptyTemplatesAreRefusedAndNothingIsSaved() {
    long before = crfRepository.count();
    for (String file : List.of("CRF_Design_Template_v3.1.xls", "CRF_Design_Template_v3.9.xls", "CRF_Template_lc_v1.0.xls")) {
      byte[] bytes = SharedReference.bytes(SharedReference.template(file));
      assertThatThrownBy(() -> service.commit(bytes, file, dm))
          .isInstanceOfSatisfying(CrfTemplateRejectedException.class, e -> {
            assertEquals("crf.upload.rejected", e.messageKey());
            assertThat(e.problems()).extracting(TemplateProblem::messageKey).contains("crf.items.none");
          });
    }
    assertEquals(before, crfRepository.count());
  }

  @Test
  public void previewSavesNothingAndStoredVersionReadsBackAsPreviewed() {
    String name = unique("Adverse Events");
    byte[] file = RealisticCrfs.adverseEvents(name, "v1.0").xlsx();
    long before = crfRepository.count();
    CrfPreview preview = service.preview(file, "ae.xlsx", dm);
    assertFalse(preview.problems().toString(), preview.hasErrors());
    assertFalse(preview.newVersionOfExistingCrf());
    assertEquals(before, crfRepository.count());

    CrfUploadOutcome outcome = service.commit(file, "ae.xlsx", dm);
    assertTrue(outcome.newCrf());
    CrfVersionDetail detail = service.getVersion(outcome.crfVersionId());
    assertEquals(preview.definition(), detail.definition());
    CrfDefinition d = detail.definition();
    assertEquals(GroupLayout.GRID, d.group("AE_LOG").layout());
    assertEquals(3, d.group("AE_LOG").repeatNumber());
    assertEquals(50, d.group("AE_LOG").repeatMax());
    assertEquals("<i>Adverse event log</i>", d.group("AE_LOG").header());
    assertEquals(new ResponseOption("Procedure, other", "P"), item(d, "AEREL").responseSet().options().get(2));
    assertEquals(item(d, "AEYN").responseSet(), item(d, "AESER").responseSet());
    assertThat(detail.itemOids().get("AETERM")).startsWith("I_ADVER_AETERM");
    assertThat(detail.groupOids().get("AE_LOG")).startsWith("IG_ADVER_AE_LOG");
    assertThat(detail.crfOid()).startsWith("F_ADVERSEEVENT");
    assertThat(detail.version().oid()).startsWith(detail.crfOid() + "_V10");
    verify(audit).record(argThat(e -> e.action().equals("crf.create") && e.entityId().equals(outcome.crfId().toString())));
    verify(audit).record(argThat(e -> e.action().equals("crf.version.create")
        && e.entityId().equals(outcome.crfVersionId().toString())));
  }

  @Test
  public void vitalSignsWithCalculationsAndShowHideRoundTrip() {
    byte[] file = RealisticCrfs.vitalSigns(unique("Vital Signs"), "1").xls();
    CrfUploadOutcome outcome = service.commit(file, "vitals.xls", dm);
    CrfDefinition d = service.getVersion(outcome.crfVersionId()).definition();
    assertEquals("func: WEIGHT/pow(HEIGHT/100, 2)", item(d, "BMI").calculation());
    assertEquals(Integer.valueOf(1), item(d, "BMI").decimals());
    assertTrue(item(d, "PREG").hidden());
    assertEquals("SEX", item(d, "PREG").conditionalDisplay().controlItem());
    assertEquals("func: range(50, 250)", item(d, "HEIGHT").validation().expression());
    assertTrue(item(d, "COMMENT").phi());
    assertEquals("kg", item(d, "WEIGHT").units());
  }

  @Test
  public void japaneseFormKeepsItsTextExactly() {
    String name = unique("バイタルサイン調査票");
    byte[] file = RealisticCrfs.japanese(name, "第1版").xlsx();
    CrfUploadOutcome outcome = service.commit(file, "日本語のCRF.xlsx", dm);
    CrfVersionDetail detail = service.getVersion(outcome.crfVersionId());
    CrfDefinition d = detail.definition();
    assertEquals(name, d.name());
    assertEquals("第1版", d.versionName());
    assertEquals("氏（𠮷野家の「𠮷」も可）", item(d, "KANJA_SEI").leftText());
    assertEquals(List.of(new ResponseOption("男性", "1"), new ResponseOption("女性", "2"),
        new ResponseOption("回答しない", "9")), item(d, "SEIBETSU").responseSet().options());
    assertEquals("脂質異常症, その他", item(d, "KIOREKI").responseSet().options().get(2).text());
    assertEquals("<b>同意取得後</b>に記入してください。", d.sections().get(0).instructions());
    assertEquals("背景", item(d, "TAIJU").sectionLabel());
    // Only the Latin letters and digits of the (unique) name make the OID.
    assertThat(detail.crfOid()).startsWith(CrfOids.crf(name, oid -> false));
    assertThat(detail.version().oid()).startsWith(detail.crfOid() + "_1");
    assertThat(detail.itemOids().get("TAIJU")).startsWith("I_" + CrfOids.crfPrefix(name) + "_TAIJU");
    assertEquals("日本語のCRF.xlsx", service.originalFile(dm, outcome.crfVersionId()).fileName());
  }

  @Test
  public void eightHundredItemFormCommits() {
    byte[] file = RealisticCrfs.large(unique("Large Form"), "v1", 800).xlsx();
    CrfUploadOutcome outcome = service.commit(file, "large.xlsx", dm);
    assertEquals(800, outcome.itemCount());
    CrfVersionDetail detail = service.getVersion(outcome.crfVersionId());
    assertEquals(800, detail.definition().items().size());
    assertEquals(800, detail.itemOids().values().stream().distinct().count());
  }

  @Test
  public void newVersionSharesItemsGroupsAndOids() {
    String name = unique("Adverse Events");
    CrfUploadOutcome v1 = service.commit(RealisticCrfs.adverseEvents(name, "v1").xlsx(), "ae1.xlsx", dm);
    byte[] v2file = RealisticCrfs.adverseEvents(name.toUpperCase(), "v2")
        .item("AEACN").text("Action taken").done()
        .xlsx();
    CrfPreview preview = service.preview(v2file, "ae2.xlsx", dm);
    assertEquals(v1.crfId(), preview.existingCrfId());
    CrfUploadOutcome v2 = service.commit(v2file, "ae2.xlsx", dm);
    assertFalse(v2.newCrf());
    assertEquals(v1.crfId(), v2.crfId());
    CrfVersionDetail d1 = service.getVersion(v1.crfVersionId());
    CrfVersionDetail d2 = service.getVersion(v2.crfVersionId());
    assertEquals(d1.itemOids().get("AETERM"), d2.itemOids().get("AETERM"));
    assertEquals(d1.groupOids(), d2.groupOids());
    assertNotEquals(d1.version().oid(), d2.version().oid());
    assertEquals(9, d2.definition().items().size());
    assertThat(service.listVersions(dm, v1.crfId(), PageRequest.of(0, 10)).getContent())
        .extracting(CrfVersionSummary::name).containsExactly("v1", "v2");
    CrfSummary summary = service.getCrf(dm, v1.crfId());
    assertEquals(2, summary.versionCount());
    assertEquals(name, summary.name());
  }

  @Test
  public void usedVersionNameAndChangedDataTypeAreRefused() {
    String name = unique("Vital Signs");
    service.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v1.xlsx", dm);
    assertThatThrownBy(() -> service.commit(RealisticCrfs.vitalSigns(name, "V1").xlsx(), "again.xlsx", dm))
        .isInstanceOfSatisfying(CrfTemplateRejectedException.class, e ->
            assertThat(e.problems()).extracting(TemplateProblem::messageKey).containsExactly("crf.version.exists"));
    byte[] changed = CrfWorkbookBuilder.crf(name, "v2").section("VS", "Vital signs").group("VS_MAIN", "NON-REPEATING")
        .item("HEIGHT").group("VS_MAIN").units("cm").dataType("INT").done().xlsx();
    assertThatThrownBy(() -> service.commit(changed, "v2.xlsx", dm))
        .isInstanceOfSatisfying(CrfTemplateRejectedException.class, e ->
            assertThat(e.problems()).extracting(TemplateProblem::messageKey)
                .containsExactly("crf.item.dataType.changed"));
  }

  @Test
  public void oc3469_changedOptionMeaningIsRefused() {
    String name = unique("Smoking");
    CrfUploadOutcome v1 = service.commit(CrfWorkbookBuilder.crf(name, "v1").section("S", "Smoking")
        .item("SMOKER").options("radio", "YN", "Yes,No", "1,0").dataType("INT").done().xlsx(), "v1.xlsx", dm);
    byte[] swapped = CrfWorkbookBuilder.crf(name, "v2").section("S", "Smoking")
        .item("SMOKER").options("radio", "YN", "Yes,No", "0,1").dataType("INT").done().xlsx();
    assertThatThrownBy(() -> service.commit(swapped, "v2.xlsx", dm))
        .isInstanceOfSatisfying(CrfTemplateRejectedException.class, e ->
            assertThat(e.problems()).filteredOn(TemplateProblem::isError)
                .extracting(TemplateProblem::messageKey, TemplateProblem::row, TemplateProblem::column)
                .containsExactly(
                    org.assertj.core.groups.Tuple.tuple("crf.item.option.meaningChanged", 2, "RESPONSE_OPTIONS_TEXT"),
                    org.assertj.core.groups.Tuple.tuple("crf.item.option.meaningChanged", 2, "RESPONSE_OPTIONS_TEXT")));
    assertEquals(1, service.listVersions(dm, v1.crfId(), PageRequest.of(0, 10)).getTotalElements());
    assertEquals(List.of(new ResponseOption("Yes", "1"), new ResponseOption("No", "0")),
        item(service.getVersion(v1.crfVersionId()).definition(), "SMOKER").responseSet().options());
    // Adding an option with a new value is fine.
    service.commit(CrfWorkbookBuilder.crf(name, "v2").section("S", "Smoking")
        .item("SMOKER").options("radio", "YN", "Yes,No,Former", "1,0,2").dataType("INT").done().xlsx(), "v2.xlsx", dm);
  }

  @Test
  public void lc224_quotesInLabelsUploadAndUpversion() {
    String name = unique("Patient's \"Quoted\" Form");
    CrfUploadOutcome v1 = service.commit(quoted(name, "v1").xls(), "q1.xls", dm);
    CrfUploadOutcome v2 = service.commit(quoted(name, "v2").item("EXTRA").section("Pat'ient \"info\"").done().xlsx(), "q2.xlsx", dm);
    CrfVersionDetail d1 = service.getVersion(v1.crfVersionId());
    CrfVersionDetail d2 = service.getVersion(v2.crfVersionId());
    assertEquals(d1.groupOids().get("AE'\"LOG"), d2.groupOids().get("AE'\"LOG"));
    assertThat(d1.groupOids().get("AE'\"LOG")).startsWith("IG_PATIE_AELOG");
    assertEquals(d1.itemOids().get("ANSWER"), d2.itemOids().get("ANSWER"));
    CrfDefinition def = d2.definition();
    assertEquals("Pat'ient \"info\"", def.sections().get(0).label());
    assertEquals("Patient's \"history\"", def.sections().get(0).title());
    assertEquals(List.of(new ResponseOption("Don't know", "9"), new ResponseOption("\"Yes\"", "1")),
        item(def, "ANSWER").responseSet().options());
    assertEquals("It's \"fine\"", item(def, "ANSWER").leftText());
  }

  private static CrfWorkbookBuilder quoted(String name, String version) {
    return CrfWorkbookBuilder.crf(name, version)
        .section("Pat'ient \"info\"", "Patient's \"history\"")
        .grid("AE'\"LOG", "Group's \"log\"", null, null)
        .item("ANSWER").group("AE'\"LOG").text("It's \"fine\"")
            .options("single-select", "ans'\"set", "Don't know,\"Yes\"", "9,1").dataType("INT").done();
  }

  @Test
  public void hostileMarkupIsSanitisedBeforeStorage() {
    byte[] file = CrfWorkbookBuilder.crf(unique("Hostile"), "v1").section("S", "<b>not markup</b> title")
        .setLast("Sections", "SUBTITLE", "<img src=x onerror=alert(1)>sub<script>alert(2)</script>")
        .item("Q1").text("<a href=\"javascript:alert(3)\">click</a><b onclick=\"alert(4)\">bold</b>")
            .set("DESCRIPTION_LABEL", "'; DROP TABLE crf; --").done()
        .xlsx();
    CrfUploadOutcome outcome = service.commit(file, "hostile.xlsx", dm);
    assertThat(outcome.warnings()).extracting(TemplateProblem::messageKey).contains("crf.markup.removed");
    CrfDefinition d = service.getVersion(outcome.crfVersionId()).definition();
    assertThat(d.sections().get(0).subtitle()).doesNotContain("onerror").doesNotContain("script").contains("sub");
    assertThat(item(d, "Q1").leftText()).doesNotContain("javascript").doesNotContain("onclick").contains("<b>bold</b>");
    assertEquals("'; DROP TABLE crf; --", item(d, "Q1").description());
    assertEquals("<b>not markup</b> title", d.sections().get(0).title());
  }

  @Test
  public void removeAndRestoreNeedAReasonAndAreAudited() {
    CrfUploadOutcome outcome = service.commit(RealisticCrfs.vitalSigns(unique("Vital Signs"), "v1").xlsx(), "v.xlsx", dm);
    Long id = outcome.crfVersionId();
    assertThatThrownBy(() -> service.removeVersion(id, " ", dm))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertEquals("crf.version.reasonRequired", e.messageKey()));
    CrfVersionSummary removed = service.removeVersion(id, "Wrong units", dm);
    assertEquals(CrfVersionStatus.REMOVED, removed.status());
    assertEquals("Wrong units", removed.statusReason());
    assertThatThrownBy(() -> service.removeVersion(id, "again", dm))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertEquals("crf.version.alreadyRemoved", e.messageKey()));
    assertEquals(0, service.getCrf(dm, outcome.crfId()).availableVersionCount());
    assertEquals(CrfVersionStatus.AVAILABLE, service.restoreVersion(id, "Units were right", dm).status());
    verify(audit).record(argThat(e -> e.action().equals("crf.version.remove") && "Wrong units".equals(e.reason())));
    verify(audit).record(argThat(e -> e.action().equals("crf.version.restore") && "REMOVED".equals(e.oldValue())));
    assertTrue(service.isDeletable(id));
    service.checkDeletable(id);
  }

  @Test
  public void originalFileIsKeptByteForByte() {
    byte[] file = RealisticCrfs.vitalSigns(unique("Vital Signs"), "v1").xls();
    CrfUploadOutcome outcome = service.commit(file, "C:\\Users\\dm\\vitals.xls", dm);
    CrfFile original = service.originalFile(dm, outcome.crfVersionId());
    assertArrayEquals(file, original.content());
    assertEquals("vitals.xls", original.fileName());
    assertEquals("application/vnd.ms-excel", original.contentType());
  }

  @Test
  public void listsArePaged() {
    service.commit(RealisticCrfs.vitalSigns(unique("Vital Signs"), "v1").xlsx(), "v.xlsx", dm);
    service.commit(RealisticCrfs.vitalSigns(unique("Vital Signs"), "v1").xlsx(), "v.xlsx", dm);
    var page = service.listCrfs(dm, null, PageRequest.of(0, 1));
    assertEquals(1, page.getContent().size());
    assertTrue(page.getTotalElements() >= 2);
    assertThat(page.getContent().get(0).versionCount()).isGreaterThanOrEqualTo(1);
  }

  @Test
  public void unknownIdsAreReported() {
    assertThatThrownBy(() -> service.getVersion(-1L))
        .isInstanceOfSatisfying(CrfNotFoundException.class, e -> assertEquals("crf.version.notFound", e.messageKey()));
    assertThatThrownBy(() -> service.listVersions(dm, -1L, PageRequest.of(0, 5)))
        .isInstanceOfSatisfying(CrfNotFoundException.class, e -> assertEquals("crf.notFound", e.messageKey()));
  }

  @Test
  public void uploadsAreLimitedToTenMegabytesByDefault() {
    assertEquals(10L * 1024 * 1024, service.limits().maxBytes());
    byte[] tooBig = new byte[(int) service.limits().maxBytes() + 1];
    assertThatThrownBy(() -> service.commit(tooBig, "big.xlsx", dm))
        .isInstanceOfSatisfying(CrfTemplateRejectedException.class, e ->
            assertThat(e.problems()).extracting(TemplateProblem::messageKey).containsExactly("crf.file.tooLarge"));
  }

  @Test
  public void auditRecordsEveryCommit() {
    service.commit(RealisticCrfs.japanese(unique("日本語"), "1").xlsx(), "ja.xlsx", dm);
    verify(audit, atLeastOnce()).record(argThat(e -> e.action().equals("crf.version.create")));
  }

  @Test
  public void onlyAdministratorsAndStudyBuildersDesignCrfs() {
    byte[] file = RealisticCrfs.vitalSigns(unique("Vital Signs"), "v1").xlsx();
    CrfUploadOutcome outcome = service.commit(file, "v.xlsx", dm);
    AccountFixtures.TestAccount plainAccount = accounts().user();
    String plain = plainAccount.userName();
    long before = crfRepository.count();
    assertFalse(service.mayDesign(plain));
    assertThatThrownBy(() -> service.preview(file, "v.xlsx", plain)).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.commit(RealisticCrfs.vitalSigns(unique("VS"), "v1").xlsx(), "v.xlsx", plain))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.listCrfs(plain, null, PageRequest.of(0, 5))).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.getVersion(plain, outcome.crfVersionId())).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.originalFile(plain, outcome.crfVersionId())).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.removeVersion(outcome.crfVersionId(), "no", plain))
        .isInstanceOf(PermissionDeniedException.class);
    assertEquals(before, crfRepository.count());
    assertEquals(CrfVersionStatus.AVAILABLE, service.getVersion(outcome.crfVersionId()).version().status());

    // a plain user who becomes data manager of some study may design CRFs
    var study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("CRFDM"), "crf designers"), dm);
    roles.assign(dm, plainAccount.id(), study.getId(), jp.ac.umin.libreclinica.core.account.Role.DATA_MANAGER);
    assertTrue(service.mayDesign(plain));
    assertTrue("the version name is taken", service.preview(file, "v.xlsx", plain).hasErrors());
    AccountFixtures.TestAccount monitor = accounts().user();
    roles.assign(dm, monitor.id(), study.getId(), jp.ac.umin.libreclinica.core.account.Role.STUDY_MONITOR);
    assertFalse(service.mayDesign(monitor.userName()));
  }

  @Test
  public void theListFiltersByNameWithWildcardsTakenLiterally() {
    String stem = UUID.randomUUID().toString().substring(0, 8);
    service.commit(RealisticCrfs.vitalSigns("Filter_" + stem + " Vitals", "v1").xlsx(), "v.xlsx", dm);
    service.commit(RealisticCrfs.vitalSigns("Filter%" + stem + " Other", "v1").xlsx(), "v.xlsx", dm);
    assertThat(service.listCrfs(dm, "filter_" + stem, PageRequest.of(0, 10)).getContent())
        .extracting(CrfSummary::name).containsExactly("Filter_" + stem + " Vitals");
    assertThat(service.listCrfs(dm, stem, PageRequest.of(0, 10)).getContent()).hasSize(2);
    assertThat(service.listCrfs(dm, "%" + stem, PageRequest.of(0, 10)).getContent())
        .extracting(CrfSummary::name).containsExactly("Filter%" + stem + " Other");
  }

  @Test
  public void theCollatedListFiltersIgnoringKanaWidthAndCase() {
    String stem = UUID.randomUUID().toString().substring(0, 8);
    String name = "バイタル" + stem.toUpperCase();
    service.commit(RealisticCrfs.vitalSigns(name, "v1").xlsx(), "v.xlsx", dm);
    java.util.Comparator<String> order = java.util.Comparator.naturalOrder();
    for (String typed : List.of("ばいたる" + stem, "ﾊﾞｲﾀﾙ" + stem, "バイタル" + stem.toUpperCase())) {
      assertThat(service.listCrfs(dm, typed, order, PageRequest.of(0, 10)).getContent())
          .extracting(CrfSummary::name).containsExactly(name);
    }
    assertThat(service.listCrfs(dm, "ばいたる" + stem + "x", order, PageRequest.of(0, 10)).getContent()).isEmpty();
  }
}
