/** The series index: names to ids, the path trie that Graphite patterns walk, and the tag index. */
@NullMarked
package io.calamari.tsdb.index;

import org.jspecify.annotations.NullMarked;
