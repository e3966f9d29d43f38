package dev.saferoll.migrations.internal.check;

import java.util.List;
import java.util.Set;

import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlToken;

/**
 * Whether a column default is volatile, so that PostgreSQL 11+ must rewrite the table to fill existing rows. A default
 * without function calls is constant. Calls to functions known to be immutable or stable ({@code now()},
 * {@code lower()}) are evaluated once; any other call ({@code random()}, {@code gen_random_uuid()},
 * {@code clock_timestamp()}, {@code nextval()}, a function of your own) may be volatile and counts as such.
 */
final class Defaults {

    private static final Set<String> NOT_VOLATILE = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "current_setting",
            "current_user", "current_schema", "lower", "upper", "trim", "btrim", "ltrim", "rtrim", "concat",
            "concat_ws", "coalesce", "nullif", "greatest", "least", "cast", "row", "array", "jsonb_build_object",
            "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb", "to_json", "make_date",
            "make_time", "make_timestamp", "make_timestamptz", "make_interval", "date_trunc", "length", "abs", "round",
            "replace", "substring", "left", "right", "md5", "to_char", "to_date", "to_timestamp", "timezone",
            "extract", "date_part", "array_fill");

    private Defaults() {
    }

    static boolean isVolatile(SqlFragment expression) {
        List<SqlToken> tokens = expression.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            boolean call = token.kind() == SqlToken.Kind.WORD && tokens.get(i + 1).is("(");
            boolean typeModifier = i > 0 && (tokens.get(i - 1).is("::") || tokens.get(i - 1).is("as"));
            if (call && !typeModifier && !NOT_VOLATILE.contains(token.value())) {
                return true;
            }
        }
        return false;
    }
}
