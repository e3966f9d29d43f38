package dev.saferoll.sample.migrations.catalog;

import org.springframework.stereotype.Component;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.schema.ColumnName;
import dev.saferoll.migrations.schema.ForeignKeyAction;
import dev.saferoll.migrations.schema.IndexName;
import dev.saferoll.migrations.schema.Schema;
import dev.saferoll.migrations.schema.TableName;

/**
 * Create product_reviews table, the sample's newest migration.
 * <p>
 * This migration is safely reversible because the table is new: until someone writes a review, dropping it loses
 * nothing. So {@code db:rollback 1} rolls it back, and the next start applies it again. Once reviews exist, Saferoll's
 * data-loss guard refuses the rollback unless forced.
 */
@Component
public class CreateProductReviewsTable implements Migration, SafelyReversible {

    @Override
    public void up(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.create(TableName.fromString("product_reviews"), (table) -> {
            table.id();
            table.bigInteger("product_id");
            table.bigInteger("user_id");
            table.integer("rating");
            table.text("body").nullable();
            table.timestamps();
            table.foreign("product_id").references("id").on("products").onDelete(ForeignKeyAction.CASCADE);
            table.check("product_reviews_rating_range", "rating BETWEEN 1 AND 5");
            table.index(ColumnName.fromString("product_id"), IndexName.fromString("idx_product_reviews_product_id"));
        });
        schema.execute();
    }

    @Override
    public void down(MigrationConnection connection) {
        Schema schema = new Schema(connection);
        schema.dropIfExists(TableName.fromString("product_reviews"));
        schema.execute();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromTimestamp("2024_06_01_090000");
    }

    @Override
    public String getDescription() {
        return "Create product_reviews table";
    }

    @Override
    public String getDomain() {
        return "Catalog";
    }
}
