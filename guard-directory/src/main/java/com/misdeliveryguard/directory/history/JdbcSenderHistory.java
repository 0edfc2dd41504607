package com.misdeliveryguard.directory.history;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link SenderHistory} in the table {@code dir_sender_history} (H2 and PostgreSQL): one row per sender
 * and recipient with the number of deliveries and the first and last of them.
 *
 * <ul>
 *   <li><b>Bounded</b>: a sender keeps at most {@code perSender} correspondents; recording a new one beyond
 *       that deletes the least recently written-to.</li>
 *   <li><b>Expiring</b>: {@link #correspondentsOf} reads only rows written to within the retention;
 *       {@link #expire} deletes the older ones (the application calls it daily).</li>
 * </ul>
 * Failures surface as {@link DirectoryUnavailableException}.
 */
public final class JdbcSenderHistory implements SenderHistory {

    private final DataSource dataSource;
    private final int perSender;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param perSender correspondents kept per sender, positive
     * @param retention how long after the last delivery a correspondent is remembered
     */
    public JdbcSenderHistory(DataSource dataSource, int perSender, Duration retention, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (perSender < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("perSender and retention must be positive");
        }
        this.perSender = perSender;
        this.retention = retention;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(MailAddress sender, MailAddress recipient, Instant at) {
        try (Connection connection = dataSource.getConnection()) {
            record(connection, sender, recipient, at);
        } catch (SQLException e) {
            throw failure("record", e);
        }
    }

    /** The recipients of one message in one transaction: one commit instead of one per recipient (ADR 0014). */
    @Override
    public void recordAll(MailAddress sender, List<MailAddress> recipients, Instant at) {
        if (!recipients.isEmpty()) {
            recordEach(List.of(new Delivery(sender, recipients, at)));
        }
    }

    /** Every recipient of these deliveries in one transaction: one commit for all of them (ADR 0014). */
    @Override
    public void recordEach(List<Delivery> deliveries) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (Delivery delivery : deliveries) {
                    for (MailAddress recipient : delivery.recipients()) {
                        record(connection, delivery.sender(), recipient, delivery.at());
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure("record", e);
        }
    }

    private void record(Connection connection, MailAddress sender, MailAddress recipient, Instant at)
            throws SQLException {
        String senderKey = ContactAddresses.key(sender);
        String recipientKey = ContactAddresses.key(recipient);
        OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        if (update(connection, senderKey, recipientKey, time) == 0) {
            // another writer may insert the same new pair at the same time; then this insert fails and the update
            // is retried. Inside a transaction PostgreSQL aborts the whole transaction on a failed statement, so
            // the insert runs under a savepoint that the retry rolls back to.
            Savepoint beforeInsert = connection.getAutoCommit() ? null : connection.setSavepoint();
            try {
                insert(connection, senderKey, recipientKey, recipient, time);
            } catch (SQLException raced) {
                if (beforeInsert != null) {
                    connection.rollback(beforeInsert);
                }
                if (update(connection, senderKey, recipientKey, time) == 0) {
                    throw raced;
                }
                return;
            }
            if (beforeInsert != null) {
                connection.releaseSavepoint(beforeInsert);
            }
            trim(connection, senderKey);
        }
    }

    private static int update(Connection connection, String sender, String recipient, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE dir_sender_history"
                + " SET deliveries = deliveries + 1, last_at = CASE WHEN last_at < ? THEN ? ELSE last_at END"
                + " WHERE sender_key = ? AND recipient_key = ?")) {
            update.setObject(1, at);
            update.setObject(2, at);
            update.setString(3, sender);
            update.setString(4, recipient);
            return update.executeUpdate();
        }
    }

    private static void insert(Connection connection, String sender, String recipientKey, MailAddress recipient,
            OffsetDateTime at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dir_sender_history"
                + " (sender_key, recipient_key, recipient, deliveries, first_at, last_at) VALUES (?, ?, ?, 1, ?, ?)")) {
            insert.setString(1, sender);
            insert.setString(2, recipientKey);
            insert.setString(3, recipient.toString());
            insert.setObject(4, at);
            insert.setObject(5, at);
            insert.executeUpdate();
        }
    }

    /** Deletes the sender's least recently written-to rows beyond {@code perSender}. */
    private void trim(Connection connection, String sender) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dir_sender_history"
                + " WHERE sender_key = ? AND recipient_key IN (SELECT recipient_key FROM dir_sender_history"
                + " WHERE sender_key = ? ORDER BY last_at DESC, recipient_key OFFSET " + perSender + " ROWS)")) {
            delete.setString(1, sender);
            delete.setString(2, sender);
            delete.executeUpdate();
        }
    }

    @Override
    public List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
        OffsetDateTime since = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT recipient, deliveries, last_at"
                        + " FROM dir_sender_history WHERE sender_key = ? AND last_at >= ?"
                        + " ORDER BY deliveries DESC, last_at DESC, recipient_key FETCH FIRST " + Math.max(0, limit)
                        + " ROWS ONLY")) {
            select.setString(1, ContactAddresses.key(sender));
            select.setObject(2, since);
            List<Correspondent> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new Correspondent(MailAddress.of(rows.getString(1)), rows.getInt(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure("lookup", e);
        }
    }

    /** Deletes every correspondent last written to before the retention; returns how many. */
    public int expire() {
        OffsetDateTime before = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM dir_sender_history WHERE last_at < ?")) {
            delete.setObject(1, before);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("expiry", e);
        }
    }

    private static DirectoryUnavailableException failure(String what, SQLException e) {
        return new DirectoryUnavailableException("sender history " + what + " failed: " + e.getMessage(), e);
    }
}
