/** Test fixtures and harnesses for real peers (PostgreSQL, Ceph, Chromium). */
@NullMarked
package io.calamari.testkit;

import org.jspecify.annotations.NullMarked;
