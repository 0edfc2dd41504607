package com.misdeliveryguard.directory.learned;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link LearnedRecipients} in the table {@code dir_learned_recipient}. */
public final class JdbcLearnedRecipients implements LearnedRecipients {

    private static final String SELECT = "SELECT sender, recipient, learned_at, source_message_id"
            + " FROM dir_learned_recipient ";

    private final DataSource dataSource;

    public JdbcLearnedRecipients(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void learn(LearnedRecipient learned) {
        try (Connection connection = dataSource.getConnection()) {
            if (update(connection, learned) == 0) {
                try {
                    insert(connection, learned);
                } catch (SQLException raced) {
                    if (update(connection, learned) == 0) {
                        throw raced;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("learn", e);
        }
    }

    private static int update(Connection connection, LearnedRecipient learned) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE dir_learned_recipient"
                + " SET sender = ?, recipient = ?, learned_at = ?, source_message_id = ?"
                + " WHERE sender_key = ? AND recipient_key = ?")) {
            update.setString(1, learned.sender().toString());
            update.setString(2, learned.recipient().toString());
            update.setObject(3, OffsetDateTime.ofInstant(learned.learnedAt(), ZoneOffset.UTC));
            setMessageId(update, 4, learned);
            update.setString(5, ContactAddresses.key(learned.sender()));
            update.setString(6, ContactAddresses.key(learned.recipient()));
            return update.executeUpdate();
        }
    }

    private static void insert(Connection connection, LearnedRecipient learned) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dir_learned_recipient"
                + " (sender_key, recipient_key, sender, recipient, learned_at, source_message_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, ContactAddresses.key(learned.sender()));
            insert.setString(2, ContactAddresses.key(learned.recipient()));
            insert.setString(3, learned.sender().toString());
            insert.setString(4, learned.recipient().toString());
            insert.setObject(5, OffsetDateTime.ofInstant(learned.learnedAt(), ZoneOffset.UTC));
            setMessageId(insert, 6, learned);
            insert.executeUpdate();
        }
    }

    private static void setMessageId(PreparedStatement statement, int index, LearnedRecipient learned)
            throws SQLException {
        if (learned.sourceMessageId().isPresent()) {
            statement.setString(index, learned.sourceMessageId().get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public Optional<LearnedRecipient> find(MailAddress sender, MailAddress recipient) {
        List<LearnedRecipient> found = query(SELECT + "WHERE sender_key = ? AND recipient_key = ?",
                ContactAddresses.key(sender), ContactAddresses.key(recipient));
        return found.stream().findFirst();
    }

    @Override
    public List<LearnedRecipient> learnedBy(MailAddress sender, int limit) {
        return query(SELECT + "WHERE sender_key = ? ORDER BY learned_at DESC, recipient_key FETCH FIRST "
                + Math.max(0, limit) + " ROWS ONLY", ContactAddresses.key(sender));
    }

    @Override
    public boolean forget(MailAddress sender, MailAddress recipient) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM dir_learned_recipient WHERE sender_key = ? AND recipient_key = ?")) {
            delete.setString(1, ContactAddresses.key(sender));
            delete.setString(2, ContactAddresses.key(recipient));
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("forget", e);
        }
    }

    private List<LearnedRecipient> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<LearnedRecipient> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(new LearnedRecipient(MailAddress.of(rows.getString(1)), MailAddress.of(rows.getString(2)),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rows.getString(4))));
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("lookup", e);
        }
    }

    private static DirectoryUnavailableException failure(String what, SQLException e) {
        return new DirectoryUnavailableException("learned recipients " + what + " failed: " + e.getMessage(), e);
    }
}
