package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the zonky embedded binaries: the real {@code postgres} executable, unpacked) with its
 * data folder under the local stack's data folder, so webhooks and history survive a restart.
 */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final Path pgData;
    private final int port;
    private EmbeddedPostgres postgres;

    private LocalPostgres(Path pgData, int port) {
        this.pgData = pgData;
        this.port = port;
    }

    /**
     * Makes way for the server: stops a PostgreSQL that an earlier run, killed without its shutdown hook, left running on
     * its data folder, and says so; fails with a message saying what to change when a stack that is running holds the
     * folder, or anything else the port.
     */
    static void makeWay(Path dataDir, int port) throws IOException {
        LeftoverPostgres.stopOnDataFolder(dataFolder(dataDir), System.out::println);
        LeftoverPostgres.requirePortFree(port);
    }

    /** The server's data folder, in the stack's. */
    static Path dataFolder(Path dataDir) {
        return dataDir.resolve("postgres");
    }

    static LocalPostgres start(Path dataDir, int port) throws IOException {
        Path pgData = dataFolder(dataDir);
        Files.createDirectories(pgData);
        LocalPostgres local = new LocalPostgres(pgData, port);
        local.startServer();
        return local;
    }

    /** Starts the server on its port and data folder, after {@link #stopServer()} (an outage, for tests). */
    synchronized void startServer() throws IOException {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(pgData).setCleanDataDirectory(false).start();
        }
    }

    /** Stops the server, keeping its data: every connection to it breaks, as in a database outage. */
    synchronized void stopServer() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    int port() {
        return port;
    }

    String r2dbcUrl() {
        return "r2dbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        stopServer();
    }
}
