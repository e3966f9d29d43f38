package dev.saferoll.sample.migrations.catalog;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * Create products table, with a CHECK constraint on the price.
 * <p>
 * This migration is safely reversible because the table is new. Once products are added, Saferoll's data-loss guard
 * refuses to drop it unless forced.
 */
@Component
public class CreateProductsTable implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.create(TableName.fromString("products"), (table) -> {
            table.id();
            table.string("sku", 32).unique();
            table.string("name");
            table.decimal("price", 10, 2);
            table.timestamps();
            table.check("products_price_not_negative", "price >= 0");
        });
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.dropIfExists(TableName.fromString("products"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_04_01_090000");
    }

    @Override
    public String getDescription() {
        return "Create products table";
    }

    @Override
    public String getDomain() {
        return "Catalog";
    }
}
