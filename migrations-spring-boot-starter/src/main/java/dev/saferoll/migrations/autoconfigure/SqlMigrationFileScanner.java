package dev.saferoll.migrations.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.sqlfile.SqlFile;

/**
 * Finds the SQL migration files under {@code migrations.locations}: every {@code *.sql} below each location, with the
 * sub-folder it sits in (its domain). A location that does not exist holds no files.
 */
final class SqlMigrationFileScanner {

    private final ResourcePatternResolver resolver;

    SqlMigrationFileScanner(ResourcePatternResolver resolver) {
        this.resolver = resolver;
    }

    List<SqlFile> scan(List<String> locations) {
        List<SqlFile> files = new ArrayList<>();
        for (String location : locations) {
            files.addAll(scan(location));
        }
        return files;
    }

    private List<SqlFile> scan(String location) {
        String root = root(location);
        String pattern = (location.startsWith("classpath:") ? "classpath*:" + location.substring("classpath:".length())
                : location).replaceAll("/+$", "") + "/**/*.sql";
        try {
            List<SqlFile> files = new ArrayList<>();
            Resource[] resources = this.resolver.getResources(pattern);
            for (Resource resource : resources) {
                if (!resource.isReadable()) {
                    continue;
                }
                String path = resource.getURL().toString();
                int at = path.lastIndexOf("/" + root + "/");
                String relative = (at >= 0) ? path.substring(at + root.length() + 2)
                        : String.valueOf(resource.getFilename());
                int slash = relative.lastIndexOf('/');
                String folder = (slash >= 0) ? relative.substring(0, slash) : "";
                String fileName = (slash >= 0) ? relative.substring(slash + 1) : relative;
                files.add(new SqlFile(location.replaceAll("/+$", "") + "/" + relative, folder, fileName,
                        read(resource)));
            }
            files.sort(Comparator.comparing(SqlFile::location));
            return files;
        }
        catch (IOException ex) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Could not read the SQL migrations under '"
                    + location + "': " + ex.getMessage(), "Check migrations.locations (classpath: or file: locations, "
                            + "for example classpath:db/migrations)", ex);
        }
    }

    private static String root(String location) {
        String path = location;
        for (String prefix : List.of("classpath*:", "classpath:", "file:")) {
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
            }
        }
        return path.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    private static String read(Resource resource) {
        try (InputStream input = resource.getInputStream()) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + resource.getDescription(), ex);
        }
    }
}
