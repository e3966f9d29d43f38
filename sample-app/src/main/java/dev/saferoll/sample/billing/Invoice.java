package dev.saferoll.sample.billing;

/** An invoice; amounts are in cents. */
public record Invoice(long id, long userId, String number, long amountCents, String currency, String status) {
}
