package com.misdeliveryguard.app;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged guard jar running in a separate JVM, as an operator runs it. Used by the
 * integration tests that kill the process or cap its heap.
 */
public final class GuardProcess implements AutoCloseable {

    /** The resident size the guard must stay under with {@link #productionJvm()} (README "Memory"): 350 MB. */
    public static final long RESIDENT_LIMIT_KB = 350 * 1024;

    private final Process process;
    public final int smtpPort;
    public final int webPort;
    final Path log;

    private GuardProcess(Process process, int smtpPort, int webPort, Path log) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.webPort = webPort;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs> -jar guard.jar <args>} with the data directory and a free SMTP
     * port, and waits until the listener greets.
     */
    public static GuardProcess start(Path dataDir, int smtpPort, List<String> jvmArgs, List<String> args) throws Exception {
        GuardProcess guard = launch(dataDir, smtpPort, jvmArgs, args);
        try {
            guard.awaitListener(Duration.ofSeconds(300));
        } catch (Exception | Error e) {
            guard.kill();
            throw e;
        }
        return guard;
    }

    /**
     * Starts the jar like {@link #start} but returns at once, before the listener opens. The web
     * port is a free port chosen here ({@link #webPort}); the log is written outside the data
     * directory when {@code logDir} is given (a data directory on a full disk cannot take it).
     */
    public static GuardProcess launch(Path dataDir, int smtpPort, List<String> jvmArgs, List<String> args) throws Exception {
        return launch(dataDir, dataDir, smtpPort, jvmArgs, args);
    }

    public static GuardProcess launch(Path dataDir, Path logDir, int smtpPort, List<String> jvmArgs, List<String> args)
            throws Exception {
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
        // a caller may choose the web port itself (e.g. to put it in guard.public-url)
        int webPort = args.stream().filter(a -> a.startsWith("--server.port=")).findFirst()
                .map(a -> Integer.parseInt(a.substring("--server.port=".length()))).orElse(freePort());
        if (args.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            command.add("--server.port=" + webPort);
        }
        command.addAll(args);
        Files.createDirectories(dataDir);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("guard-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as ./run sets it (README "Memory")
        Process process = builder.start();
        return new GuardProcess(process, smtpPort, webPort, log);
    }

    /**
     * The production JVM flags: the argument file {@code jvm.options} at the project's root (README
     * "Memory"), passed as {@code @path} exactly as {@code ./run} passes it.
     */
    public static List<String> productionJvm() {
        Path options = Path.of(System.getProperty("guard.jvmOptions", "../jvm.options"));
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("no JVM argument file at " + options.toAbsolutePath());
        }
        return List.of("@" + options.toAbsolutePath());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public void awaitListener(Duration timeout) throws Exception {
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
        throw new IllegalStateException("guard did not start listening within " + timeout + ":\n" + output());
    }

    /** {@code GET /actuator/health/readiness}: the status code and the body. */
    Readiness readiness() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Readiness(response.statusCode(), response.body());
    }

    /** A readiness answer; {@code up()} when the load balancer would send traffic. */
    record Readiness(int status, String body) {
        boolean up() {
            return status == 200 && body.endsWith("\"status\":\"UP\"}");
        }
    }

    /** SIGTERM, as systemd or an operator stops the guard; waits for the process to end. */
    void terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("guard did not stop within " + timeout + " after SIGTERM");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The most memory the process has had resident so far ({@code VmHWM} of /proc/PID/status), in kB. */
    public long peakResidentKb() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no VmHWM for " + process.pid()));
    }

    public String output() throws IOException {
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
