package jp.ac.umin.libreclinica.core.odm;

import java.util.List;
import jp.ac.umin.libreclinica.core.study.StudyParameters;
import jp.ac.umin.libreclinica.core.study.StudyParameters.DateOfBirth;
import jp.ac.umin.libreclinica.core.study.StudyParameters.Prefill;
import jp.ac.umin.libreclinica.core.study.StudyParameters.SubjectIdGeneration;
import jp.ac.umin.libreclinica.core.study.StudyParameters.Usage;

/**
 * OpenClinica:StudyParameterConfiguration: the study parameters under LibreClinica's IDs
 * ({@code SPL_…}), with its codes, followed by the list of codes of each parameter. Parameters
 * LibreClinica has and we do not store (interviewer name editable, person ID shown on the CRF)
 * are not written.
 */
final class StudyParameterList {

  private record Option(String code, String decode) {}

  private record Parameter(String id, String name, String value, List<Option> options) {}

  private static final List<Option> YES_NO = List.of(new Option("true", "Yes"), new Option("false", "No"));

  private StudyParameterList() {}

  static void write(OdmWriter w, StudyParameters p) {
    List<Parameter> parameters = parameters(p);
    w.startExtension("StudyParameterConfiguration");
    for (Parameter parameter : parameters) {
      w.startExtension("StudyParameterListRef")
          .attribute("StudyParameterListID", parameter.id())
          .attribute("Value", parameter.value())
          .end();
    }
    for (Parameter parameter : parameters) {
      w.startExtension("StudyParameterList").attribute("ID", parameter.id()).attribute("Name", parameter.name());
      for (Option o : parameter.options()) {
        w.startExtension("StudyParameterListItem").attribute("CodedParameterValue", o.code())
            .translated("Decode", o.decode())
            .end();
      }
      w.end();
    }
    w.end();
  }

  private static List<Parameter> parameters(StudyParameters p) {
    return List.of(
        new Parameter("SPL_collectDob", "Collect Subject Date Of Birth", dob(p.getDateOfBirth()),
            List.of(new Option("1", "Yes"), new Option("2", "Only Year of Birth"), new Option("3", "Not Used"))),
        new Parameter("SPL_discrepancyManagement", "Allow Discrepancy Management",
            String.valueOf(p.isDiscrepancyManagement()), YES_NO),
        new Parameter("SPL_subjectPersonIdRequired", "Person ID Required", personId(p.getPersonId()),
            List.of(new Option("required", "Required"), new Option("optional", "Optional"),
                new Option("not used", "Not Used"))),
        new Parameter("SPL_genderRequired", "Sex Required", String.valueOf(p.isSexRequired()), YES_NO),
        new Parameter("SPL_subjectIdGeneration", "How To Generate Study SubjectID",
            idGeneration(p.getSubjectIdGeneration()),
            List.of(new Option("manual", "Manual Entry"),
                new Option("auto editable", "Auto-generated and Editable"),
                new Option("auto non-editable", "Auto-generated and Non-editable"))),
        new Parameter("SPL_interviewerNameRequired",
            "When Performing Data Entry, Interviewer Name Required For Data Entry",
            usage(p.getInterviewerName(), "yes", "no"),
            List.of(new Option("yes", "Yes"), new Option("no", "No"), new Option("not_used", "Not Used"))),
        new Parameter("SPL_interviewerNameDefault",
            "When Performing Data Entry, Interviewer Name Default as Blank",
            prefill(p.getInterviewerNameDefault()),
            List.of(new Option("blank", "Blank"), new Option("pre-populated", "Pre-Populated from active user"))),
        new Parameter("SPL_interviewDateRequired", "When Performing Data Entry, Interview Date Required",
            usage(p.getInterviewDate(), "true", "false"),
            List.of(new Option("true", "Yes"), new Option("false", "No"), new Option("not_used", "Not Used"))),
        new Parameter("SPL_interviewDateDefault",
            "When Performing Data Entry, Interview Date Default as Blank",
            prefill(p.getInterviewDateDefault()),
            List.of(new Option("blank", "Blank"), new Option("pre-populated", "Pre-Populated from Study Event"))),
        new Parameter("SPL_secondaryLabelViewable", "Secondary Label Viewable",
            String.valueOf(p.isSecondaryIdShown()), YES_NO),
        new Parameter("SPL_adminForcedReasonForChange",
            "Forced Reason For Change in Administrative Editing",
            String.valueOf(p.isAdminForcedReasonForChange()), YES_NO),
        new Parameter("SPL_eventLocationRequired", "Event Location Required",
            usage(p.getEventLocation(), "required", "optional"),
            List.of(new Option("required", "Required"), new Option("optional", "Optional"),
                new Option("not_used", "Not Used"))));
  }

  private static String dob(DateOfBirth d) {
    return switch (d) {
      case FULL -> "1";
      case YEAR_ONLY -> "2";
      case NOT_USED -> "3";
    };
  }

  private static String personId(Usage u) {
    return switch (u) {
      case REQUIRED -> "required";
      case OPTIONAL -> "optional";
      case NOT_USED -> "not used";
    };
  }

  private static String usage(Usage u, String required, String optional) {
    return switch (u) {
      case REQUIRED -> required;
      case OPTIONAL -> optional;
      case NOT_USED -> "not_used";
    };
  }

  private static String idGeneration(SubjectIdGeneration g) {
    return switch (g) {
      case MANUAL -> "manual";
      case AUTO_EDITABLE -> "auto editable";
      case AUTO_NON_EDITABLE -> "auto non-editable";
    };
  }

  private static String prefill(Prefill p) {
    return p == Prefill.BLANK ? "blank" : "pre-populated";
  }
}
