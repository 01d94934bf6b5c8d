package jp.ac.umin.libreclinica.core.database;

import java.util.Locale;
import jp.ac.umin.libreclinica.core.startup.StartupMessages;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a database that cannot be used at startup in one message naming the setting to
 * change (LC_DB_URL, LC_DB_USER, LC_DB_PASSWORD, LC_HOME, ...), in the server's language.
 */
public class DatabaseFailureAnalyzer implements FailureAnalyzer, Ordered {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    return analyze(failure, Locale.getDefault());
  }

  FailureAnalysis analyze(Throwable failure, Locale locale) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ExternalDatabaseException e) {
        return external(e, locale);
      }
      if (t instanceof EmbeddedDatabaseException e) {
        return embedded(e, locale);
      }
    }
    return null;
  }

  private static FailureAnalysis external(ExternalDatabaseException e, Locale locale) {
    String key =
        switch (e.getProblem()) {
          case INVALID_URL -> "startup.db.external.invalidUrl";
          case UNREACHABLE -> "startup.db.external.unreachable";
          case AUTHENTICATION -> "startup.db.external.authentication";
          case DATABASE_MISSING -> "startup.db.external.databaseMissing";
          case OTHER -> "startup.db.external.other";
        };
    Object[] args = {
      e.getLocation(), e.getUser() == null ? "" : e.getUser(), e.getCauseSummary()
    };
    return new FailureAnalysis(
        StartupMessages.get(locale, key + ".description", args),
        StartupMessages.get(locale, key + ".action", args),
        e);
  }

  private static FailureAnalysis embedded(EmbeddedDatabaseException e, Locale locale) {
    String key =
        switch (e.getProblem()) {
          case DIRECTORY_NOT_WRITABLE -> "startup.db.embedded.dirNotWritable";
          case DIRECTORY_IN_USE -> "startup.db.embedded.dirInUse";
          case SERVER_STILL_RUNNING -> "startup.db.embedded.serverStillRunning";
          case START_FAILED -> "startup.db.embedded.startFailed";
        };
    String detail = e.getProblem() == EmbeddedDatabaseException.Problem.SERVER_STILL_RUNNING
        ? String.valueOf(e.getPid())
        : e.getCauseSummary();
    Object[] args = {String.valueOf(e.getDirectory()), detail};
    return new FailureAnalysis(
        StartupMessages.get(locale, key + ".description", args),
        StartupMessages.get(locale, key + ".action", args),
        e);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
