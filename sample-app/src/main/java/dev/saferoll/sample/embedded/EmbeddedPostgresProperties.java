package dev.saferoll.sample.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL the sample runs on when no {@code spring.datasource.url} is given.
 * @param port the port it listens on
 * @param dataDirectory where it keeps its data, relative to the working directory; kept between runs
 */
@ConfigurationProperties("sample.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("54329") int port,
        @DefaultValue(".saferoll/postgres") String dataDirectory) {
}
