-- Products, from a SQL file.
CREATE TABLE products (id bigint PRIMARY KEY, name varchar(100) NOT NULL);
