package io.metalstack.peering.agent;

import io.metalstack.peering.frr.RenderedConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchTargetTest {

    /** Records the order of calls of both sides into one log. */
    private static final class RecordingOs implements OsApplier {
        final List<String> log;
        String failApplyWith;
        String failRevertWith;
        /** Log {@link #reapplyNext} calls too. */
        boolean logReapply;

        RecordingOs(List<String> log) {
            this.log = log;
        }

        @Override
        public void reapplyNext() {
            if (logReapply) {
                log.add("os reapply next");
            }
        }

        @Override
        public void apply(RenderedConfig config) throws ApplyTarget.ApplyException {
            if (failApplyWith != null) {
                throw new ApplyTarget.ApplyException(failApplyWith);
            }
            log.add("os " + config.files().keySet());
        }

        @Override
        public void revert() throws ApplyTarget.ApplyException {
            if (failRevertWith != null) {
                throw new ApplyTarget.ApplyException(failRevertWith);
            }
            log.add("os revert");
        }
    }

    private static RenderedConfig config(String frr) {
        TreeMap<String, String> files = new TreeMap<>();
        files.put("frr.conf", frr);
        files.put("config_db.json", "{}\n");
        return new RenderedConfig(files, List.of());
    }

    private final List<String> log = new ArrayList<>();
    private final RecordingOs os = new RecordingOs(log);
    private final FakeTarget frr = new FakeTarget();
    /** The FRR side: the fake, logging into the same log as the OS side. */
    private final ApplyTarget loggedFrr = new ApplyTarget() {
        @Override
        public void apply(RenderedConfig config) throws ApplyException {
            frr.apply(config);
            log.add("frr");
        }

        @Override
        public java.util.Optional<java.util.SortedMap<String, java.util.SortedSet<io.metalstack.peering.model.IpPrefix>>> observe() {
            return frr.observe();
        }

        @Override
        public List<io.metalstack.peering.api.V1SessionState> sessions(List<io.metalstack.peering.model.plan.ExternalSession> sessions) {
            return frr.sessions(sessions);
        }

        @Override
        public boolean driftCheckDue() {
            return frr.driftCheckDue();
        }
    };
    private final SwitchTarget target = new SwitchTarget(os, loggedFrr);

    @Test
    void appliesTheOsSideBeforeFrr() throws Exception {
        target.apply(config("a"));
        assertThat(log).containsExactly("os [config_db.json, frr.conf]", "frr");
    }

    @Test
    void theFirstApplyAndADueDriftCheckApplyTheOsSideEvenUnchanged() throws Exception {
        os.logReapply = true;
        target.apply(config("a"));
        target.apply(config("a"));
        frr.driftCheckDue = true;
        target.apply(config("a"));

        assertThat(log).containsExactly("os reapply next", "os [config_db.json, frr.conf]", "frr",
                "os [config_db.json, frr.conf]", "frr",
                "os reapply next", "os [config_db.json, frr.conf]", "frr");
    }

    @Test
    void anOsFailureLeavesFrrUntouched() {
        os.failApplyWith = "redis: connection refused";
        assertThatThrownBy(() -> target.apply(config("a"))).isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessage("the OS side failed, FRR untouched: redis: connection refused");
        assertThat(frr.applied).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void anFrrFailureRevertsTheOsSide() {
        frr.failWith = "vtysh -C rejected the rendered config";
        assertThatThrownBy(() -> target.apply(config("a"))).isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessage("vtysh -C rejected the rendered config; the OS side was reverted to its last good state");
        assertThat(log).containsExactly("os [config_db.json, frr.conf]", "os revert");
    }

    @Test
    void aFailedRevertIsReportedWithTheFrrFailure() {
        frr.failWith = "FRR rejected the config";
        os.failRevertWith = "ifreload -a failed";
        assertThatThrownBy(() -> target.apply(config("a")))
                .hasMessage("FRR rejected the config; reverting the OS side failed too: ifreload -a failed");
    }
}
