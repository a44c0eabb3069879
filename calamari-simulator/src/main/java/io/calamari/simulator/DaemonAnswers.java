package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * What the daemons say about themselves: {@code osd metadata} (every OSD, one call) and the
 * manager's {@code config show-with-defaults} for a mon: a small set of the options Calamari
 * shows, each with its value and where it came from. Called with the cluster's lock held.
 * Stateless.
 */
final class DaemonAnswers {
    static final String VERSION = "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)";

    private DaemonAnswers() {}

    static byte[] osdMetadata(SimulatedCluster cluster) {
        return JsonAnswer.write(2048 * cluster.osdCount(), json -> {
            json.writeStartArray();
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                writeOsd(cluster, osd, json);
            }
            json.writeEndArray();
        });
    }

    private static void writeOsd(SimulatedCluster cluster, int osd, JsonGenerator json) {
        int host = cluster.hostOf(osd);
        String address = SimulatedCluster.hostAddress(host);
        int port = cluster.osdBasePort(osd);
        long nonce = cluster.osdNonce(osd);
        String device = "sd" + (char) ('b' + osd % cluster.spec().osdsPerHost() % 24);
        json.writeStartObject();
        json.writeNumberProperty("id", osd);
        json.writeStringProperty("arch", "x86_64");
        json.writeStringProperty("back_addr", JsonAnswer.legacyVector(address, port + 2, port + 3, nonce));
        json.writeStringProperty("back_iface", "eth0");
        json.writeStringProperty("ceph_release", "pacific");
        json.writeStringProperty("ceph_version", VERSION);
        json.writeStringProperty("ceph_version_short", "16.2.15");
        json.writeStringProperty("ceph_version_when_created", VERSION);
        json.writeStringProperty("container_name", "");
        json.writeStringProperty("cpu", "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz");
        json.writeStringProperty("created_at", JsonAnswer.monMapTime(cluster.created()));
        json.writeStringProperty("default_device_class", "hdd");
        json.writeStringProperty(
                "device_ids", device + "=SIMULATED_HDD_" + cluster.osdUuid(osd).substring(0, 8));
        json.writeStringProperty("device_paths", device + "=/dev/disk/by-path/pci-0000:00:1f.2-ata-" + (osd % 8 + 1));
        json.writeStringProperty("devices", device);
        json.writeStringProperty("distro", "debian");
        json.writeStringProperty("distro_description", "Debian GNU/Linux 12 (bookworm)");
        json.writeStringProperty("distro_version", "12");
        json.writeStringProperty("front_addr", JsonAnswer.legacyVector(address, port, port + 1, nonce));
        json.writeStringProperty("front_iface", "eth0");
        json.writeStringProperty("hb_back_addr", JsonAnswer.legacyVector(address, port + 6, port + 7, nonce));
        json.writeStringProperty("hb_front_addr", JsonAnswer.legacyVector(address, port + 4, port + 5, nonce));
        json.writeStringProperty("hostname", SimulatedCluster.hostName(host));
        json.writeStringProperty("journal_rotational", "1");
        json.writeStringProperty("kernel_description", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.0-13 (2023-09-29)");
        json.writeStringProperty("kernel_version", "6.1.0-13-amd64");
        json.writeStringProperty("mem_swap_kb", "0");
        json.writeStringProperty("mem_total_kb", "131780104");
        json.writeStringProperty("network_numa_unknown_ifaces", "back_iface,front_iface");
        json.writeStringProperty("os", "Linux");
        json.writeStringProperty("osd_data", "/var/lib/ceph/osd/ceph-" + osd);
        json.writeStringProperty("osd_objectstore", "bluestore");
        json.writeStringProperty("osdspec_affinity", "");
        json.writeStringProperty("rotational", "1");
        json.writeEndObject();
    }

    /** Whether {@code who} names one of the cluster's mons ({@code mon.a}...). */
    static boolean isMon(SimulatedCluster cluster, String who) {
        for (int rank = 0; rank < cluster.spec().mons(); rank++) {
            if (who.equals("mon." + SimulatedCluster.monName(rank))) {
                return true;
            }
        }
        return false;
    }

    static byte[] configShow(SimulatedCluster cluster, String who) {
        StringBuilder monHosts = new StringBuilder();
        for (int rank = 0; rank < cluster.spec().mons(); rank++) {
            String host = SimulatedCluster.hostAddress(cluster.monHost(rank));
            monHosts.append(rank == 0 ? "" : ",")
                    .append("[v2:")
                    .append(host)
                    .append(":3300,v1:")
                    .append(host)
                    .append(":6789]");
        }
        // Name, value, source and, for a value the file set over a default, that default: Ceph lists
        // it under "overrides".
        String[][] options = {
            {"auth_client_required", "cephx", "default"},
            {"auth_cluster_required", "cephx", "default"},
            {"auth_service_required", "cephx", "default"},
            {"cluster_network", "10.0.0.0/8", "file", ""},
            {"fsid", cluster.fsid(), "file", "00000000-0000-0000-0000-000000000000"},
            {"host", "", "default"},
            {
                "keyring",
                "/var/lib/ceph/" + who.replace('.', '/').replace("/", "/ceph-") + "/keyring",
                "file",
                "$mon_data/keyring"
            },
            {"log_file", "/var/log/ceph/ceph-" + who + ".log", "default"},
            {"mon_allow_pool_delete", String.valueOf(cluster.allowPoolDelete()), "mon", "false"},
            {"mon_host", monHosts.toString(), "file", ""},
            {"mon_max_pg_per_osd", "250", "default"},
            {"mon_osd_down_out_interval", "600", "default"},
            {"mon_osd_full_ratio", "0.950000", "default"},
            {"mon_osd_nearfull_ratio", "0.850000", "default"},
            {"name", who, "override"},
            {"osd_pool_default_min_size", "0", "default"},
            {"osd_pool_default_pg_num", "32", "default"},
            {"osd_pool_default_size", String.valueOf(cluster.replicas()), "file", "3"},
            {"public_network", "10.0.0.0/8", "file", ""},
        };
        return JsonAnswer.write(json -> {
            json.writeStartArray();
            for (String[] option : options) {
                json.writeStartObject();
                json.writeStringProperty("name", option[0]);
                json.writeStringProperty("value", option[1]);
                json.writeStringProperty("source", option[2]);
                if (option.length > 3) {
                    json.writeName("overrides");
                    json.writeStartArray();
                    json.writeStartObject();
                    json.writeStringProperty("source", "default");
                    json.writeStringProperty("value", option[3]);
                    json.writeEndObject();
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
