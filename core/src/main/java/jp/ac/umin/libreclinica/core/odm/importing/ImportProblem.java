package jp.ac.umin.libreclinica.core.odm.importing;

import java.util.Arrays;
import java.util.List;

/**
 * One finding about an ODM file: where (XML line, the OID concerned), and what (a message key
 * with its arguments). Errors stop the import; warnings (unknown extension elements, known
 * LibreClinica schema deviations) do not.
 */
public record ImportProblem(int line, String oid, String messageKey, List<Object> arguments, boolean warning) {

  public static ImportProblem error(int line, String oid, String messageKey, Object... arguments) {
    return new ImportProblem(line, oid, messageKey, Arrays.asList(arguments), false);
  }

  public static ImportProblem warning(int line, String oid, String messageKey, Object... arguments) {
    return new ImportProblem(line, oid, messageKey, Arrays.asList(arguments), true);
  }
}
