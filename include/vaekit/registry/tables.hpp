#pragma once
/// @file
/// @brief The registry's tables (vaekit::Table, so that they cross to Python, pandas, pyarrow and
/// polars as typed columns): the certifications, the rejects of an import and the changes between
/// two snapshots.

#include "vaekit/core/table.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"

namespace vaekit {

/// One row per certification of @p registry, in registry order. Columns: code; kind (category
/// "RNCP"/"RS"); title; short_type (category, the ABREGE code, null if none); level (int64, null
/// without level); old_level (category "V".."I", null if none); active, vae_accessible (boolean);
/// certifiers, certifier_sirets, rome_codes, nsf_codes, formacodes, blocks (string lists, export
/// order); access_routes (string list of to_string(AccessRoute)); decision_date, effect_date,
/// registration_end, delivery_deadline (date, null if absent); partial_validation (boolean, null
/// if blank); replaces, replaced_by (string lists); certified_by_vae_last_year (int64, the last
/// statistics year's NOMBRE_CERTIFIES_VAE, null if none).
[[nodiscard]] Table registry_table(const Registry& registry);

/// One row per reject of a lenient import: source, line (int64), field, code (the fiche's code,
/// the Reject's record), reason.
[[nodiscard]] Table rejects_table(const std::vector<Reject>& rejects);

/// One row per change between two snapshots: code, change (category: added, withdrawn,
/// deactivated, reactivated, replaced, changed), field (null for the first four; "successors" for
/// replaced), old and new (compact JSON of the field's values for changed; for replaced, new is the
/// successors joined with ", "; null otherwise). Rows in that order of change kinds.
[[nodiscard]] Table changes_table(const RegistryChanges& changes);

}  // namespace vaekit
