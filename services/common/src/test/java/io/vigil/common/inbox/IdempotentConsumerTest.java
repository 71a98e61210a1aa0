package io.vigil.common.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures of a consumer no retry can mend, so its record is dead-lettered at once. */
class IdempotentConsumerTest {

    @Test
    void dataTheDatabaseRefusesIsPermanent() {
        // As triage met an alert whose URL host was longer than its column: it retried for minutes,
        // holding up every alert behind it on the partition.
        SQLException tooLong = new SQLException("ERROR: value too long for type character varying(255)", "22001");
        assertThat(IdempotentConsumer.refusedData(new RuntimeException("Error executing work",
                new IllegalStateException(tooLong)))).isTrue();
        assertThat(IdempotentConsumer.refusedData(new SQLException("invalid byte sequence", "22021"))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreRetried() {
        assertThat(IdempotentConsumer.refusedData(new RuntimeException(
                new SQLTransientConnectionException("connection lost", "08006")))).isFalse();
        assertThat(IdempotentConsumer.refusedData(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(IdempotentConsumer.refusedData(new SQLException("no state"))).isFalse();
        assertThat(IdempotentConsumer.refusedData(new IllegalStateException("not the database"))).isFalse();
    }
}
