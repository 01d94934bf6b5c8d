package jp.ac.umin.libreclinica.core.signature;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Signatures, never deleted. */
public interface SignatureRepository extends JpaRepository<Signature, Long> {

  List<Signature> findByStudySubjectIdOrderBySignedAtDescIdDesc(long studySubjectId);

  List<Signature> findByStudySubjectIdAndStatus(long studySubjectId, Signature.Status status);
}
