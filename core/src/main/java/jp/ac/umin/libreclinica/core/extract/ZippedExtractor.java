package jp.ac.umin.libreclinica.core.extract;

import java.io.IOException;
import java.io.OutputStream;
import org.springframework.stereotype.Service;

/** Writes dataset extracts as zips (skeleton; formats follow). */
@Service("ZippedExtractor")
public class ZippedExtractor implements DatasetExtractor {

  @Override
  public void write(
      String actor,
      String baseName,
      ExtractSpec spec,
      ExtractFormat format,
      OutputStream out,
      ExtractProgress progress)
      throws IOException {
    throw new UnsupportedOperationException("extract format " + format + " is not built yet");
  }
}
