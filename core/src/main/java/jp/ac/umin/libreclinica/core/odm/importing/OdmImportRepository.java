package jp.ac.umin.libreclinica.core.odm.importing;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OdmImportRepository extends JpaRepository<OdmImport, Long> {

  List<OdmImport> findByStudyIdOrderByIdDesc(long studyId, Pageable page);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("SELECT i FROM OdmImport i WHERE i.id = :id")
  Optional<OdmImport> findForUpdate(long id);
}
