package com.misdeliveryguard.app.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A database that fails at commit time, on demand: registered as a bean, it wraps the
 * application's {@link DataSource} so that, while {@link #failCommits} is on, every
 * {@link Connection#commit()} throws (as H2 does after it closed itself on a full disk) and the
 * transaction is rolled back instead. Everything else passes through untouched.
 */
public final class CommitFaults implements BeanPostProcessor {

    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger failed = new AtomicInteger();

    /** Turns the fault on or off. */
    public void failCommits(boolean on) {
        failing.set(on);
    }

    /** Commits refused so far. */
    public int failedCommits() {
        return failed.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Wrapped)) {
            return new Wrapped(dataSource);
        }
        return bean;
    }

    private final class Wrapped extends DelegatingDataSource {
        Wrapped(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commit") && failing.get()) {
                failed.incrementAndGet();
                connection.rollback();
                throw new SQLTransientConnectionException("simulated: the database has been closed (commit failed)");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(CommitFaults.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }
}
