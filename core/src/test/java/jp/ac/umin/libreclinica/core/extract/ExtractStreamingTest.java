package jp.ac.umin.libreclinica.core.extract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import jp.ac.umin.libreclinica.core.crf.CrfUploadOutcome;
import jp.ac.umin.libreclinica.core.crf.template.RealisticCrfs;
import jp.ac.umin.libreclinica.core.event.CrfParameters;
import jp.ac.umin.libreclinica.core.event.EventDefinitionDetails;
import jp.ac.umin.libreclinica.core.event.EventDefinitionService;
import jp.ac.umin.libreclinica.core.event.EventType;
import jp.ac.umin.libreclinica.core.event.SdvRequirement;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.extract.DatasetExtractor.ExtractProgress;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.EventAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.FormAttribute;
import jp.ac.umin.libreclinica.core.extract.ExtractSpec.SubjectAttribute;
import jp.ac.umin.libreclinica.core.odm.OdmExportBenchmark;
import jp.ac.umin.libreclinica.core.study.Study;
import jp.ac.umin.libreclinica.core.study.StudyService;
import jp.ac.umin.libreclinica.core.study.StudyStatus;
import jp.ac.umin.libreclinica.core.testsupport.Fixtures;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LibreClinica issue #23: a dataset extract built the study's rows in memory and could exhaust
 * the heap. Here a study of 3,000 subjects (with the ODM benchmark's generator) is extracted and
 * the structure is checked: one row array is reused for every subject, rows reach the sink in
 * subject order one at a time, and the zip's bytes leave the writer while the cursor is still
 * being read. Timings and heap figures are the benchmark's (ExtractBenchmark), not asserted.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(classes = CoreTestApplication.class)
public class ExtractStreamingTest {

  static final int SUBJECTS = 3_000;

  @Autowired private UserAccountRepository accountRepository;
  @Autowired private PasswordHistoryRepository passwordHistory;
  @Autowired private PasswordEncoder encoder;
  @Autowired private JdbcTemplate jdbc;
  @Autowired private StudyService studies;
  @Autowired private EventDefinitionService definitions;
  @Autowired private CrfService crfs;
  @Autowired private DatasetExtractor extractor;
  @Autowired private TransactionTemplate transactions;

  @Test
  public void lc23_extractOfAManySubjectStudyStreamsInBoundedMemory() throws Exception {
    String dm = new AccountFixtures(accountRepository, passwordHistory, encoder, jdbc).businessAdmin().userName();
    Study study = studies.createStudy(Fixtures.aStudy(Fixtures.unique("LC23"), "大規模試験"), dm);
    Study site = studies.createSite(study.getId(), Fixtures.aStudy(Fixtures.unique("LC23S"), "施設"), dm);
    StudyEventDefinition visit = definitions.create(study.getId(),
        new EventDefinitionDetails("Visit", null, true, EventType.SCHEDULED, null), dm);
    CrfUploadOutcome vitals = crfs.commit(RealisticCrfs.vitalSigns(Fixtures.unique("LV"), "v1").xlsx(), "vs.xlsx", dm);
    definitions.attachCrf(visit.getId(), vitals.crfId(),
        new CrfParameters(false, null, false, false, false, SdvRequirement.NOT_REQUIRED, List.of()), dm);
    studies.changeStatus(study.getId(), StudyStatus.AVAILABLE, null, dm);
    long values = OdmExportBenchmark.generate(jdbc, study, site, visit, vitals, SUBJECTS, 2);
    assertTrue(values >= SUBJECTS * 2L * 5);
    ExtractSpec spec = new ExtractSpec(study.getId(), List.of(), List.of(), List.of(),
        EnumSet.allOf(SubjectAttribute.class), EnumSet.allOf(EventAttribute.class),
        EnumSet.allOf(FormAttribute.class), null, null, Set.of());

    // the rows, as the tabular writer hands them to a format
    List<String[]> arrays = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    int[] filled = {0};
    TableSink counting = new TableSink() {
      @Override
      public void start(List<ExtractColumn> columns) {}

      @Override
      public void row(String subjectLabel, String[] row) {
        if (arrays.isEmpty() || arrays.get(arrays.size() - 1) != row) {
          arrays.add(row);
        }
        labels.add(subjectLabel);
        for (String v : row) {
          filled[0] += v == null ? 0 : 1;
        }
      }

      @Override
      public void finish() {}
    };
    transactions.execute(status -> {
      try {
        Study s = studies.get(study.getId());
        TabularExtract table = new TabularExtract(jdbc, ZoneId.of("Asia/Tokyo"));
        DatasetScope scope = DatasetScope.of(s, spec, jdbc, ZoneId.of("Asia/Tokyo"));
        table.stream(scope, table.layout(scope), counting, ExtractProgress.NONE);
        return null;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertEquals(SUBJECTS, labels.size());
    assertEquals("one row array serves every subject: the study is never held", 1, arrays.size());
    List<String> sorted = new ArrayList<>(labels);
    sorted.sort(null);
    assertEquals("subjects come in order, each once", sorted, labels);
    assertEquals(SUBJECTS, Set.copyOf(labels).size());
    assertTrue("every value reached a row", filled[0] >= values);

    // through the public API: bytes leave before the last subject is read
    CountingSink sink = new CountingSink();
    long[] atHalf = {-1};
    ExtractProgress watching = new ExtractProgress() {
      @Override
      public void progress(int done, int total) {
        if (done == total / 2) {
          atHalf[0] = sink.bytes;
        }
      }

      @Override
      public boolean cancelled() {
        return false;
      }
    };
    for (ExtractFormat format : List.of(ExtractFormat.CSV_UTF8_BOM, ExtractFormat.TAB, ExtractFormat.SPSS)) {
      sink.bytes = 0;
      atHalf[0] = -1;
      extractor.write(dm, "big", spec, format, sink, watching);
      assertTrue(format + ": nothing was written by half-way (" + atHalf[0] + ")", atHalf[0] > 0);
      assertTrue(format + ": all was written by half-way", atHalf[0] < sink.bytes);
    }
  }

  /** Counts and drops what is written. */
  static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
