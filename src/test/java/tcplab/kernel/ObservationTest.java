package tcplab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How kernelcheck.py's records become state sequences: the tracepoint for full sockets, /proc
 * for the minisockets it does not show (request and timewait sockets), times relative to 0.
 */
class ObservationTest {

    private static final String C = "10.7.0.1:40000";
    private static final String S = "10.7.0.2:80";

    private static List<String> steps(Observation o, String host, int socket) {
        return o.sockets().get(host).get(socket).stream().map(Observation.Step::toString).toList();
    }

    @Test
    void aTimewaitSocketCarriesOnTheStatesOfTheFullSocketItReplaces() {
        // An orphan reaching FIN_WAIT2 becomes a timewait socket at once (tcp_time_wait()): the
        // tracepoint says CLOSE; /proc says FIN_WAIT2, then TIME_WAIT when the peer's FIN comes.
        Observation o = Observation.fromKernel(List.of(
                "state\t0.3\tclient\t" + C + "\t" + S + "\tCLOSE\tSYN_SENT",
                "state\t201.0\tclient\t" + C + "\t" + S + "\tSYN_SENT\tESTABLISHED",
                "state\t500.0\tclient\t" + C + "\t" + S + "\tESTABLISHED\tFIN_WAIT1",
                "state\t703.0\tclient\t" + C + "\t" + S + "\tFIN_WAIT1\tFIN_WAIT2",
                "state\t703.1\tclient\t" + C + "\t" + S + "\tFIN_WAIT2\tCLOSE",
                "poll\t704.0\tclient\t" + C + "\t" + S + "\tFIN_WAIT2\t59000\tmini",
                "poll\t1003.0\tclient\t" + C + "\t" + S + "\tTIME_WAIT\t59990\tmini"), 2000);
        assertEquals(List.of("0.3 CLOSED>SYN_SENT", "201.0 SYN_SENT>ESTABLISHED", "500.0 ESTABLISHED>FIN_WAIT_1",
                "703.0 FIN_WAIT_1>FIN_WAIT_2", "1003.0 FIN_WAIT_2>TIME_WAIT", "60993.0 TIME_WAIT>CLOSED"), steps(o, "client", 0));
    }

    @Test
    void aRequestSocketIsTheConnectionsSynReceivedAndItsFullSocketAddsNoState() {
        Observation o = Observation.fromKernel(List.of(
                "state\t0.2\tserver\t0.0.0.0:80\t0.0.0.0:0\tCLOSE\tLISTEN",
                "poll\t101.5\tserver\t" + S + "\t" + C + "\tSYN_RECV\t1000\tmini",
                "state\t302.0\tserver\t" + S + "\t" + C + "\tLISTEN\tSYN_RECV",
                "state\t302.1\tserver\t" + S + "\t" + C + "\tSYN_RECV\tESTABLISHED",
                "poll\t303.0\tserver\t" + S + "\t" + C + "\tESTABLISHED\t-1\tfull",
                "state\t1500.0\tserver\t0.0.0.0:80\t0.0.0.0:0\tLISTEN\tCLOSE"), 1000);
        assertEquals(List.of("0.2 CLOSED>LISTEN"), steps(o, "server", 0), "the listener's close after the run is left out");
        assertEquals(List.of("101.5 LISTEN>SYN_RECEIVED", "302.1 SYN_RECEIVED>ESTABLISHED"), steps(o, "server", 1));
    }

    @Test
    void aRequestSocketThatGoesAwayIsClosed() {
        Observation o = Observation.fromKernel(List.of(
                "poll\t101.5\tserver\t" + S + "\t" + C + "\tSYN_RECV\t1000\tmini",
                "poll\t3105.0\tserver\t" + S + "\t" + C + "\tgone\t-1\t-"), 5000);
        assertEquals(List.of("101.5 LISTEN>SYN_RECEIVED", "3105.0 SYN_RECEIVED>CLOSED"), steps(o, "server", 0));
    }

    @Test
    void segmentsAreNumberedFromEachDirectionsIsnAndACrashedHostsAreLeftOut() {
        Observation o = Observation.fromKernel(List.of(
                "segment\t0.6\tclient\tserver\tSYN\t" + C + ">" + S + "\t4294967000\t0\t0\tdeliver",
                "segment\t101.0\tserver\tclient\tSYN,ACK\t" + S + ">" + C + "\t77\t4294967001\t0\tdeliver",
                "segment\t201.0\tclient\tserver\tACK\t" + C + ">" + S + "\t4294967001\t78\t0\tdrop",
                "segment\t1000.5\tclient\tserver\tRST,ACK\t" + C + ">" + S + "\t4294967001\t78\t0\tdark",
                "segment\t2100.0\tclient\tserver\tRST\t" + C + ">" + S + "\t4294967001\t0\t0\tdeliver"), 3000);
        assertEquals(List.of("0.6 SYN 0/0 len=0 to server deliver", "201.0 ACK 1/1 len=0 to server drop",
                "2100.0 RST 1/0 len=0 to server deliver"), o.segments().get("client").stream().map(Object::toString).toList());
        assertEquals(List.of("101.0 SYN,ACK 0/1 len=0 to client deliver"),
                o.segments().get("server").stream().map(Object::toString).toList());
    }
}
