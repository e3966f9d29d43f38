package dev.saferoll.sample.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample starts its own PostgreSQL only when nothing else says where the database is: neither
 * {@code spring.datasource.url} nor a {@link JdbcConnectionDetails} bean, which is what a Testcontainers
 * {@code @ServiceConnection} registers before the context refreshes.
 */
class EmbeddedPostgresConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(EmbeddedPostgresConfiguration.class);

    @TempDir
    Path directory;

    @Test
    void startsPostgresWhenNothingNamesADatabase() throws IOException {
        this.contextRunner
            .withPropertyValues("sample.embedded-postgres.port=" + freePort(),
                    "sample.embedded-postgres.data-directory=" + this.directory.resolve("postgres"))
            .run((context) -> {
                assertThat(context).hasSingleBean(SamplePostgres.class).hasSingleBean(DataSource.class);
                try (var connection = context.getBean(DataSource.class).getConnection()) {
                    assertThat(connection.isValid(5)).isTrue();
                }
            });
    }

    @Test
    void backsOffWhenTheDataSourceUrlIsSet() {
        this.contextRunner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.com/shop")
            .run((context) -> assertThat(context).doesNotHaveBean(SamplePostgres.class)
                .doesNotHaveBean(DataSource.class));
    }

    @Test
    void backsOffWhenAServiceConnectionSuppliesTheDatabase() {
        this.contextRunner.withBean(JdbcConnectionDetails.class, ContainerConnection::new)
            .run((context) -> assertThat(context).doesNotHaveBean(SamplePostgres.class)
                .doesNotHaveBean(DataSource.class));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stands in for the connection details that {@code @ServiceConnection} derives from a container. */
    static class ContainerConnection implements JdbcConnectionDetails {

        @Override
        public String getUsername() {
            return "test";
        }

        @Override
        public String getPassword() {
            return "test";
        }

        @Override
        public String getJdbcUrl() {
            return "jdbc:postgresql://localhost:32768/test";
        }
    }
}
