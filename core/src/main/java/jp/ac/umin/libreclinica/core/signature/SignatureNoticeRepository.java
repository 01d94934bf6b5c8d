package jp.ac.umin.libreclinica.core.signature;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Notices to signers. */
public interface SignatureNoticeRepository extends JpaRepository<SignatureNotice, Long> {

  List<SignatureNotice> findByRecipientIgnoreCaseAndReadAtIsNullOrderByCreatedAtDesc(String recipient);
}
