package dev.saferoll.migrations.tenant;

import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.schema.TableName;

/**
 * One tenant: where its migrations run and its history is kept.
 * @param id how the tenant is named in logs, the endpoint and the commands
 * @param schema the tenant's schema, or {@code null} for its data source's own
 * @param dataSource the tenant's own database, or {@code null} for the application's
 */
public record Tenant(String id, @Nullable String schema, @Nullable DataSource dataSource) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public Tenant {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Invalid tenant id '" + id + "'",
                    "Use 1 to 128 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'");
        }
        if (schema != null) {
            new TableName(schema, "t"); // validates the schema name
        }
        if (schema == null && dataSource == null) {
            throw new MigrationException(ErrorCode.INVALID_INPUT, "Tenant '" + id + "' names neither a schema nor a "
                    + "data source", "Use Tenant.ofSchema(schema) or Tenant.ofDatabase(id, dataSource)");
        }
    }

    /** A tenant whose tables live in the schema of this name, in the application's database. */
    public static Tenant ofSchema(String schema) {
        return new Tenant(schema, schema, null);
    }

    /** A tenant with a database of its own, migrated in that database's default schema. */
    public static Tenant ofDatabase(String id, DataSource dataSource) {
        return new Tenant(id, null, dataSource);
    }

    /** A tenant with a database of its own, migrated in the given schema of that database. */
    public static Tenant ofDatabase(String id, DataSource dataSource, String schema) {
        return new Tenant(id, schema, dataSource);
    }

    @Override
    public String toString() {
        return this.id;
    }
}
