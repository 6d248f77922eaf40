package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.PeeringType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code metalctl network peering create}: the MEP's four commands verbatim (camelCase flags) and metalctl's
 * kebab-case spellings; or {@code -f FILE} with MEP manifests.
 */
@Command(name = "create", description = "Create a peering between two networks, or with an external BGP neighbour.",
        footerHeading = "%nExamples:%n", footer = {
        "  metalctl network peering create --network1 privnet1 --network2 privnet2",
        "  metalctl network peering create --network1 privnet1 --network2 privnet2 --wait --timeout 2m",
        "  metalctl network peering create --network1 privnet1 --network2 storage",
        "  metalctl network peering create --network1 privnet1 --network2 storage --dry-run",
        "  metalctl network peering create --network1 privnet1 --network2 storage \\",
        "    --network2-prefixes 10.0.8.0/24",
        "  metalctl network peering create --network1 privnet1 --network2 internet",
        "  metalctl network peering create --network1 internet --localAs 65000 --localCidr 172.16.0.1 \\",
        "    --localPort Ethernet0@exit01 --remoteAs 65001 --remoteCidr 172.16.0.2",
        "  metalctl network peering create -f peerings.yaml"})
final class PeeringCreate extends SessionCommand {
    @Option(names = "--network1", paramLabel = "NETWORK", description = "first network: id or unique name") String network1;
    @Option(names = "--network2", paramLabel = "NETWORK", description = "second network: id or unique name (not for an external BGP peering)") String network2;
    @Option(names = {"-n", "--name"}, description = "name (default: <network1>-to-<network2>)") String name;
    @Option(names = {"-d", "--description"}, description = "description") String description;
    @Option(names = {"--peering-type", "--peeringType", "--type"}, paramLabel = "TYPE",
            description = "local or external (default: external with BGP flags, else local)") PeeringType type;
    @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "labels") Map<String, String> labels;
    @Option(names = {"--localAs", "--local-as"}, paramLabel = "AS", description = "external: our AS number") Asn localAs;
    @Option(names = {"--localCidr", "--local-cidr"}, paramLabel = "ADDRESS", description = "external: our address on the port, e.g. 172.16.0.1 or 172.16.0.1/30") InterfaceAddress localCidr;
    @Option(names = {"--localPort", "--local-port"}, paramLabel = "PORT@SWITCH", description = "external: the exit-switch port, e.g. Ethernet0@exit01") BgpPeer.PortRef localPort;
    @Option(names = {"--remoteAs", "--remote-as"}, paramLabel = "AS", description = "external: the neighbour's AS number") Asn remoteAs;
    @Option(names = {"--remoteCidr", "--remote-cidr"}, paramLabel = "ADDRESS", description = "external: the neighbour's address") InterfaceAddress remoteCidr;
    @Option(names = "--network1-prefixes", split = ",", paramLabel = "PREFIX",
            description = "local: only these prefixes of network1 are reachable from network2 (default: all of network1's)") List<IpPrefix> network1Prefixes;
    @Option(names = "--network2-prefixes", split = ",", paramLabel = "PREFIX",
            description = "local: only these prefixes of network2 are reachable from network1 (default: all of network2's)") List<IpPrefix> network2Prefixes;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "MEP manifests (multi-document YAML or a list); - for stdin") Path file;
    @Option(names = "--dry-run", description = "create nothing: show whether the create would be admitted and, per switch, "
            + "the diff of its rendered files") boolean dryRun;
    @Mixin WaitOptions waiting = new WaitOptions();

    PeeringCreate(Session session) {
        super(session);
    }

    @Override
    public void run() {
        Waiter waiter = waiting.waiter(session).orElse(null);
        PeeringDryRunOutput.refuseWait(dryRun, waiter);
        MetalApiClient client;
        List<PeeringSpec> specs;
        if (file != null) {
            if (network1 != null || network2 != null || name != null || type != null || labels != null || anyBgp()
                    || network1Prefixes != null || network2Prefixes != null) {
                throw CliException.usage("-f/--file cannot be combined with other peering flags: put everything in the file");
            }
            List<PeeringManifest> manifests = ManifestReader.read(file.toString(), PeeringCommand.readFile(session, file));
            client = session.client();
            List<V1Network> networks = NetworkCommand.all(client);
            specs = manifests.stream().map(m -> PeeringSpec.of(m, networks)).toList();
        } else {
            if (network1 == null) {
                throw CliException.usage("--network1 is required (or -f FILE)");
            }
            Optional<PeeringManifest.Bgp> bgp = bgp();
            if (network2 == null && bgp.isEmpty()) {
                throw CliException.usage("--network2 is required, unless this is an external BGP peering (--localAs, --localCidr, --localPort, --remoteAs, --remoteCidr)");
            }
            client = session.client();
            List<V1Network> networks = NetworkCommand.all(client);
            specs = List.of(new PeeringSpec(name, description, NetworkCommand.RESOLVER.resolve(network1, networks),
                    Optional.ofNullable(network2).map(n -> NetworkCommand.RESOLVER.resolve(n, networks)),
                    type != null ? type : bgp.isPresent() ? PeeringType.EXTERNAL : PeeringType.LOCAL, bgp, Labels.of(labels),
                    PeeringCommand.exchange(null, network1Prefixes, false, network2Prefixes, false)));
        }
        if (dryRun) {
            MetalApiClient c = client;
            PeeringDryRunOutput.print(session, "create", specs.stream().map(spec -> c.dryRunCreatePeering(spec.request())).toList(),
                    PeeringCommand.view(client));
            return;
        }
        List<V1Peering> created = new ArrayList<>();
        for (PeeringSpec spec : specs) {
            created.add(client.peerings().create(spec.request()));
        }
        if (waiter != null && !created.isEmpty()) {
            MetalApiClient c = client;
            waiter.await(() -> PeeringWait.created(c, created), "the " + PeeringWait.names(created) + " "
                    + (created.size() == 1 ? "was" : "were") + " created: see `metalctl network peering describe "
                    + PeeringWait.label(created.get(0)) + " -o wide`");
            created.replaceAll(p -> c.peerings().get(p.id()));
        }
        session.printer().list(created, PeeringCommand.view(client));
    }

    private boolean anyBgp() {
        return localAs != null || localCidr != null || localPort != null || remoteAs != null || remoteCidr != null;
    }

    private Optional<PeeringManifest.Bgp> bgp() {
        if (!anyBgp()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (localAs == null) missing.add("--localAs");
        if (localCidr == null) missing.add("--localCidr");
        if (localPort == null) missing.add("--localPort");
        if (remoteAs == null) missing.add("--remoteAs");
        if (remoteCidr == null) missing.add("--remoteCidr");
        if (!missing.isEmpty()) {
            throw CliException.usage("an external BGP peering needs all of --localAs, --localCidr, --localPort, --remoteAs, --remoteCidr; missing: %s",
                    String.join(", ", missing));
        }
        return Optional.of(new PeeringManifest.Bgp(localAs, localCidr, localPort, remoteAs, remoteCidr));
    }
}
