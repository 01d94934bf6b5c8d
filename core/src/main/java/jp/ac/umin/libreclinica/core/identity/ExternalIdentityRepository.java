package jp.ac.umin.libreclinica.core.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Every external identity, live or unlinked. */
public interface ExternalIdentityRepository extends JpaRepository<ExternalIdentity, Long> {

  List<ExternalIdentity> findByAccountIdOrderByIdAsc(long accountId);

  Optional<ExternalIdentity> findByProviderAndSubjectAndStatus(
      String provider, String subject, IdentityStatus status);

  @Query(
      "select i from ExternalIdentity i where i.provider = :provider"
          + " and lower(i.displayId) = lower(:displayId) and i.status = :status")
  List<ExternalIdentity> findByDisplayId(
      @Param("provider") String provider,
      @Param("displayId") String displayId,
      @Param("status") IdentityStatus status);
}
