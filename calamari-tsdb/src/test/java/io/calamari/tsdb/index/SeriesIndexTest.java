package io.calamari.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesIndexTest {
    private final SeriesIndex index = new SeriesIndex();

    @BeforeEach
    void addSeries() {
        for (String name : List.of(
                "servers.node1.cpu.total.user",
                "servers.node1.cpu.total.system",
                "servers.node2.cpu.total.user",
                "servers.node10.cpu.total.user",
                "servers.node1.cpu",
                "ceph.cluster.abc.pool.1.num_read",
                "ceph.cluster.abc.pool.2.num_read",
                "ceph.cluster.abc.pool.all.num_read",
                "disk.used;datacenter=dc1;rack=a1",
                "disk.used;datacenter=dc2;rack=a1",
                "disk.free;datacenter=dc1")) {
            index.idOrAdd(name, (id, added) -> {});
        }
    }

    private List<String> paths(String pattern) {
        return index.find(pattern).stream().map(SeriesIndex.PathMatch::path).toList();
    }

    @Test
    void matchesOneNodeAtATimeWithGraphitesWildcards() {
        assertThat(paths("servers.*.cpu.total.user"))
                .containsExactly(
                        "servers.node1.cpu.total.user",
                        "servers.node10.cpu.total.user",
                        "servers.node2.cpu.total.user");
        assertThat(paths("servers.node?.cpu.total.user"))
                .containsExactly("servers.node1.cpu.total.user", "servers.node2.cpu.total.user");
        assertThat(paths("servers.node[12].cpu.total.user"))
                .containsExactly("servers.node1.cpu.total.user", "servers.node2.cpu.total.user");
        assertThat(paths("servers.node[!1].cpu.total.user")).containsExactly("servers.node2.cpu.total.user");
        assertThat(paths("servers.node[0-9]*.cpu.total.system")).containsExactly("servers.node1.cpu.total.system");
        assertThat(paths("ceph.cluster.abc.pool.{1,all}.num_read"))
                .containsExactly("ceph.cluster.abc.pool.1.num_read", "ceph.cluster.abc.pool.all.num_read");
        assertThat(paths("servers.{node{1,2},x}.cpu.total.user"))
                .containsExactly("servers.node1.cpu.total.user", "servers.node2.cpu.total.user");
        assertThat(paths("servers.*")).containsExactly("servers.node1", "servers.node10", "servers.node2");
        assertThat(paths("*")).containsExactly("ceph", "servers");
        assertThat(paths("servers.node1.cpu.*.user.x")).isEmpty();
        assertThat(paths("Servers.*")).isEmpty();
    }

    @Test
    void aNodeCanBeALeafAndABranch() {
        assertThat(index.find("servers.node1.cpu"))
                .containsExactly(new SeriesIndex.PathMatch("servers.node1.cpu", true, true));
        assertThat(index.find("servers.node1.cpu.total.user"))
                .containsExactly(new SeriesIndex.PathMatch("servers.node1.cpu.total.user", true, false));
    }

    @Test
    void taggedSeriesAreFoundByTagsNotByPath() {
        assertThat(paths("disk.*")).isEmpty();
        assertThat(index.findTagged(List.of(TagExpression.parse("name=disk.used"))))
                .containsExactly("disk.used;datacenter=dc1;rack=a1", "disk.used;datacenter=dc2;rack=a1");
        assertThat(index.findTagged(List.of(TagExpression.parse("datacenter=dc1"), TagExpression.parse("rack!=a1"))))
                .containsExactly("disk.free;datacenter=dc1");
        assertThat(index.findTagged(
                        List.of(TagExpression.parse("name=~disk"), TagExpression.parse("datacenter=~dc[2]"))))
                .containsExactly("disk.used;datacenter=dc2;rack=a1");
        assertThat(index.findTagged(List.of(TagExpression.parse("rack=~a"), TagExpression.parse("datacenter!=~dc1"))))
                .containsExactly("disk.used;datacenter=dc2;rack=a1");
        assertThatThrownBy(() -> index.findTagged(List.of(TagExpression.parse("rack!=a1"))))
                .hasMessageContaining("at least one expression");
        assertThat(index.tagNames("", 10)).containsExactly("datacenter", "name", "rack");
        assertThat(index.tagValues("datacenter", "dc", 1)).containsExactly("dc1");
    }

    @Test
    void idsAreDenseAndStable() {
        assertThat(index.id("servers.node1.cpu.total.user")).contains(0);
        assertThat(index.idOrAdd("servers.node1.cpu.total.user", (id, name) -> {
                    throw new AssertionError("known names are not added again");
                }))
                .isZero();
        assertThat(index.name(3)).isEqualTo("servers.node10.cpu.total.user");
        assertThat(index.size()).isEqualTo(11);
    }
}
