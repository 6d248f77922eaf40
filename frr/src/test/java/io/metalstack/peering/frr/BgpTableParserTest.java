package io.metalstack.peering.frr;

import io.metalstack.peering.model.IpPrefix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BgpTableParserTest {
    /**
     * Captured from FRR 8.4.4 (netns VRF backend) running the dual-stack golden Cumulus config: vrf110 and vrf210
     * peered, each VRF with its connected prefixes; vrf210 also has 192.168.99.0/24, which the import map keeps out.
     */
    static final String IPV4 = """
            {
            "default":{
             "vrfId": 0,
             "vrfName": "default",
             "tableVersion": 0,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": {  }  }
            ,
            "vrf110":{
             "vrfId": 2,
             "vrfName": "vrf110",
             "tableVersion": 2,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": { "10.0.40.0/24": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"10.0.40.0","prefixLen":24,"network":"10.0.40.0/24","version":2,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"0.0.0.0","hostname":"vm","afi":"ipv4","used":true}]}]
            ,"10.0.48.0/24": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"10.0.48.0","prefixLen":24,"network":"10.0.48.0/24","version":1,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nhVrfName":"vrf210","nhVrfId":1,"nexthops":[{"ip":"0.0.0.0","hostname":"vm","afi":"ipv4","used":true}]}]
             }  }
            ,
            "vrf210":{
             "vrfId": 1,
             "vrfName": "vrf210",
             "tableVersion": 3,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": { "10.0.40.0/24": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"10.0.40.0","prefixLen":24,"network":"10.0.40.0/24","version":3,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nhVrfName":"vrf110","nhVrfId":2,"nexthops":[{"ip":"0.0.0.0","hostname":"vm","afi":"ipv4","used":true}]}]
            ,"10.0.48.0/24": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"10.0.48.0","prefixLen":24,"network":"10.0.48.0/24","version":1,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"0.0.0.0","hostname":"vm","afi":"ipv4","used":true}]}]
            ,"192.168.99.0/24": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"192.168.99.0","prefixLen":24,"network":"192.168.99.0/24","version":2,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"0.0.0.0","hostname":"vm","afi":"ipv4","used":true}]}]
             }  }
            }
            """;

    static final String IPV6 = """
            {
            "default":{
             "vrfId": 0,
             "vrfName": "default",
             "tableVersion": 0,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": {  }  }
            ,
            "vrf110":{
             "vrfId": 2,
             "vrfName": "vrf110",
             "tableVersion": 2,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": { "2001:db8:0:40::/64": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"2001:db8:0:40::","prefixLen":64,"network":"2001:db8:0:40::/64","version":2,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"::","hostname":"vm","afi":"ipv6","scope":"global","used":true}]}]
            ,"2001:db8:0:48::/64": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"2001:db8:0:48::","prefixLen":64,"network":"2001:db8:0:48::/64","version":1,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nhVrfName":"vrf210","nhVrfId":1,"nexthops":[{"ip":"::","hostname":"vm","afi":"ipv6","scope":"global","used":true}]}]
             }  }
            ,
            "vrf210":{
             "vrfId": 1,
             "vrfName": "vrf210",
             "tableVersion": 3,
             "routerId": "10.0.0.11",
             "defaultLocPrf": 100,
             "localAS": 4200000011,
             "routes": { "2001:db8:0:40::/64": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"2001:db8:0:40::","prefixLen":64,"network":"2001:db8:0:40::/64","version":3,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nhVrfName":"vrf110","nhVrfId":2,"nexthops":[{"ip":"::","hostname":"vm","afi":"ipv6","scope":"global","used":true}]}]
            ,"2001:db8:0:48::/64": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"2001:db8:0:48::","prefixLen":64,"network":"2001:db8:0:48::/64","version":1,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"::","hostname":"vm","afi":"ipv6","scope":"global","used":true}]}]
            ,"2001:db8:99::/64": [{"valid":true,"bestpath":true,"selectionReason":"First path received","pathFrom":"external","prefix":"2001:db8:99::","prefixLen":64,"network":"2001:db8:99::/64","version":2,"metric":0,"weight":32768,"peerId":"(unspec)","path":"","origin":"incomplete","nexthops":[{"ip":"::","hostname":"vm","afi":"ipv6","scope":"global","used":true}]}]
             }  }
            }
            """;

    private final BgpTableParser parser = new BgpTableParser();

    @Test
    void readsOwnAndLeakedPathsOfEveryVrf() {
        SortedMap<String, List<BgpPath>> t = parser.parse(IPV4);
        assertThat(t.keySet()).containsExactly("default", "vrf110", "vrf210");
        assertThat(t.get("default")).isEmpty();
        assertThat(t.get("vrf110")).containsExactly(
                new BgpPath(IpPrefix.parse("10.0.40.0/24"), true, true, Optional.empty()),
                new BgpPath(IpPrefix.parse("10.0.48.0/24"), true, true, Optional.of("vrf210")));
        assertThat(t.get("vrf210")).containsExactly(
                new BgpPath(IpPrefix.parse("10.0.40.0/24"), true, true, Optional.of("vrf110")),
                new BgpPath(IpPrefix.parse("10.0.48.0/24"), true, true, Optional.empty()),
                new BgpPath(IpPrefix.parse("192.168.99.0/24"), true, true, Optional.empty()));
    }

    @Test
    void readsIpv6() {
        SortedMap<String, List<BgpPath>> t = parser.parse(IPV6);
        assertThat(BgpTableParser.validPrefixes(t, "vrf110")).containsExactly(
                IpPrefix.parse("2001:db8:0:40::/64"), IpPrefix.parse("2001:db8:0:48::/64"));
        assertThat(t.get("vrf110").get(1).nhVrfName()).contains("vrf210");
        assertThat(t.get("vrf110").get(1).leaked()).isTrue();
        assertThat(t.get("vrf110").get(0).leaked()).isFalse();
    }

    @Test
    void aPathWithoutValidIsInvalidAndNotBest() {
        String json = """
                {"vrf10": {"vrfId": 3, "vrfName": "vrf10", "routes": {
                  "10.20.1.0/24": [{"bestpath": false, "nhVrfName": "vrf20", "network": "10.20.1.0/24"}],
                  "10.10.1.0/24": [{"valid": true, "bestpath": true}, {"valid": true}]}}}
                """;
        SortedMap<String, List<BgpPath>> t = parser.parse(json);
        assertThat(t.get("vrf10")).containsExactly(
                new BgpPath(IpPrefix.parse("10.10.1.0/24"), true, true, Optional.empty()),
                new BgpPath(IpPrefix.parse("10.10.1.0/24"), true, false, Optional.empty()),
                new BgpPath(IpPrefix.parse("10.20.1.0/24"), false, false, Optional.of("vrf20")));
        assertThat(BgpTableParser.validPrefixes(t, "vrf10")).containsExactly(IpPrefix.parse("10.10.1.0/24"));
        assertThat(BgpTableParser.validPrefixes(t, "vrf99")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotTheExpectedShape() {
        assertThatThrownBy(() -> parser.parse("% BGP instance not found")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> parser.parse("[]")).hasMessageContaining("is not a JSON object of VRFs");
        assertThatThrownBy(() -> parser.parse("{\"vrf10\": {\"vrfId\": 3}}")).hasMessageContaining("no \"routes\" object for VRF vrf10");
        assertThatThrownBy(() -> parser.parse("{\"vrf10\": {\"routes\": {\"10.0.0.1/24\": []}}}"))
                .hasMessageContaining("invalid prefix 10.0.0.1/24 in VRF vrf10");
    }
}
