package io.vigil.common.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/** Plain JDBC statements with what Vigil's queries over a poll's ids need of the PostgreSQL driver. */
public final class Statements {

    private Statements() {
    }

    /**
     * A statement PostgreSQL plans again at every execution, with the values it is given. Prepared once on the
     * server (as the driver does after five executions), it soon runs a generic plan made without them, from
     * the table's statistics of that moment: made while a table was small, that plan reads all of it, and is
     * kept until the next ANALYZE however large the table has grown. Planning each time costs a fraction of a
     * millisecond; use this for statements over arrays of ids against tables that grow.
     */
    public static PreparedStatement plannedEachTime(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }
}
