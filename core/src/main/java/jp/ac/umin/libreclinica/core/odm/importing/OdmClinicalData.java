package jp.ac.umin.libreclinica.core.odm.importing;

import java.util.ArrayList;
import java.util.List;

/** ClinicalData of an ODM file as read, every element with its XML line. */
public final class OdmClinicalData {

  /** One ClinicalData element. */
  public record Clinical(String studyOid, int line, List<Subject> subjects) {}

  /** SubjectData: SubjectKey (the subject's OID) and OpenClinica:StudySubjectID (its label). */
  public record Subject(String key, String label, int line, List<Event> events) {}

  /** StudyEventData; repeatKey null when absent. */
  public record Event(String oid, String repeatKey, int line, List<Form> forms) {}

  /** FormData (FormOID is the CRF version's OID). */
  public record Form(String oid, int line, List<Group> groups) {}

  /** ItemGroupData; repeatKey null when absent. */
  public record Group(String oid, String repeatKey, int line, List<Item> items) {}

  /** ItemData. */
  public record Item(String oid, String value, int line) {}

  private final List<Clinical> clinical = new ArrayList<>();
  private final List<ImportProblem> problems = new ArrayList<>();

  public List<Clinical> clinical() {
    return clinical;
  }

  /** Errors and warnings found while reading. */
  public List<ImportProblem> problems() {
    return problems;
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> !p.warning());
  }
}
