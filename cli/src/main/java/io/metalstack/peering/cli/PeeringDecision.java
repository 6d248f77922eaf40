package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.function.BiFunction;

/**
 * {@code metalctl network peering approve|reject}: the owner's decision on a peering into its shared network labelled
 * {@code network.metal-stack.io/peering-approval=required}; the server says who may and when.
 */
abstract class PeeringDecision extends SessionCommand {
    @Parameters(index = "0", paramLabel = "PEERING", description = "id or unique name") String peering;

    private final BiFunction<MetalApiClient, String, V1Peering> decide;

    PeeringDecision(Session session, BiFunction<MetalApiClient, String, V1Peering> decide) {
        super(session);
        this.decide = decide;
    }

    @Override
    public void run() {
        MetalApiClient client = session.client();
        V1Peering p = PeeringCommand.resolve(client, peering);
        session.printer().one(decide.apply(client, p.id()), PeeringCommand.view(client));
    }

    @Command(name = "approve", description = "Approve a peering awaiting the approval of your project's shared network: "
            + "it is then planned on the switches as any peering.",
            footerHeading = "%nExample:%n", footer = {"  metalctl network peering list --awaiting-approval",
            "  metalctl network peering approve privnet1-to-storage"})
    static final class Approve extends PeeringDecision {
        Approve(Session session) {
            super(session, MetalApiClient::approvePeering);
        }
    }

    @Command(name = "reject", description = "Reject a peering awaiting the approval of your project's shared network: "
            + "it is kept in phase rejected, on no switch, until its project deletes it.",
            footerHeading = "%nExample:%n", footer = {"  metalctl network peering reject privnet1-to-storage"})
    static final class Reject extends PeeringDecision {
        Reject(Session session) {
            super(session, MetalApiClient::rejectPeering);
        }
    }
}
