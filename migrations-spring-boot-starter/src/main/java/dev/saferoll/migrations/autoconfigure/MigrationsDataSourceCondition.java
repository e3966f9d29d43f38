package dev.saferoll.migrations.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

/** Migrations have a database: a single DataSource, a {@code migrations.datasource.url}, or a qualified bean. */
final class MigrationsDataSourceCondition extends AnyNestedCondition {

    MigrationsDataSourceCondition() {
        super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnSingleCandidate(DataSource.class)
    private static final class SingleDataSource {

    }

    @ConditionalOnProperty("migrations.datasource.url")
    private static final class DataSourceUrl {

    }

    @ConditionalOnBean(value = DataSource.class, annotation = MigrationsDataSource.class)
    private static final class QualifiedDataSource {

    }

    /** Migrations have no database: none of the above. */
    static final class None extends NoneNestedConditions {

        None() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(MigrationsDataSourceCondition.class)
        private static final class HasDataSource {

        }
    }
}
