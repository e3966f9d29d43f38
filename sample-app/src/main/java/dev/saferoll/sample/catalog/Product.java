package dev.saferoll.sample.catalog;

import java.math.BigDecimal;

/** A product in the catalog. */
public record Product(long id, String sku, String name, BigDecimal price) {
}
