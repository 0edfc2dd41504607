package com.misdeliveryguard.app.audit.cli;

import com.misdeliveryguard.core.audit.Checkpoint;
import com.misdeliveryguard.core.audit.CheckpointKey;
import com.misdeliveryguard.core.audit.ExportVerifier;
import com.misdeliveryguard.core.audit.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jar's off-line verifier of a JSONL export, run without starting the application:
 * <pre>
 *   java -jar guard-app.jar verify-audit EXPORT.jsonl [--key-file=FILE | --key=TEXT] [--checkpoint=FILE]
 *   java -jar guard-app.jar --guard.audit.verify=EXPORT.jsonl [--guard.audit.checkpoint-key=TEXT]
 * </pre>
 * The key (default: {@code $GUARD_AUDIT_CHECKPOINT_KEY}, else {@code ./data/audit/checkpoint.key}
 * when present) checks the checkpoints' signatures; {@code --checkpoint} adds a checkpoint kept
 * elsewhere (e.g. a copy of {@code data/audit/checkpoint.json}) so that a cut-off tail is detected
 * even when the export's own checkpoint lines were removed. Exit code 0 intact, 1 broken, 2 usage
 * or I/O error.
 */
public final class VerifyAuditCommand {

    private VerifyAuditCommand() {
    }

    /** True when the arguments ask for this mode. */
    public static boolean wanted(String[] args) {
        return args.length > 0 && ("verify-audit".equals(args[0])
                || List.of(args).stream().anyMatch(a -> a.startsWith("--guard.audit.verify=")));
    }

    /** Runs the verification; returns the exit code. */
    public static int run(String[] args, PrintStream out, Map<String, String> env) {
        Optional<Path> file = Optional.empty();
        Optional<String> keyText = Optional.ofNullable(env.get("GUARD_AUDIT_CHECKPOINT_KEY")).filter(s -> !s.isBlank());
        Optional<Path> keyFile = Optional.empty();
        List<Path> checkpointFiles = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("verify-audit")) {
                continue;
            } else if (arg.startsWith("--guard.audit.verify=")) {
                file = Optional.of(Path.of(value(arg)));
            } else if (arg.startsWith("--key=") || arg.startsWith("--guard.audit.checkpoint-key=")) {
                keyText = Optional.of(value(arg));
            } else if (arg.startsWith("--key-file=")) {
                keyFile = Optional.of(Path.of(value(arg)));
            } else if (arg.startsWith("--checkpoint=")) {
                checkpointFiles.add(Path.of(value(arg)));
            } else if (!arg.startsWith("--") && file.isEmpty()) {
                file = Optional.of(Path.of(arg));
            }
        }
        if (file.isEmpty()) {
            out.println("usage: java -jar guard-app.jar verify-audit EXPORT.jsonl [--key-file=FILE | --key=TEXT] "
                    + "[--checkpoint=FILE]");
            return 2;
        }
        try {
            Optional<CheckpointKey> key = key(keyText, keyFile, out);
            List<Checkpoint> trusted = new ArrayList<>();
            for (Path p : checkpointFiles) {
                trusted.add(Checkpoint.fromExportLine(Files.readString(p).strip()));
            }
            Verification v = ExportVerifier.verify(file.get(), key, trusted);
            out.println(file.get() + ": " + v.summary());
            return v.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println("verify-audit: " + e.getMessage());
            return 2;
        }
    }

    private static Optional<CheckpointKey> key(Optional<String> text, Optional<Path> file, PrintStream out)
            throws IOException {
        if (text.isPresent()) {
            return Optional.of(CheckpointKey.of(text.get()));
        }
        Path path = file.orElse(Path.of("data", "audit", "checkpoint.key"));
        if (Files.isRegularFile(path)) {
            return Optional.of(CheckpointKey.of(Files.readString(path)));
        }
        if (file.isPresent()) {
            throw new IOException("no key file " + path);
        }
        out.println("No checkpoint key given: checkpoint signatures are not checked.");
        return Optional.empty();
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
