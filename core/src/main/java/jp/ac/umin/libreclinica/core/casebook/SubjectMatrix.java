package jp.ac.umin.libreclinica.core.casebook;

import java.util.List;
import jp.ac.umin.libreclinica.core.event.StudyEventDefinition;
import jp.ac.umin.libreclinica.core.study.Study;
import org.springframework.data.domain.Page;

/**
 * A page of the subject matrix of a study or site.
 *
 * @param scope the study or site shown
 * @param parent the parent study (the scope itself when it is a study)
 * @param columns the available event definitions, in their order
 * @param siteCounts subjects per site (and study level) under the filters other than the site
 */
public record SubjectMatrix(
    Study scope,
    Study parent,
    List<StudyEventDefinition> columns,
    Page<MatrixRow> rows,
    List<SiteCount> siteCounts) {}
