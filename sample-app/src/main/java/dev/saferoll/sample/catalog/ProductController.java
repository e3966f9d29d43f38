package dev.saferoll.sample.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Products: the {@code products} table the Catalog migration creates. */
@RestController
@RequestMapping("/api/products")
class ProductController {

    private final JdbcClient jdbc;

    ProductController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<Product> list() {
        return this.jdbc.sql("SELECT id, sku, name, price FROM products ORDER BY id").query(Product.class).list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Product create(@RequestBody NewProduct product) {
        try {
            return this.jdbc.sql("INSERT INTO products (sku, name, price, created_at, updated_at) "
                    + "VALUES (?, ?, ?, now(), now()) RETURNING id, sku, name, price")
                .params(product.sku(), product.name(), product.price())
                .query(Product.class)
                .single();
        }
        catch (DataIntegrityViolationException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Product rejected by the database: duplicate sku or negative price");
        }
    }

    record NewProduct(String sku, String name, BigDecimal price) {
    }
}
