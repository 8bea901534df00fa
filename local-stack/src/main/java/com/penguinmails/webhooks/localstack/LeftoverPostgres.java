package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Finds a PostgreSQL that an earlier run of the local stack left running, and stops it before the stack starts its own.
 *
 * <p>The embedded server outlives a stack killed with {@code kill -9}: {@code pg_ctl} starts it in a session of its own
 * ({@code setsid}), so a signal to the stack's process group does not reach it, and a killed JVM runs no shutdown hook.
 * Left running, it keeps the data folder and the port: the next start reused it unawares, or, with {@code --clean},
 * which deleted the folder under it, failed until the server noticed a minute later and exited.
 *
 * <p>A server is a leftover when no live JVM holds its data folder's {@value #OWNER_LOCK}: zonky's
 * {@code EmbeddedPostgres} holds that lock for as long as it runs the server, so a free lock means the JVM that started
 * it is gone. A server whose JVM lives belongs to a stack that is running, and is never touched.
 *
 * <p>Tying the server's life to the JVM's instead would take a watchdog process, which a {@code kill -9} of the group
 * would kill too, or which would itself outlive the stack: the next start cleaning up is what works after any crash.
 */
final class LeftoverPostgres {

    /** zonky's lock file in a data folder, held by the {@code EmbeddedPostgres} that runs the server on it. */
    static final String OWNER_LOCK = "epg-lock";
    /** PostgreSQL's lock file in its data folder; its first line is the postmaster's pid. */
    static final String PID_FILE = "postmaster.pid";
    /** How long a fast shutdown (SIGINT: end the sessions, checkpoint, exit) may take before an immediate one. */
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /** How long an immediate shutdown (SIGQUIT: exit now, recover from the WAL at the next start) may take. */
    private static final Duration IMMEDIATE_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private LeftoverPostgres() {
    }

    /** The data folder or the port is held by something that is not a leftover: a stack still running, another program. */
    static final class InUseException extends IOException {
        InUseException(String message) {
            super(message);
        }
    }

    /**
     * A running PostgreSQL server, from its postmaster's command line ({@code postgres -D FOLDER -p PORT ...}, as
     * {@code pg_ctl} starts it).
     *
     * @param pid     the postmaster's process id
     * @param dataDir its data folder; null when the command line names none, or a relative one
     * @param port    its port; 0 when the command line names none
     */
    record Postmaster(long pid, Path dataDir, int port) {

        /** The postmaster a process runs, from its command line; empty for any other process (PostgreSQL's backends too). */
        static Optional<Postmaster> of(ProcessHandle process) {
            ProcessHandle.Info info = process.info();
            return parse(process.pid(), info.command().orElse(""), List.of(info.arguments().orElse(new String[0])));
        }

        static Optional<Postmaster> parse(long pid, String command, List<String> arguments) {
            Path program = Path.of(command).getFileName();
            if (program == null || !(program.toString().equals("postgres") || program.toString().equals("postgres.exe"))) {
                return Optional.empty();
            }
            Path dataDir = null;
            int port = 0;
            for (int i = 0; i + 1 < arguments.size(); i++) {
                String value = arguments.get(i + 1);
                if (arguments.get(i).equals("-D") && Path.of(value).isAbsolute()) {
                    dataDir = Path.of(value).normalize();
                } else if (arguments.get(i).equals("-p")) {
                    port = parsePort(value);
                }
            }
            return dataDir == null && port == 0 ? Optional.empty() : Optional.of(new Postmaster(pid, dataDir, port));
        }

        private static int parsePort(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        boolean runsOn(Path folder) {
            if (dataDir == null) {
                return false;
            }
            try {
                return Files.isSameFile(dataDir, folder);
            } catch (IOException e) { // a folder deleted under the server (--clean before this check existed)
                return dataDir.equals(folder.toAbsolutePath().normalize());
            }
        }

        /**
         * Whether a JVM that runs this server through zonky is alive (holds the data folder's lock). Closing the channel
         * drops every lock this JVM holds on the file (POSIX locks belong to the process), which is harmless: it is asked
         * before this JVM starts a server on the folder, not while it runs one.
         */
        boolean ownerAlive() throws IOException {
            try (FileChannel channel = FileChannel.open(dataDir.resolve(OWNER_LOCK), StandardOpenOption.WRITE);
                 FileLock free = channel.tryLock()) {
                return free == null;
            } catch (NoSuchFileException e) {
                return false;
            } catch (OverlappingFileLockException e) {
                return true; // this JVM runs it
            }
        }

        /** Fast shutdown; an immediate one if that takes too long; an error naming the pid if the server still runs. */
        void stop() throws IOException {
            ProcessHandle process = ProcessHandle.of(pid).orElse(null);
            if (process == null || !process.isAlive()) {
                return;
            }
            signal("INT");
            if (exits(process, FAST_SHUTDOWN_WAIT)) {
                return;
            }
            signal("QUIT");
            if (!exits(process, IMMEDIATE_SHUTDOWN_WAIT)) {
                throw new IOException("Could not stop the PostgreSQL left running by an earlier run (pid %d): stop it with kill -9 %d and start again"
                        .formatted(pid, pid));
            }
        }

        private void signal(String signal) throws IOException {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
            try {
                String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (kill.waitFor() != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IOException("kill -s %s %d failed: %s".formatted(signal, pid, output.strip()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while signalling PostgreSQL (pid " + pid + ")");
            }
        }

        private static boolean exits(ProcessHandle process, Duration wait) throws InterruptedIOException {
            try {
                process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while stopping PostgreSQL (pid " + process.pid() + ")");
            }
        }

        String stopped() {
            return "Stopped a PostgreSQL left running by an earlier run (pid %d, port %d) on %s".formatted(pid, port, dataDir);
        }
    }

    /**
     * Stops a PostgreSQL left running on the data folder by a stack that is gone, and removes a {@value #PID_FILE} whose
     * pid now belongs to another program (PostgreSQL would take it for a server still running and refuse to start);
     * says what it did. Fails when a stack that is running uses the folder.
     */
    static void stopOnDataFolder(Path pgData, Consumer<String> report) throws IOException {
        for (Postmaster postmaster : running()) {
            if (postmaster.runsOn(pgData)) {
                if (postmaster.ownerAlive()) {
                    throw new InUseException(("The data folder %s is in use by a local stack that is running (its PostgreSQL has pid %d, port %d):"
                            + " stop that stack first, or give this one another --data-dir").formatted(pgData.getParent(), postmaster.pid(), postmaster.port()));
                }
                postmaster.stop();
                report.accept(postmaster.stopped());
            }
        }
        removeStalePidFile(pgData, report);
    }

    /**
     * Fails with a message naming the port and {@code POSTGRES_PORT} when PostgreSQL cannot listen on it: rather than
     * zonky's "Gave up waiting for server to start" ten seconds later. A server left on it from another data folder is
     * named, not stopped: which stack it served is not known here.
     */
    static void requirePortFree(int port) throws IOException {
        if (portFree(port)) {
            return;
        }
        throw new InUseException(running().stream().filter(postmaster -> postmaster.port() == port).findFirst()
                .map(postmaster -> "PostgreSQL's port %d is in use by another PostgreSQL (pid %d, data folder %s): stop it, or set POSTGRES_PORT to a free port"
                        .formatted(port, postmaster.pid(), postmaster.dataDir()))
                .orElse("PostgreSQL's port %d is in use by another program: set POSTGRES_PORT to a free port".formatted(port)));
    }

    private static List<Postmaster> running() {
        return ProcessHandle.allProcesses().map(Postmaster::of).flatMap(Optional::stream).toList();
    }

    /**
     * A pid file whose process is gone is left alone (PostgreSQL removes it itself); one whose pid a program other than
     * a PostgreSQL on this folder now has (after a reboot, say) is removed.
     */
    private static void removeStalePidFile(Path pgData, Consumer<String> report) throws IOException {
        Path pidFile = pgData.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).stream().findFirst().orElse("").strip());
        } catch (NumberFormatException e) {
            return; // PostgreSQL itself reports a malformed lock file
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || process.get().info().command().isEmpty()) {
            return;
        }
        boolean ours = Postmaster.of(process.get()).map(postmaster -> postmaster.runsOn(pgData)).orElse(false);
        if (!ours) {
            Files.deleteIfExists(pidFile);
            report.accept("Removed the %s an earlier run left in %s: its pid %d now belongs to another program".formatted(PID_FILE, pgData, pid));
        }
    }

    static boolean portFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (BindException e) {
            return false;
        }
    }
}
