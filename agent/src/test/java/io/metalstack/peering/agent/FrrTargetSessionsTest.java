package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.api.fixture.SessionStateBuilder;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrrTarget#sessionStates} on {@code show bgp vrf all summary json} as FRR 8.4.4 prints it: the default VRF and
 * Vrf104009 are verbatim from ExternalSessionE2EIT (exit01's fabric neighbour Idle, the ISP Established; pfxRcd set to 1
 * as a moment later), Vrf104010 is a copy of Vrf104009 whose neighbour of the same address is Active.
 */
class FrrTargetSessionsTest {
    private static final String SUMMARY = """
            {
            "default":{
            "ipv4Unicast":{
              "routerId":"10.0.0.99",
              "as":4200000099,
              "vrfId":0,
              "vrfName":"default",
              "tableVersion":0,
              "ribCount":0,
              "ribMemory":0,
              "peerCount":1,
              "peerMemory":741464,
              "peerGroupCount":2,
              "peerGroupMemory":128,
              "peers":{
                "Ethernet120":{
                  "remoteAs":0,
                  "localAs":4200000099,
                  "version":4,
                  "msgRcvd":0,
                  "msgSent":0,
                  "tableVersion":0,
                  "outq":0,
                  "inq":0,
                  "peerUptime":"never",
                  "peerUptimeMsec":0,
                  "pfxRcd":0,
                  "pfxSnt":0,
                  "state":"Idle",
                  "peerState":"OK",
                  "connectionsEstablished":0,
                  "connectionsDropped":0,
                  "idType":"interface"
                }
              },
              "failedPeers":1,
              "displayedPeers":1,
              "totalPeers":1,
              "dynamicPeers":0,
              "bestPath":{
                "multiPathRelax":"true"
              }
            }
            }
            ,
            "Vrf104009":{
            "ipv4Unicast":{
              "routerId":"10.0.0.99",
              "as":4200000099,
              "vrfId":1,
              "vrfName":"Vrf104009",
              "tableVersion":2,
              "ribCount":3,
              "ribMemory":576,
              "peerCount":1,
              "peerMemory":741464,
              "peers":{
                "172.16.0.2":{
                  "hostname":"vm",
                  "remoteAs":65001,
                  "localAs":65000,
                  "version":4,
                  "msgRcvd":2,
                  "msgSent":2,
                  "tableVersion":0,
                  "outq":0,
                  "inq":0,
                  "peerUptime":"00:00:00",
                  "peerUptimeMsec":0,
                  "peerUptimeEstablishedEpoch":1795841108,
                  "pfxRcd":1,
                  "pfxSnt":0,
                  "state":"Established",
                  "peerState":"OK",
                  "connectionsEstablished":1,
                  "connectionsDropped":0,
                  "idType":"ipv4"
                }
              },
              "failedPeers":0,
              "displayedPeers":1,
              "totalPeers":1,
              "dynamicPeers":0,
              "bestPath":{
                "multiPathRelax":"true"
              }
            }
            }
            ,
            "Vrf104010":{
            "ipv4Unicast":{
              "routerId":"10.0.0.99",
              "as":4200000099,
              "vrfId":2,
              "vrfName":"Vrf104010",
              "tableVersion":0,
              "ribCount":0,
              "ribMemory":0,
              "peerCount":1,
              "peerMemory":741464,
              "peers":{
                "172.16.0.2":{
                  "remoteAs":65002,
                  "localAs":65000,
                  "version":4,
                  "msgRcvd":0,
                  "msgSent":0,
                  "tableVersion":0,
                  "outq":0,
                  "inq":0,
                  "peerUptime":"never",
                  "peerUptimeMsec":0,
                  "pfxRcd":0,
                  "pfxSnt":0,
                  "state":"Active",
                  "peerState":"OK",
                  "connectionsEstablished":0,
                  "connectionsDropped":0,
                  "idType":"ipv4"
                }
              },
              "failedPeers":1,
              "displayedPeers":1,
              "totalPeers":1,
              "dynamicPeers":0,
              "bestPath":{
                "multiPathRelax":"true"
              }
            }
            }
            }
            """;

    @Test
    void twoVrfsWithANeighbourOfTheSameAddressEachReportTheirOwn() {
        List<V1SessionState> states = FrrTarget.sessionStates(SUMMARY, List.of(session("isp-a", 104009, "Ethernet0"),
                session("isp-b", 104010, "Ethernet4")));

        assertThat(states).containsExactly(SessionStateBuilder.of("isp-a", "Established").prefixesreceived(1L).build(),
                SessionStateBuilder.of("isp-b", "Active").build());
    }

    @Test
    void aSessionInAVrfFrrDoesNotListIsUnknown() {
        assertThat(FrrTarget.sessionStates(SUMMARY, List.of(session("isp-c", 104011, "Ethernet8"))))
                .containsExactly(SessionStateBuilder.of("isp-c", "Unknown").build());
        assertThat(FrrTarget.sessionStates("", List.of(session("isp-a", 104009, "Ethernet0"))))
                .as("no BGP instance yet: vtysh prints nothing").containsExactly(SessionStateBuilder.of("isp-a", "Unknown").build());
    }

    @Test
    void aCumulusVrfNameMatchesToo() {
        String cumulus = SUMMARY.replace("\"Vrf104009\":{", "\"vrf104009\":{");

        assertThat(FrrTarget.sessionStates(cumulus, List.of(session("isp-a", 104009, "swp1"))))
                .containsExactly(SessionStateBuilder.of("isp-a", "Established").prefixesreceived(1L).build());
    }

    private static ExternalSession session(String peering, int vni, String port) {
        return new ExternalSession(PeeringId.parse(peering), PortName.parse(port), Vni.of(vni), InterfaceAddress.parse("172.16.0.1/30"),
                Asn.of(65000), InterfaceAddress.parse("172.16.0.2/30"), Asn.of(65001), List.of(), List.of(), 1000, false, false);
    }
}
