#pragma once
/// @file
/// @brief Changes between two snapshots of the registry, and their impact on cases aiming at a
/// certification.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/json.hpp"
#include "vaekit/registry/registry.hpp"

namespace vaekit {

/// One field whose value differs between the snapshots (values as compact JSON text).
struct FieldChange {
  std::string code;       ///< The certification.
  std::string field;      ///< The JSON field name (e.g. "title", "level", "rome").
  std::string old_value;  ///< The old value, compact JSON.
  std::string new_value;  ///< The new value, compact JSON.
  /// Equality of every field.
  friend bool operator==(const FieldChange&, const FieldChange&) = default;
};

/// A certification newly replaced, with where its chains now end.
struct Replacement {
  std::string code;                      ///< The replaced certification.
  std::vector<std::string> replaced_by;  ///< Its direct replacements in the new snapshot.
  std::vector<std::string> successors;   ///< Ends of its chains in the new snapshot.
  /// Equality of every field.
  friend bool operator==(const Replacement&, const Replacement&) = default;
};

/// What changed from one snapshot to the next.
struct RegistryChanges {
  /// JSON schema name.
  static constexpr std::string_view schema_name = "RegistryChanges";
  /// JSON schema version.
  static constexpr int schema_version = 1;
  std::vector<std::string> added;        ///< In the new snapshot only (sorted).
  std::vector<std::string> withdrawn;    ///< In the old snapshot only (sorted).
  std::vector<std::string> deactivated;  ///< Active before, inactive now (sorted).
  std::vector<std::string> reactivated;  ///< Inactive before, active now (sorted).
  std::vector<Replacement> replaced;     ///< Gained a replacement link (sorted by code).
  std::vector<FieldChange> changed;  ///< Field changes of certifications in both (by code, field).
  /// Whether nothing changed.
  [[nodiscard]] bool empty() const noexcept;
};

/// Compares two snapshots: @p old_registry then @p new_registry.
[[nodiscard]] RegistryChanges registry_changes(const Registry& old_registry,
                                               const Registry& new_registry);

/// A case aiming at a certification (the pathway's case id and target code).
struct CaseTarget {
  std::string case_id;  ///< The case's identifier.
  std::string code;     ///< The certification it aims at.
};

/// Why a case's target is no longer available.
enum class TargetStatus : std::uint8_t {
  available,  ///< Present, active and VAE-accessible: nothing to do.
  withdrawn,  ///< Absent from the registry.
  inactive,   ///< Present but inactive.
  replaced,   ///< Replaced (whether still active or not): successors are offered.
  not_vae,    ///< Active but no longer open to VAE.
};

/// The stable name of a TargetStatus, e.g. "replaced".
[[nodiscard]] std::string_view to_string(TargetStatus status) noexcept;

/// The impact of a registry snapshot on one case.
struct CaseImpact {
  std::string case_id;                            ///< The case.
  std::string code;                               ///< Its target.
  TargetStatus status = TargetStatus::available;  ///< Why it needs attention.
  /// What to offer instead: the active, VAE-accessible ends of the target's replacement chains;
  /// when there are none, active VAE-accessible certifications of the same level sharing a ROME
  /// code with the target (at most 5, by search order).
  std::vector<std::string> offers;
};

/// The cases of @p targets whose target is not available in @p registry (status other than
/// available), with what to offer; cases whose target is available are left out.
[[nodiscard]] std::vector<CaseImpact> case_impacts(const Registry& registry,
                                                   const std::vector<CaseTarget>& targets);

/// JSON of a FieldChange.
void to_json(Json& j, const FieldChange& v);
/// Reads a FieldChange.
void from_json(const Json& j, FieldChange& v);
/// JSON of a Replacement.
void to_json(Json& j, const Replacement& v);
/// Reads a Replacement.
void from_json(const Json& j, Replacement& v);
/// JSON of RegistryChanges (no schema tag; see to_document()).
void to_json(Json& j, const RegistryChanges& v);
/// Reads RegistryChanges.
void from_json(const Json& j, RegistryChanges& v);

}  // namespace vaekit
