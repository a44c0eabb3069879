/**
 * Typed Ceph commands: what to send, to which daemon, and how to read the answer; and {@link
 * io.calamari.ceph.command.CommandLineParser}, which turns a {@code ceph ...} command line into such a
 * command exactly as the {@code ceph} CLI would, against the command descriptions the cluster
 * publishes.
 */
@NullMarked
package io.calamari.ceph.command;

import org.jspecify.annotations.NullMarked;
