package dev.saferoll.sample.embedded;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts a real PostgreSQL from a Maven artifact, so the sample runs on a machine with no database installed. Its data
 * survives restarts (status and history stay), and it stops with the application, after the web server and the
 * connection pool. A {@code db:*} command run while the sample runs uses the sample's server. Backs off as soon as
 * {@code spring.datasource.url} is set, for example through {@code SPRING_DATASOURCE_URL}, and when something else
 * supplies the connection as a {@link JdbcConnectionDetails} bean: a Testcontainers {@code @ServiceConnection} in a
 * test, or Docker Compose.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    SamplePostgres samplePostgres(EmbeddedPostgresProperties properties) throws IOException {
        return SamplePostgres.startOrJoin(Path.of(properties.dataDirectory()).toAbsolutePath(), properties.port());
    }

    /** Depends on the server, so Spring closes the pool before it stops the server. */
    @Bean(destroyMethod = "close")
    DataSource dataSource(SamplePostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setPoolName("sample-embedded");
        dataSource.setMaximumPoolSize(5);
        return dataSource;
    }

    static class NoDataSourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
