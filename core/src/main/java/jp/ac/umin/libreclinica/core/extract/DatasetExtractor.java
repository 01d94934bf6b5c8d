package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a dataset's extract in one format as a zip. Implemented by {@code ZippedExtractor}. */
public interface DatasetExtractor {

  /**
   * Writes the extract to {@code out} as a zip whose entries are named from {@code baseName}
   * (e.g. {@code baseName + ".csv"}, or {@code .dat} and {@code .sps} for SPSS). Checks that
   * {@code actor} may extract data of the study or site. Streams: never the whole study in memory.
   */
  void write(
      String actor,
      String baseName,
      ExtractSpec spec,
      ExtractFormat format,
      OutputStream out,
      ExtractProgress progress)
      throws IOException;

  /** Progress and cancellation of a running extract; {@link #NONE} when nobody watches. */
  interface ExtractProgress {
    void progress(int done, int total);

    boolean cancelled();

    ExtractProgress NONE =
        new ExtractProgress() {
          @Override
          public void progress(int done, int total) {}

          @Override
          public boolean cancelled() {
            return false;
          }
        };
  }
}
