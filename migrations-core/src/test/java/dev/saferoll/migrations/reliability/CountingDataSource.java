package dev.saferoll.migrations.reliability;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/** Wraps a DataSource and counts the connections it hands out and the ones closed again. */
final class CountingDataSource {

    private final DataSource target;

    private final AtomicInteger opened = new AtomicInteger();

    private final AtomicInteger closed = new AtomicInteger();

    CountingDataSource(DataSource target) {
        this.target = target;
    }

    int opened() {
        return this.opened.get();
    }

    int closed() {
        return this.closed.get();
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    Object result = invoke(this.target, method, args);
                    if (method.getName().equals("getConnection")) {
                        this.opened.incrementAndGet();
                        return counted((Connection) result);
                    }
                    return result;
                });
    }

    private Connection counted(Connection connection) {
        boolean[] done = new boolean[1];
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !done[0]) {
                        done[0] = true;
                        this.closed.incrementAndGet();
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
