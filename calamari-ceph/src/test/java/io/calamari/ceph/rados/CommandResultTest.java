package io.calamari.ceph.rados;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ceph's refusals in the CLI's words. */
class CommandResultTest {
    @Test
    void errorTextNamesTheErrnoAndQuotesCephsStatus() {
        assertThat(new CommandResult(-17, new byte[0], "pool 'rbd' already exists\n").errorText())
                .isEqualTo("Error EEXIST: pool 'rbd' already exists");
        assertThat(new CommandResult(-22, "ignored".getBytes(), " ").errorText())
                .isEqualTo("Error EINVAL");
        assertThat(new CommandResult(-999, new byte[0], "odd").errorText()).isEqualTo("Error errno 999: odd");
    }
}
