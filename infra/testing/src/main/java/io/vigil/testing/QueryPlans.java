package io.vigil.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * PostgreSQL's plan for a query with sequential scans priced out ({@code enable_seqscan = off}, for that
 * one transaction): the planner then reads a table through only when no index serves the query's
 * conditions. A test asserts that a look-up on a table that only grows names the index meant for it.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The {@code explain} output of {@code query}, one plan line per line; nothing is changed. */
    public static String withoutSequentialScans(DataSource dataSource, String query) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local enable_seqscan = off");
                List<String> lines = new ArrayList<>();
                try (ResultSet plan = statement.executeQuery("explain " + query)) {
                    while (plan.next()) {
                        lines.add(plan.getString(1));
                    }
                }
                return String.join("\n", lines);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot explain " + query + ": " + e.getMessage(), e);
        }
    }
}
