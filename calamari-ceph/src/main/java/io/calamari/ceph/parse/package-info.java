/**
 * Tolerant parsers from Ceph mon/mgr command JSON ({@code -f json}) to the records of {@link
 * io.calamari.ceph.model}: one class per command, unknown fields ignored, fields renamed across
 * releases accepted under each name, structurally wrong documents rejected with {@link
 * io.calamari.ceph.parse.CephParseException}.
 */
@NullMarked
package io.calamari.ceph.parse;

import org.jspecify.annotations.NullMarked;
