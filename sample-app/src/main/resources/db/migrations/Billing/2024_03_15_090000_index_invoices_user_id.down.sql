-- Undoes: Index invoices user id. Dropping an index loses no data. Like its migration, it runs outside a
-- transaction, so it can drop the index CONCURRENTLY without blocking queries on invoices.
DROP INDEX CONCURRENTLY IF EXISTS idx_invoices_user_id;
