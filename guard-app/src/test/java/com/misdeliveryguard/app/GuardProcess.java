package com.misdeliveryguard.app;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged guard jar running in a separate JVM, as an operator runs it. Used by the
 * integration tests that kill the process or cap its heap.
 */
final class GuardProcess implements AutoCloseable {

    private final Process process;
    final int smtpPort;
    final Path log;

    private GuardProcess(Process process, int smtpPort, Path log) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs> -jar guard.jar <args>} with the data directory and a free SMTP
     * port, and waits until the listener greets.
     */
    static GuardProcess start(Path dataDir, int smtpPort, List<String> jvmArgs, List<String> args) throws Exception {
        String jar = System.getProperty("guard.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("system property guard.jar must name the packaged jar (run with mvn verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar);
        command.add("--guard.data-dir=" + dataDir);
        command.add("--guard.smtp.port=" + smtpPort);
        if (args.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            command.add("--server.port=0");
        }
        command.addAll(args);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("guard-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GuardProcess guard = new GuardProcess(process, smtpPort, log);
        guard.awaitListener(Duration.ofSeconds(180)); // a loaded CI machine can take a minute to start
        return guard;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListener(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("guard exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
                socket.setSoTimeout(2000);
                if (socket.getInputStream().read() == '2') {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("guard did not start listening within " + timeout + ":\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
