package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the services' runnable jars and the Java to run them are found. */
final class Services {

    private Services() {
    }

    /** The runnable jar the module's build made, as deploy/Dockerfile takes it. */
    static Path jar(String module) {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            found.forEach(jars::add);
        } catch (IOException e) {
            throw new IllegalStateException(target + ": build the module first (mvn package -pl reliability -am)", e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException(target + ": expected one " + module + "-*-exec.jar, found " + jars);
        }
        return jars.getFirst();
    }

    /** The Java running this test (Java 25, chosen by the build's toolchain): the services need no other. */
    static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** A port free now, chosen by the OS. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
