package dev.saferoll.migrations.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Counts the calls that cost a database round trip: statement executions, commits, rollbacks, validity checks and
 * metadata queries. A Saferoll run that decides there is nothing to do must need the same count whatever N is.
 */
final class CountingDataSource implements DataSource {

    private static final Set<String> ROUND_TRIPS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch", "commit", "rollback", "isValid");

    private final DataSource delegate;

    private final AtomicLong count = new AtomicLong();

    CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    long reset() {
        return this.count.getAndSet(0);
    }

    long count() {
        return this.count.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return proxy(Connection.class, this.delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return proxy(Connection.class, this.delegate.getConnection(username, password));
    }

    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, arguments) -> invoke(target, method, arguments);
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler));
    }

    private Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        if (ROUND_TRIPS.contains(method.getName())) {
            this.count.incrementAndGet();
        }
        else if (target instanceof DatabaseMetaData && ResultSet.class.equals(method.getReturnType())) {
            this.count.incrementAndGet();
        }
        Object result;
        try {
            result = method.invoke(target, arguments);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
        if (result instanceof CallableStatement callable) {
            return proxy(CallableStatement.class, callable);
        }
        if (result instanceof PreparedStatement prepared) {
            return proxy(PreparedStatement.class, prepared);
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement);
        }
        if (result instanceof DatabaseMetaData metaData) {
            return proxy(DatabaseMetaData.class, metaData);
        }
        return result;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return this.delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        this.delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        this.delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return this.delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return this.delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return this.delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return this.delegate.isWrapperFor(type);
    }
}
