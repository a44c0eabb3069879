package io.calamari.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void sharedServerHandsOutSeparateWorkingDatabases() throws SQLException {
        PostgresServer server = PostgresServer.shared();

        String firstUrl = server.createDatabase();
        String secondUrl = server.createDatabase();

        assertThat(PostgresServer.shared()).isSameAs(server);
        assertThat(server.port()).isPositive();
        assertThat(firstUrl).startsWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/");
        assertThat(firstUrl).isNotEqualTo(secondUrl);

        String firstName = storeAndDescribe(firstUrl, "first");
        String secondName = storeAndDescribe(secondUrl, "second");

        assertThat(firstName).isNotEqualTo(secondName);
        assertThat(readLabels(firstUrl)).containsExactly("first");
        assertThat(readLabels(secondUrl)).containsExactly("second");
    }

    private static String storeAndDescribe(String url, String label) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id serial PRIMARY KEY, label text NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO probe (label) VALUES (?)")) {
                insert.setString(1, label);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet result = statement.executeQuery("SELECT current_database(), current_user")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(2)).isEqualTo("calamari");
                return result.getString(1);
            }
        }
    }

    private static List<String> readLabels(String url) throws SQLException {
        List<String> labels = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT label FROM probe ORDER BY id")) {
            while (result.next()) {
                labels.add(result.getString(1));
            }
        }
        return labels;
    }
}
