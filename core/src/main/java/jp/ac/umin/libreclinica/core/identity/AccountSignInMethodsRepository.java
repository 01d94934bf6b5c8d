package jp.ac.umin.libreclinica.core.identity;

import org.springframework.data.jpa.repository.JpaRepository;

/** The accounts whose ways of signing in differ from the default. */
public interface AccountSignInMethodsRepository extends JpaRepository<AccountSignInMethods, Long> {}
