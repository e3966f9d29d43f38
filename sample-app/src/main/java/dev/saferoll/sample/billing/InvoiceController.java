package dev.saferoll.sample.billing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Invoices: the {@code invoices} table the Billing migrations create, guarded by its CHECK constraints. */
@RestController
@RequestMapping("/api/invoices")
class InvoiceController {

    private static final String SELECT = "SELECT id, user_id, number, amount_cents, currency, status FROM invoices";

    private final JdbcClient jdbc;

    InvoiceController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<Invoice> list(@RequestParam(required = false) @Nullable Long userId) {
        if (userId != null) {
            return this.jdbc.sql(SELECT + " WHERE user_id = ? ORDER BY id").param(userId).query(Invoice.class).list();
        }
        return this.jdbc.sql(SELECT + " ORDER BY id").query(Invoice.class).list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Invoice create(@RequestBody NewInvoice invoice) {
        try {
            return this.jdbc.sql("INSERT INTO invoices (user_id, number, amount_cents, created_at, updated_at) "
                    + "VALUES (?, ?, ?, now(), now()) RETURNING id, user_id, number, amount_cents, currency, status")
                .params(invoice.userId(), invoice.number(), invoice.amountCents())
                .query(Invoice.class)
                .single();
        }
        catch (DataIntegrityViolationException ex) {
            // The CHECK, UNIQUE and FOREIGN KEY constraints the migrations added are the validation.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Invoice rejected by the database: unknown user, duplicate number or negative amount");
        }
    }

    record NewInvoice(long userId, String number, long amountCents) {
    }
}
