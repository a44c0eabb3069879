/** Typed Ceph commands: what to send, to which daemon, and how to read the answer. */
@NullMarked
package io.calamari.ceph.command;

import org.jspecify.annotations.NullMarked;
