package jp.ac.umin.libreclinica.core.discrepancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import jp.ac.umin.libreclinica.core.casebook.PdfFont;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.PermissionDeniedException;
import jp.ac.umin.libreclinica.core.account.RoleAssignmentService;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.csv.CsvEncoding;
import jp.ac.umin.libreclinica.core.dataentry.DataEntryService;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.StudyEventService;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.subject.SubjectService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
@Import(NotesViewServiceTest.RealBundles.class)
public class NotesViewServiceTest {

  /** The PDF's headings and statuses from the real bundles, Japanese from i18n-ja's sources. */
  @TestConfiguration
  static class RealBundles {
    @Bean
    MessageSource messageSource() {
      ReloadableResourceBundleMessageSource m = new ReloadableResourceBundleMessageSource();
      m.setBasenames("file:../i18n-ja/src/main/resources/i18n/notes", "classpath:i18n/notes");
      m.setDefaultEncoding("UTF-8");
      m.setFallbackToSystemLocale(false);
      return m;
    }
  }

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private RoleAssignmentService roles;
  @Autowired private SubjectService subjects;
  @Autowired private StudyEventService events;
  @Autowired private CrfService crfs;
  @Autowired private DataEntryService entry;
  @Autowired private DiscrepancyNoteService notes;
  @Autowired private NotesViewService view;

  private NotesFixture f;

  @Before
  public void notesAtBothSites() {
    f = new NotesFixture(studies, definitions, roles,
        new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc),
        subjects, events, crfs, entry, p -> {});
    String dm = f.r.dataManager();
    for (int i = 0; i < 5; i++) {
      notes.raise(dm, NoteTarget.itemValue(f.crfA.getId(), "HEIGHT", 1), new NewNote(NoteType.QUERY, "A query " + i, null, f.r.crcA()));
    }
    notes.raise(dm, NoteTarget.subject(f.subjectA.getId(), NoteField.SEX), new NewNote(NoteType.ANNOTATION, "A note", null, null));
    DiscrepancyNote b = notes.raise(dm, NoteTarget.itemValue(f.crfB.getId(), "WEIGHT", 1), new NewNote(NoteType.QUERY, "B query", null, null));
    notes.close(dm, b.getId(), b.getVersion(), "closed", null);
  }

  @Test
  public void theStudyViewSeesEverySiteWithCountsByStatusAndPages() {
    NotesPage p = view.page(f.r.dataManager(), f.r.study().getId(), NoteQuery.any(), 0, 4);
    assertEquals(7, p.total());
    assertEquals(4, p.rows().size());
    assertEquals(2, p.totalPages());
    assertEquals(5L, (long) p.countsByStatus().get(NoteStatus.NEW));
    assertEquals(1L, (long) p.countsByStatus().get(NoteStatus.CLOSED));
    assertEquals(1L, (long) p.countsByStatus().get(NoteStatus.NOT_APPLICABLE));
    assertEquals("newest first", "B query", p.rows().get(0).description());
    assertEquals(3, view.page(f.r.dataManager(), f.r.study().getId(), NoteQuery.any(), 1, 4).rows().size());
    NoteRow row = p.rows().get(0);
    assertEquals(f.subjectB.getLabel(), row.subjectLabel());
    assertEquals("WEIGHT", row.itemName());
    assertEquals("Screening", row.eventName());
    assertEquals(2, row.noteCount());
  }

  @Test
  public void aSiteUserSeesOnlyTheirSite() {
    NotesPage p = view.page(f.r.crcA(), f.r.siteA().getId(), NoteQuery.any(), 0, 50);
    assertEquals(6, p.total());
    assertTrue(p.rows().stream().allMatch(r -> r.subjectLabel().equals(f.subjectA.getLabel())));
    assertThrows(PermissionDeniedException.class, () -> view.page(f.r.crcA(), f.r.study().getId(), NoteQuery.any(), 0, 50));
    assertThrows(PermissionDeniedException.class, () -> view.page(f.r.crcA(), f.r.siteB().getId(), NoteQuery.any(), 0, 50));
  }

  @Test
  public void filtersNarrowTheList() {
    long study = f.r.study().getId();
    String dm = f.r.dataManager();
    assertEquals(6, view.page(dm, study, new NoteQuery(NoteType.QUERY, null, null, null, null, null, null, null, null), 0, 50).total());
    assertEquals(1, view.page(dm, study, new NoteQuery(null, NoteStatus.CLOSED, null, null, null, null, null, null, null), 0, 50).total());
    assertEquals(1, view.page(dm, study, new NoteQuery(null, null, f.r.siteB().getId(), null, null, null, null, null, null), 0, 50).total());
    assertEquals(6, view.page(dm, study, new NoteQuery(null, null, null, f.subjectA.getLabel().toLowerCase(), null, null, null, null, null), 0, 50).total());
    assertEquals(6, view.page(dm, study, new NoteQuery(null, null, null, null, f.r.screening().getId(), null, null, null, null), 0, 50).total());
    assertEquals(6, view.page(dm, study, new NoteQuery(null, null, null, null, null, f.vitals.crfId(), null, null, null), 0, 50).total());
    assertEquals(5, view.page(dm, study, new NoteQuery(null, null, null, null, null, null, f.r.crcA(), null, null), 0, 50).total());
    assertEquals(0, view.page(dm, study, new NoteQuery(null, null, null, null, null, null, null, 1, null), 0, 50).total());
    assertEquals(7, view.page(dm, study, new NoteQuery(null, null, null, null, null, null, null, null, 0), 0, 50).total());
  }

  /** OC PR #3463: the notes CSV broke on commas, quotes and newlines in note text. */
  @Test
  public void oc3463_notesCsvKeepsCommasQuotesAndNewlinesIntact() throws Exception {
    String nasty = "体重, \"本当に\" 60kg?\r\nsecond line, with comma";
    String detail = "line1\nline2 \"quoted\", 髙橋";
    DiscrepancyNote t = notes.raise(f.r.dataManager(), NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1),
        new NewNote(NoteType.QUERY, nasty, detail, null));
    for (CsvEncoding encoding : List.of(CsvEncoding.values())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      view.writeCsv(f.r.dataManager(), f.r.study().getId(), NoteQuery.any(), out, encoding, k -> k);
      Charset cs = encoding.charset();
      String text = new String(out.toByteArray(), cs);
      if (encoding.writesBom()) {
        assertEquals('\uFEFF', text.charAt(0));
        text = text.substring(1);
      }
      List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
      int columns = records.get(0).size();
      assertEquals(19, columns);
      CSVRecord mine = null;
      for (CSVRecord r : records) {
        assertEquals("row " + r.getRecordNumber(), columns, r.size());
        if (r.get(0).equals(String.valueOf(t.getId()))) {
          mine = r;
        }
      }
      assertEquals(nasty, mine.get(14));
      assertEquals(detail, mine.get(15));
    }
  }

  private static void assumeJapaneseFont() {
    try {
      new PdfFont("").location();
    } catch (RuntimeException e) {
      Assume.assumeNoException("a Japanese font (fonts-ipaexfont-gothic) is installed", e);
    }
  }

  private String pdfText(String actor, long where, NoteQuery q) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    view.writePdf(actor, where, q, Locale.JAPANESE, out);
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      assertTrue(pdf.getPage(0).getResources().getFont(
          pdf.getPage(0).getResources().getFontNames().iterator().next()).isEmbedded());
      return new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
    }
  }

  @Test
  public void theNotesPdfShowsJapaneseNoteTextWithItsThreadsNotes() throws Exception {
    assumeJapaneseFont();
    DiscrepancyNote t = notes.raise(f.r.dataManager(), NoteTarget.itemValue(f.crfA.getId(), "WEIGHT", 1),
        new NewNote(NoteType.QUERY, "体重が前回より二十キロ減っています", "原資料を確認してください", f.r.crcA()));
    notes.answer(f.r.crcA(), t.getId(), t.getVersion(),
        new NoteAnswer(NoteStatus.RESOLUTION_PROPOSED, "転記ミスでした。修正済みです", null, f.r.crcA()));
    String text = pdfText(f.r.dataManager(), f.r.study().getId(), NoteQuery.any());
    assertTrue(text, text.contains("#" + t.getId()));
    assertTrue(text, text.contains("体重が前回より二十キロ減っています"));
    assertTrue(text, text.contains("原資料を確認してください"));
    assertTrue("the child note is printed under its thread", text.contains("転記ミスでした。修正済みです"));
    assertTrue(text, text.contains(f.subjectA.getLabel()));
    assertTrue(text, text.contains("Bquery"));
    assertTrue("headings in Japanese", text.contains("ディスクレパンシーノート一覧") && text.contains("解決提案"));
  }

  @Test
  public void theNotesPdfFollowsTheFiltersAndASiteUserSeesOnlyTheirSite() throws Exception {
    assumeJapaneseFont();
    String atSite = pdfText(f.r.crcA(), f.r.siteA().getId(), NoteQuery.any());
    assertTrue(atSite, atSite.contains("Aquery0"));
    assertTrue(atSite, !atSite.contains("Bquery"));
    assertThrows(PermissionDeniedException.class,
        () -> view.writePdf(f.r.crcA(), f.r.study().getId(), NoteQuery.any(), Locale.JAPANESE, new ByteArrayOutputStream()));
    assertThrows(PermissionDeniedException.class,
        () -> view.writePdf(f.r.crcA(), f.r.siteB().getId(), NoteQuery.any(), Locale.JAPANESE, new ByteArrayOutputStream()));
    String closed = pdfText(f.r.dataManager(), f.r.study().getId(),
        new NoteQuery(null, NoteStatus.CLOSED, null, null, null, null, null, null, null));
    assertTrue(closed, closed.contains("Bquery") && !closed.contains("Aquery0"));
  }

  @Test
  public void aLongNotesPdfIsPrintedInChunksOverManyPages() throws Exception {
    assumeJapaneseFont();
    for (int i = 0; i < 130; i++) {
      notes.raise(f.r.dataManager(), NoteTarget.itemValue(f.crfB.getId(), "HEIGHT", 1),
          new NewNote(NoteType.ANNOTATION, "注記その" + i, null, null));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    view.writePdf(f.r.dataManager(), f.r.siteB().getId(), NoteQuery.any(), Locale.JAPANESE, out);
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    java.nio.file.Files.write(java.nio.file.Path.of("target", "notes-ja.pdf"), out.toByteArray());
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 90), "png",
          java.nio.file.Path.of("target", "notes-ja-page1.png").toFile());
      assertTrue("pages: " + pdf.getNumberOfPages(), pdf.getNumberOfPages() > 3);
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains("注記その0") && text.contains("注記その129"));
    }
  }
}
