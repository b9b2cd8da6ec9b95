package dev.recur.connectors.jdbc;

import dev.recur.engine.io.Shorten;
import dev.recur.connectors.DataException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Where a database is and how to log in. The password never comes from the command line: it is read
 * from the environment variable {@value #PASSWORD_VARIABLE} or from a properties file (keys {@code user}
 * and {@code password}), and it never appears in a message.
 */
public final class JdbcSource {

    /** The environment variable holding the database password. */
    public static final String PASSWORD_VARIABLE = "RECUR_JDBC_PASSWORD";

    private final String url;
    private final String user;
    private final String password;

    private JdbcSource(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new DataException(Shorten.quoted(safeUrl(url)) + " is not a JDBC URL (expected jdbc:...)");
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Connection settings: the user from {@code user} or the properties file; the password from the
     * properties file, else from {@value #PASSWORD_VARIABLE} in {@code environment}.
     *
     * @param properties a properties file with {@code user} and {@code password}, or null
     * @throws DataException if the properties file cannot be read
     */
    public static JdbcSource of(String url, String user, Path properties, Map<String, String> environment) {
        String u = user;
        String p = null;
        if (properties != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new DataException(properties + ": cannot read the database properties: " + e.getMessage(), e);
            }
            if (u == null) {
                u = props.getProperty("user");
            }
            p = props.getProperty("password");
        }
        if (p == null) {
            p = environment.get(PASSWORD_VARIABLE);
        }
        return new JdbcSource(url, u, p);
    }

    /**
     * Opens a connection. An embedded or server H2 URL opens an existing database only ({@code IFEXISTS=TRUE}
     * unless the URL says otherwise), so that a mistyped path is an error instead of a new, empty database file.
     */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.contains("ifexists=")) {
            p.setProperty("IFEXISTS", "TRUE");
        }
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    /** The URL without any password parameter, for messages. */
    public String displayUrl() {
        return safeUrl(url);
    }

    static String safeUrl(String url) {
        return url == null ? "null" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** A one-line error for a failed database operation, by SQLState class. */
    static DataException describe(SQLException e, String what, JdbcSource source) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
        if (state.startsWith("28") || msg.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            return new DataException(source.displayUrl() + ": authentication failed"
                    + (source.user == null ? "" : " for user " + Shorten.quoted(source.user)) + " (set the password in "
                    + PASSWORD_VARIABLE + " or a properties file)", e);
        }
        if (state.equals("90146")) {
            return new DataException(source.displayUrl() + ": no such H2 database (Recur opens existing databases "
                    + "only; check the path)", e);
        }
        if (state.startsWith("08") || msg.startsWith("No suitable driver")) {
            return new DataException("cannot connect to " + source.displayUrl() + ": " + msg, e);
        }
        return new DataException(what + " failed: " + msg + (state.isEmpty() ? "" : " (SQLState " + state + ")"), e);
    }
}
