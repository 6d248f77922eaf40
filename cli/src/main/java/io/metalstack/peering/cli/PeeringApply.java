package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code metalctl network peering apply -f FILE}: creates what does not exist, updates name, labels and exchanged
 * prefixes of what does (found by name, else by its pair of networks), and leaves the rest alone: running it twice changes nothing.
 */
@Command(name = "apply", description = "Create or update peerings from MEP manifests; idempotent.",
        footerHeading = "%nExample:%n", footer = {"  metalctl network peering apply -f peerings.yaml"})
final class PeeringApply extends SessionCommand {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "MEP manifests (multi-document YAML or a list); - for stdin") Path file;

    PeeringApply(Session session) {
        super(session);
    }

    @Override
    public void run() {
        List<PeeringManifest> manifests = ManifestReader.read(file.toString(), PeeringCommand.readFile(session, file));
        MetalApiClient client = session.client();
        List<V1Network> networks = NetworkCommand.all(client);
        List<PeeringSpec> specs = manifests.stream().map(m -> PeeringSpec.of(m, networks)).toList();
        List<V1Peering> result = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PeeringSpec spec = specs.get(i);
            List<V1Peering> existing = client.peerings().list();
            Optional<V1Peering> match = existing.stream().filter(p -> spec.name().equals(p.name())).findFirst()
                    .or(() -> existing.stream().filter(spec::sameConnection).findFirst());
            if (match.isEmpty()) {
                V1Peering created = client.peerings().create(spec.request());
                session.printer().note("peering \"" + created.name() + "\" created (" + created.id() + ")");
                result.add(created);
                continue;
            }
            V1Peering have = match.get();
            if (!spec.sameConnection(have)) {
                throw CliException.refused("%s: peering \"%s\" (%s) exists with other networks, type or BGP session; apply changes only name, labels and exchanged prefixes: delete it first to re-create it",
                        manifests.get(i).where(), have.name(), have.id());
            }
            if (spec.unchanged(have)) {
                session.printer().note("peering \"" + have.name() + "\" unchanged (" + have.id() + ")");
                result.add(have);
            } else {
                V1Peering updated = client.peerings().update(spec.updateOf(client.peerings().get(have.id())));
                session.printer().note("peering \"" + updated.name() + "\" updated (" + updated.id() + ")");
                result.add(updated);
            }
        }
        session.printer().data(result);
    }
}
