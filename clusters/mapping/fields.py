"""The fields of a cluster's record, written once: the model form, the API serializer,
the import columns and the export columns all read them from here."""

# What names and places a cluster (the coordinator edits them on the cluster).
CLUSTER_FIELDS: tuple[str, ...] = (
    "name",
    "sector",
    "main_products",
    "region",
    "locality",
    "latitude",
    "longitude",
)

# Enterprises by size class, and employment by sex (their sums are computed).
ENTERPRISE_FIELDS: tuple[str, ...] = (
    "enterprises_micro",
    "enterprises_small",
    "enterprises_medium",
    "enterprises_large",
)
EMPLOYMENT_FIELDS: tuple[str, ...] = ("employment_women", "employment_men")

# The mapping record of a candidate: size, employment, potential and the source.
MAPPING_FIELDS: tuple[str, ...] = (
    *ENTERPRISE_FIELDS,
    *EMPLOYMENT_FIELDS,
    "women_owned_share",
    "support_institutions",
    "export_orientation",
    "growth_potential",
    "information_source",
    "information_date",
)

# Everything mapped for a candidate cluster (the form, the import file's columns).
CANDIDATE_FIELDS: tuple[str, ...] = CLUSTER_FIELDS + MAPPING_FIELDS

# Figures computed from the record (read only).
COMPUTED_FIELDS: tuple[str, ...] = ("enterprises_total", "employment_total")
