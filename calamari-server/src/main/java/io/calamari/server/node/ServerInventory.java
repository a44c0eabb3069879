package io.calamari.server.node;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Filesystem;
import io.calamari.ceph.model.MdsInfo;
import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdTreeNode;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.mon.MonQuorum;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The servers (hosts) of the monitored clusters and the Ceph services on them, derived from the
 * clusters alone: Calamari's <em>unmanaged</em> servers, as Calamari lite inferred them without salt.
 * There are no agents yet, so every server is unmanaged ({@code managed=false}, no last contact, no
 * boot time) and named by its hostname, which is also its FQDN:
 *
 * <ul>
 *   <li>OSD hosts are the CRUSH buckets of type {@code host} in {@code osd tree} that hold at least
 *       one OSD (at any depth); a host linked under several roots is one server. Each OSD is a
 *       service {@code osd} whose {@code running} is the OSD map's {@code up}. OSDs not under a
 *       CRUSH host are not attributed to any server.
 *   <li>Each mon is a service {@code mon} on a server named after the mon ({@link MonQuorum#host}),
 *       {@code running} when in quorum ({@link MonQuorum}). Mon names are hostnames in a
 *       conventionally deployed cluster (cephadm, ceph-deploy); resolving the mon address by
 *       reverse DNS, as Calamari lite did, is left out so that the result does not depend on DNS.
 *   <li>Each MDS of the FS map (file systems and standbys) is a service {@code mds} on a server
 *       named after the MDS, {@code running} when its state is {@code up:…}.
 * </ul>
 *
 * A hostname found in several clusters is one server carrying the services of all of them. {@code
 * ceph_version} is the {@code ceph_version} of the server's lowest-numbered OSD that reports one in
 * {@code osd metadata}, else null. For one cluster's view ({@link #clusterServers}) the front-end
 * address is the IP of the server's mon, else of its lowest OSD's public address, and the back-end
 * address the IP of that OSD's cluster address (ports and nonces stripped). Immutable; no HTTP.
 */
public final class ServerInventory {
    private static final String HOST_TYPE = "host";

    /** One Ceph daemon: cluster, type ({@code osd}, {@code mon}, {@code mds}), id and whether it runs. */
    public record Service(String fsid, String type, String id, boolean running) {
        public Service {
            requireNonNull(fsid, "fsid");
            requireNonNull(type, "type");
            requireNonNull(id, "id");
        }
    }

    /** One server with its services, ordered by cluster, type and id. */
    public record Server(String fqdn, String hostname, Optional<String> cephVersion, List<Service> services) {
        public Server {
            requireNonNull(fqdn, "fqdn");
            requireNonNull(hostname, "hostname");
            requireNonNull(cephVersion, "cephVersion");
            services = List.copyOf(services);
        }
    }

    /** A server as one cluster sees it: only that cluster's services, with its network addresses. */
    public record ClusterServer(Server server, Optional<String> frontendAddr, Optional<String> backendAddr) {
        public ClusterServer {
            requireNonNull(server, "server");
            requireNonNull(frontendAddr, "frontendAddr");
            requireNonNull(backendAddr, "backendAddr");
        }
    }

    private static final Comparator<Service> SERVICE_ORDER = Comparator.comparing(Service::fsid)
            .thenComparing(Service::type)
            .thenComparing(Service::id, ServerInventory::compareIds);

    private final Map<String, Server> servers;

    private ServerInventory(Map<String, Server> servers) {
        this.servers = servers;
    }

    /** The servers of all these clusters, merged by hostname. */
    public static ServerInventory of(List<ClusterSnapshot> clusters) {
        Map<String, List<Service>> services = new TreeMap<>();
        Map<String, Optional<String>> versions = new TreeMap<>();
        for (ClusterSnapshot cluster : clusters.stream()
                .sorted(Comparator.comparing(ClusterSnapshot::fsid))
                .toList()) {
            for (Host host : hosts(cluster).values()) {
                services.computeIfAbsent(host.name, name -> new ArrayList<>()).addAll(host.services);
                versions.merge(host.name, host.cephVersion(), (first, second) -> first.or(() -> second));
            }
        }
        Map<String, Server> servers = new LinkedHashMap<>();
        services.forEach((name, list) -> servers.put(
                name,
                new Server(
                        name,
                        name,
                        versions.getOrDefault(name, Optional.empty()),
                        list.stream().sorted(SERVICE_ORDER).toList())));
        return new ServerInventory(servers);
    }

    /** Every server, ordered by FQDN. */
    public List<Server> servers() {
        return List.copyOf(servers.values());
    }

    public Optional<Server> server(String fqdn) {
        return Optional.ofNullable(servers.get(fqdn));
    }

    /** The servers of one cluster, ordered by FQDN, with only its services and its addresses. */
    public static List<ClusterServer> clusterServers(ClusterSnapshot cluster) {
        return hosts(cluster).values().stream()
                .map(host -> new ClusterServer(
                        new Server(
                                host.name,
                                host.name,
                                host.cephVersion(),
                                host.services.stream().sorted(SERVICE_ORDER).toList()),
                        host.frontendAddr(),
                        host.backendAddr()))
                .toList();
    }

    /**
     * The IP of a Ceph address in legacy form ({@code 10.0.0.1:6789/0}, {@code [::1]:6789/0}), or
     * empty when there is none.
     */
    public static Optional<String> ip(String address) {
        String withoutNonce = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        String ip;
        if (withoutNonce.startsWith("[")) {
            int end = withoutNonce.indexOf(']');
            ip = end < 0 ? "" : withoutNonce.substring(1, end);
        } else {
            int colon = withoutNonce.lastIndexOf(':');
            ip = colon < 0 ? withoutNonce : withoutNonce.substring(0, colon);
        }
        return ip.isBlank() || ip.equals("-") ? Optional.empty() : Optional.of(ip);
    }

    /** The hosts of one cluster by hostname, sorted. */
    private static Map<String, Host> hosts(ClusterSnapshot cluster) {
        Map<String, Host> hosts = new TreeMap<>();
        cluster.osdMap().map(Part::value).ifPresent(osdMap -> addOsdHosts(cluster.fsid(), osdMap, hosts));
        MonQuorum.of(cluster).ifPresent(quorum -> {
            for (Mon mon : quorum.mons()) {
                Host host = hosts.computeIfAbsent(MonQuorum.host(mon), Host::new);
                host.services.add(new Service(cluster.fsid(), "mon", mon.name(), quorum.inQuorum(mon.name())));
                if (host.monAddr.isEmpty()) {
                    host.monAddr = ip(mon.address());
                }
            }
        });
        cluster.fsMap().map(Part::value).ifPresent(fsMap -> {
            Map<String, MdsInfo> daemons = new LinkedHashMap<>();
            for (Filesystem filesystem : fsMap.filesystems()) {
                filesystem.mds().forEach(mds -> daemons.putIfAbsent(mds.name(), mds));
            }
            fsMap.standbys().forEach(mds -> daemons.putIfAbsent(mds.name(), mds));
            for (MdsInfo mds : daemons.values()) {
                hosts.computeIfAbsent(mds.name(), Host::new)
                        .services
                        .add(new Service(
                                cluster.fsid(), "mds", mds.name(), mds.state().startsWith("up:")));
            }
        });
        return hosts;
    }

    private static void addOsdHosts(String fsid, OsdMapPart osdMap, Map<String, Host> hosts) {
        Map<Integer, OsdTreeNode> nodes = osdMap.tree().nodesById();
        Map<Integer, Osd> osds =
                osdMap.map().osds().stream().collect(Collectors.toMap(Osd::id, Function.identity(), (a, b) -> a));
        for (OsdTreeNode node : nodes.values()) {
            if (node.isOsd() || !HOST_TYPE.equals(node.type())) {
                continue;
            }
            Set<Integer> osdIds = osdsUnder(node, nodes);
            if (osdIds.isEmpty()) {
                continue;
            }
            Host host = hosts.computeIfAbsent(node.name(), Host::new);
            for (int id : osdIds) {
                Osd osd = osds.get(id);
                host.services.add(new Service(fsid, "osd", Integer.toString(id), osd != null && osd.up()));
                if (osd != null) {
                    host.osds.putIfAbsent(id, osd);
                }
                osdMap.metadata(id)
                        .flatMap(metadata -> metadata.cephVersion())
                        .ifPresent(version -> host.versions.putIfAbsent(id, version));
            }
        }
    }

    private static Set<Integer> osdsUnder(OsdTreeNode host, Map<Integer, OsdTreeNode> nodes) {
        Set<Integer> found = new TreeSet<>();
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(host.children());
        while (!pending.isEmpty()) {
            int id = pending.pop();
            if (!seen.add(id)) {
                continue;
            }
            if (id >= 0) {
                found.add(id);
            } else {
                OsdTreeNode child = nodes.get(id);
                if (child != null) {
                    pending.addAll(child.children());
                }
            }
        }
        return found;
    }

    /** Numeric ids (OSDs) numerically, others as text. */
    private static int compareIds(String left, String right) {
        boolean leftNumeric = !left.isEmpty() && left.chars().allMatch(Character::isDigit);
        boolean rightNumeric = !right.isEmpty() && right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric && left.length() < 10 && right.length() < 10) {
            return Integer.compare(Integer.parseInt(left), Integer.parseInt(right));
        }
        return left.compareTo(right);
    }

    /** What one cluster says about one host, while it is being collected. */
    private static final class Host {
        final String name;
        final List<Service> services = new ArrayList<>();
        final TreeMap<Integer, String> versions = new TreeMap<>();
        final TreeMap<Integer, Osd> osds = new TreeMap<>();
        Optional<String> monAddr = Optional.empty();

        Host(String name) {
            this.name = name;
        }

        Optional<String> cephVersion() {
            return versions.isEmpty()
                    ? Optional.empty()
                    : Optional.of(versions.firstEntry().getValue());
        }

        Optional<String> frontendAddr() {
            return monAddr.or(() -> firstOsd().flatMap(osd -> ip(osd.publicAddress())));
        }

        Optional<String> backendAddr() {
            return firstOsd().flatMap(osd -> ip(osd.clusterAddress()));
        }

        private Optional<Osd> firstOsd() {
            return osds.isEmpty()
                    ? Optional.empty()
                    : Optional.of(osds.firstEntry().getValue());
        }
    }
}
