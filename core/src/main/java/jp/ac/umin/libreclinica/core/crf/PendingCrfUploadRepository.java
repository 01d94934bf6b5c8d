package jp.ac.umin.libreclinica.core.crf;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface PendingCrfUploadRepository extends JpaRepository<PendingCrfUpload, String> {

  @Modifying
  @Query("delete from PendingCrfUpload p where p.createdAt < ?1")
  int deleteCreatedBefore(Instant cutoff);

  @Query("select p.token from PendingCrfUpload p where p.userName = ?1 order by p.createdAt desc")
  List<String> tokensOf(String userName);
}
