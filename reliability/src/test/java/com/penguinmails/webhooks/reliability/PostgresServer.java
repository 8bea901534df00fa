package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server process (the zonky embedded binaries) on a fixed port and data folder, so it can be
 * stopped, as in an outage, and started again with its data.
 */
final class PostgresServer implements AutoCloseable {

    private final Path pgData;
    private final int port;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path pgData, int port) {
        this.pgData = pgData;
        this.port = port;
    }

    static PostgresServer start(Path dir, int port) throws IOException {
        Path pgData = dir.resolve("postgres");
        Files.createDirectories(pgData);
        PostgresServer server = new PostgresServer(pgData, port);
        server.startAgain();
        return server;
    }

    synchronized void startAgain() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(pgData).setCleanDataDirectory(false).start();
        }
    }

    /** Stops the server, keeping its data: every connection to it breaks. */
    synchronized void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
