-- saferoll:no-transaction
-- Index invoices user id: GET /api/invoices?userId= filters on it, and deleting a user makes PostgreSQL look for
-- that user's invoices (the foreign key's ON DELETE RESTRICT). Without an index both read the whole table.
-- CONCURRENTLY keeps inserts into invoices going while the index builds; PostgreSQL refuses it inside a
-- transaction, hence the first line. If the build fails it leaves an INVALID index behind: drop it, then
-- run db:reset 2024_03_15_090000.
CREATE INDEX CONCURRENTLY idx_invoices_user_id ON invoices (user_id);
