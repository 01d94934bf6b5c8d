package jp.ac.umin.libreclinica.core.crf.definition;

import java.util.List;

/** A labelled list of options, shared by every item of a CRF version that names its label. */
public record ResponseSetDefinition(String label, List<ResponseOption> options) {

  public ResponseSetDefinition {
    options = List.copyOf(options);
  }
}
