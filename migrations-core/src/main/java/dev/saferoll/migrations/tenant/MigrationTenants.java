package dev.saferoll.migrations.tenant;

import java.util.List;

/**
 * The tenants to migrate, asked again on every fan-out and status read, so a tenant created at run time is included
 * from then on. With the Spring Boot starter, a bean of this type replaces {@code migrations.tenants.schemas}.
 */
@FunctionalInterface
public interface MigrationTenants {

    /** Every tenant, each id once. */
    List<Tenant> tenants();

    /** A fixed list of schemas in the application's database, each its own tenant. */
    static MigrationTenants ofSchemas(List<String> schemas) {
        List<Tenant> tenants = schemas.stream().map(Tenant::ofSchema).toList();
        return () -> tenants;
    }
}
