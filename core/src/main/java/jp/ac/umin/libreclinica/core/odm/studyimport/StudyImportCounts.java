package jp.ac.umin.libreclinica.core.odm.studyimport;

/** What an extract holds (preview) or what became of it (result). */
public record StudyImportCounts(
    int sites,
    int events,
    int crfs,
    int crfVersions,
    int items,
    int subjects,
    int studyEvents,
    int forms,
    int values,
    int notes,
    int auditLogs) {

  /** As stored with an import: {@code sites=4;events=4;...}. */
  public String encode() {
    return "sites=" + sites + ";events=" + events + ";crfs=" + crfs + ";crfVersions=" + crfVersions
        + ";items=" + items + ";subjects=" + subjects + ";studyEvents=" + studyEvents + ";forms=" + forms
        + ";values=" + values + ";notes=" + notes + ";auditLogs=" + auditLogs;
  }

  public static StudyImportCounts decode(String s) {
    java.util.Map<String, Integer> m = new java.util.HashMap<>();
    if (s != null) {
      for (String part : s.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          m.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
        }
      }
    }
    return new StudyImportCounts(m.getOrDefault("sites", 0), m.getOrDefault("events", 0),
        m.getOrDefault("crfs", 0), m.getOrDefault("crfVersions", 0), m.getOrDefault("items", 0),
        m.getOrDefault("subjects", 0), m.getOrDefault("studyEvents", 0), m.getOrDefault("forms", 0),
        m.getOrDefault("values", 0), m.getOrDefault("notes", 0), m.getOrDefault("auditLogs", 0));
  }
}
