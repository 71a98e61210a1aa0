package io.vigil.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What the last-resort mapper answers: a 400 for text the database cannot hold, a 500 for the rest. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void textWithANulCharacterIsTheClientsMistake() {
        // What Hibernate throws for a query parameter holding U+0000, as reporting's retention holds met it.
        RuntimeException refused = new RuntimeException("JDBC exception executing SQL",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

        Response response = mappers.unexpected(new IllegalStateException("wrapped", refused), null);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).endsWith("unstorable-text");
        assertThat(problem.title()).isNotBlank();
        assertThat(problem.detail()).contains("U+0000");
    }

    @Test
    void otherDatabaseFailuresStayInternalErrors() {
        Response response = mappers.unexpected(new RuntimeException(new SQLException("connection refused", "08001")),
                null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((Problem) response.getEntity()).detail()).contains("error id");
    }
}
