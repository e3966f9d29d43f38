package dev.saferoll.migrations.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@link javax.sql.DataSource} that migrations use instead of the application's, for example one that
 * connects as a role with DDL rights, or straight to PostgreSQL rather than through a transaction-mode pooler (the
 * migration lock needs a session of its own). Status reads, the endpoint and the commands use it too. If it is the
 * only DataSource, mark it {@code @Primary} as well.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MigrationsDataSource {

}
