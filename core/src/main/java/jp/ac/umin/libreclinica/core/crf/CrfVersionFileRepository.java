package jp.ac.umin.libreclinica.core.crf;

import org.springframework.data.jpa.repository.JpaRepository;

interface CrfVersionFileRepository extends JpaRepository<CrfVersionFile, Long> {}
