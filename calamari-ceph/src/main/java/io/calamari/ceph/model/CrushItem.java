package io.calamari.ceph.model;

/** One item of a CRUSH bucket: child id, weight (raw 16.16 fixed point / 65536) and position. */
public record CrushItem(int id, double weight, int position) {}
