package io.metalstack.peering.frr.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Ending processes that are not our children (daemonized FRR), by PID, and telling whether they still run. */
final class Pids {
    private static final Duration GRACE = Duration.ofSeconds(3);

    private Pids() {}

    /**
     * True while the process exists and is not a zombie. A killed daemon is reparented to PID 1, which may
     * reap it late, so {@code kill -0} alone would report it alive.
     */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ..." where comm may contain spaces and parentheses: the state follows the last ')'
            String afterComm = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterComm.startsWith("Z") && !afterComm.startsWith("X");
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** SIGTERM, wait up to a grace period, then SIGKILL whatever is left; returns when none of them runs. */
    static void terminate(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        boolean gone = Poll.until(GRACE, Poll.CHEAP_INTERVAL, () -> pids.stream().noneMatch(Pids::alive), Boolean::booleanValue);
        if (!gone) {
            pids.stream().filter(Pids::alive).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Poll.await(GRACE, "processes " + pids + " to end after SIGKILL", () -> pids.stream().noneMatch(Pids::alive));
        }
    }

    /** The PID in a daemon's pid file, if the file exists and holds one. */
    static Optional<Long> read(Path pidFile) {
        try {
            String text = Files.readString(pidFile).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read pid file " + pidFile, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("pid file " + pidFile + " does not hold a number", e);
        }
    }
}
