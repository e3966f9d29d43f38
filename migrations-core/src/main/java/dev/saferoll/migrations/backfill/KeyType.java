package dev.saferoll.migrations.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.UUID;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.StatementFailedException;

/** The Java type a key travels as: read from a batch query, kept as text in the progress table, bound back. */
enum KeyType {

    INTEGER {
        @Override
        Object read(ResultSet row, int column) throws SQLException {
            return row.getLong(column);
        }

        @Override
        Object fromText(String text) {
            return Long.parseLong(text);
        }
    },

    UUID_KEY {
        @Override
        Object read(ResultSet row, int column) throws SQLException {
            return row.getObject(column, UUID.class);
        }

        @Override
        Object fromText(String text) {
            return UUID.fromString(text);
        }
    },

    TEXT {
        @Override
        Object read(ResultSet row, int column) throws SQLException {
            return row.getString(column);
        }

        @Override
        Object fromText(String text) {
            return text;
        }
    };

    abstract Object read(ResultSet row, int column) throws SQLException;

    abstract Object fromText(String text);

    String toText(Object key) {
        return key.toString();
    }

    static KeyType probe(Connection connection, String probeQuery, String keyDescription) {
        try (PreparedStatement statement = connection.prepareStatement(probeQuery);
                ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData metaData = rows.getMetaData();
            int type = metaData.getColumnType(1);
            String typeName = metaData.getColumnTypeName(1);
            if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
                return INTEGER;
            }
            if (type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR || type == Types.NCHAR
                    || type == Types.LONGVARCHAR) {
                return TEXT;
            }
            if ("uuid".equals(typeName.toLowerCase(Locale.ROOT))) {
                return UUID_KEY;
            }
            throw new MigrationException(ErrorCode.INVALID_INPUT, "The backfill key " + keyDescription
                    + " has type " + typeName + "; use an integer, text or uuid column, ideally the primary key");
        }
        catch (SQLException ex) {
            throw new StatementFailedException(probeQuery, ex);
        }
    }
}
