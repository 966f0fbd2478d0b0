#pragma once
/// @file
/// @brief Dated names of organisations and funding bodies: the one table of names that changed on
/// a date (OPCA → OPCO on 1 April 2019, DRJSCS → DREETS/DRIEETS and DRAJES on 1 April 2021, ...),
/// used by the pathway's event validation and by the training area's labels.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"

namespace vaekit {

/// One name of an organisation (or kind of organisation) and the days it was in force.
struct DatedName {
  std::string_view name;            ///< The name as usually written, e.g. "OPCA", "DRJSCS".
  std::string_view title;           ///< Its long French form.
  std::optional<Date> valid_from;   ///< First day in force (none: before every date considered).
  std::optional<Date> valid_until;  ///< Last day in force (none: still in force).
  std::vector<std::string_view> replaced_by;  ///< The names that replaced it (when it ended).
  std::string_view source;                    ///< The text that made the change.
};

/// The built-in table, one row per name, sorted by name.
[[nodiscard]] std::span<const DatedName> dated_names();

/// The row of @p name (compared accent-, case- and punctuation-insensitively: "Drjscs", "OPCO"),
/// or nullptr when the name is not a dated one.
[[nodiscard]] const DatedName* find_dated_name(std::string_view name) noexcept;

/// Whether @p name may be used on @p on: true for a name not in the table (nothing is known
/// against it), else whether @p on is within its days in force.
[[nodiscard]] bool organisation_valid_on(std::string_view name, Date on) noexcept;

/// Why @p name cannot be used on @p on, in French, naming the replacement(s) or the first day in
/// force ("OPCA remplacés par OPCO le 2019-04-01 (loi 2018-771)."); std::nullopt when it can.
[[nodiscard]] std::optional<std::string> organisation_issue_on(std::string_view name, Date on);

/// The names to use on @p on for @p name: @p name itself when valid on @p on (or unknown), else
/// its replacements valid on @p on, followed along the chain (DIRECCTE on 2022-01-01 → DREETS).
[[nodiscard]] std::vector<std::string> organisation_names_on(std::string_view name, Date on);

}  // namespace vaekit
