package org.openlearning.search.reindex;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A dedicated PostgreSQL connection that LISTENs on {@code catalog_outbox}, which the outbox
 * triggers notify in the changing transaction. Not a pooled connection: LISTEN is session state,
 * and the connection sits in {@link #await} most of its life.
 */
final class OutboxListener implements AutoCloseable {

    static final String CHANNEL = "catalog_outbox";

    private final Connection connection;
    private final PGConnection pg;

    private OutboxListener(Connection connection) throws SQLException {
        this.connection = connection;
        this.pg = connection.unwrap(PGConnection.class);
    }

    static OutboxListener open(String url, String user, String password) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement s = connection.createStatement()) {
            connection.setAutoCommit(true);
            s.execute("LISTEN " + CHANNEL);
            return new OutboxListener(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Waits up to {@code timeout} for a notification; true when one (or more) came. */
    boolean await(Duration timeout) throws SQLException {
        PGNotification[] notifications = pg.getNotifications((int) Math.max(1, timeout.toMillis()));
        return notifications != null && notifications.length > 0;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being dropped because it failed; nothing more to release
        }
    }
}
