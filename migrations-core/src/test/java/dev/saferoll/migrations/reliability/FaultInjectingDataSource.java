package dev.saferoll.migrations.reliability;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

/**
 * Halts the JVM at once, as a {@code kill -9} would, at a point the runner reaches on its connections: right after the
 * history row of a migration is inserted ({@value #AFTER_HISTORY_INSERT}), or right after the transaction holding it
 * commits ({@value #AFTER_COMMIT}). The runner knows nothing of it: the fault sits between it and the driver.
 */
final class FaultInjectingDataSource {

    static final String AFTER_HISTORY_INSERT = "after-history-insert";

    static final String AFTER_COMMIT = "after-commit";

    private FaultInjectingDataSource() {
    }

    static DataSource wrap(DataSource dataSource, String fault) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return (result instanceof Connection connection) ? connection(connection, fault) : result;
        });
    }

    private static Connection connection(Connection connection, String fault) {
        boolean[] historyInserted = new boolean[1];
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (method.getName().equals("commit") && historyInserted[0] && fault.equals(AFTER_COMMIT)) {
                halt();
            }
            if (method.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith("INSERT INTO ")
                    && String.valueOf(args[0]).contains("schema_migrations")) {
                return proxy(PreparedStatement.class, (PreparedStatement) result, (statement, call, callArgs) -> {
                    Object value = invoke(statement, call, callArgs);
                    if (call.getName().startsWith("execute")) {
                        historyInserted[0] = true;
                        if (fault.equals(AFTER_HISTORY_INSERT)) {
                            halt();
                        }
                    }
                    return value;
                });
            }
            return result;
        });
    }

    private static void halt() {
        Runtime.getRuntime().halt(137);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.invoke(target, method, args);
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, invocation);
    }

    @FunctionalInterface
    private interface Handler<T> {

        Object invoke(T target, Method method, Object[] args) throws Throwable;
    }
}
