package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.penguinmails.webhooks.localstack.LeftoverPostgres.Postmaster;

/**
 * Recognising a postmaster from its command line, and what happens with a stale {@code postmaster.pid} or a port held
 * by another program. The leftover server itself, outliving a {@code kill -9}, is {@link CrashRestartIntegrationTests}.
 */
class LeftoverPostgresTests {

    @TempDir
    Path dataDir;

    private final List<String> report = new ArrayList<>();

    @Test
    void readsDataFolderAndPortFromTheCommandLinePgCtlStartsThePostmasterWith() {
        // as ps shows the zonky server of a local stack
        List<String> arguments = List.of("-D", "/tmp/lpg/data/postgres", "-p", "31433", "-F", "-c", "synchronous_commit=off",
                "-c", "max_connections=300", "-c", "timezone=UTC");

        assertThat(Postmaster.parse(15592, "/tmp/embedded-pg/PG-16c5707c09eef4783fc1cb48f11a526d/bin/postgres", arguments))
                .contains(new Postmaster(15592, Path.of("/tmp/lpg/data/postgres"), 31433));
    }

    @Test
    void takesNeitherPostgresBackendsNorOtherProgramsForAPostmaster() {
        // a backend's command line is its title, without -D or -p
        assertThat(Postmaster.parse(15612, "/tmp/embedded-pg/PG-1/bin/postgres", List.of())).isEmpty();
        assertThat(Postmaster.parse(1, "/usr/bin/java", List.of("-D", "/tmp/lpg/data/postgres", "-p", "31433"))).isEmpty();
        assertThat(Postmaster.parse(1, "", List.of())).isEmpty();
    }

    @Test
    void ignoresARelativeDataFolderItCannotResolve() {
        assertThat(Postmaster.parse(7, "/usr/lib/postgresql/17/bin/postgres", List.of("-D", "data", "-p", "5432")))
                .contains(new Postmaster(7, null, 5432));
        assertThat(Postmaster.parse(7, "/usr/lib/postgresql/17/bin/postgres", List.of("-D", "data"))).isEmpty();
    }

    @Test
    void aPostmasterRunsOnItsDataFolderReachedThroughASymbolicLink() throws IOException {
        Path pgData = Files.createDirectories(dataDir.resolve("postgres"));
        Files.createDirectories(dataDir.resolve("other"));
        Postmaster postmaster = new Postmaster(7, pgData, 5433);

        // as /tmp and /private/tmp on macOS
        assertThat(postmaster.runsOn(Files.createSymbolicLink(dataDir.resolve("link"), pgData))).isTrue();
        assertThat(postmaster.runsOn(dataDir.resolve("other"))).isFalse();
    }

    @Test
    void aPostmasterRunsOnItsDataFolderDeletedUnderIt() {
        Postmaster postmaster = new Postmaster(7, dataDir.resolve("postgres"), 5433);

        assertThat(postmaster.runsOn(dataDir.resolve("postgres"))).isTrue();
        assertThat(postmaster.runsOn(dataDir.resolve("other"))).isFalse();
    }

    @Test
    void leavesAPidFileWhoseProcessIsGoneToPostgres() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = writePidFile(gone.pid());

        LeftoverPostgres.stopOnDataFolder(pidFile.getParent(), report::add);

        assertThat(report).isEmpty();
        assertThat(pidFile).exists(); // PostgreSQL removes a lock file whose process is gone itself
    }

    @Test
    void removesAPidFileWhosePidAnotherProgramHasNow() throws Exception {
        // this JVM: alive, and no PostgreSQL, as a pid reused after a reboot
        Path pidFile = writePidFile(ProcessHandle.current().pid());

        LeftoverPostgres.stopOnDataFolder(pidFile.getParent(), report::add);

        assertThat(pidFile).doesNotExist();
        assertThat(report).containsExactly("Removed the postmaster.pid an earlier run left in %s: its pid %d now belongs to another program"
                .formatted(pidFile.getParent(), ProcessHandle.current().pid()));
    }

    @Test
    void aPortAnotherProgramHoldsFailsTheStartNamingThePortAndPostgresPort() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = other.getLocalPort();

            assertThatThrownBy(() -> LeftoverPostgres.requirePortFree(port))
                    .isInstanceOf(LeftoverPostgres.InUseException.class)
                    .hasMessage("PostgreSQL's port %d is in use by another program: set POSTGRES_PORT to a free port", port);
        }
    }

    @Test
    void aFreePortIsFree() throws Exception {
        int port = TestStack.freePort();

        LeftoverPostgres.requirePortFree(port);

        assertThat(LeftoverPostgres.portFree(port)).isTrue();
    }

    /** A postmaster.pid as PostgreSQL 17 writes it: pid, data folder, start time, port, socket folder, address, shm key, status. */
    private Path writePidFile(long pid) throws IOException {
        Path pgData = Files.createDirectories(dataDir.resolve("postgres"));
        return Files.writeString(pgData.resolve("postmaster.pid"), String.join("\n", Long.toString(pid), pgData.toString(),
                "1796684157", "31433", "/tmp", "localhost", "  2164876        14", "ready   ", ""));
    }
}
