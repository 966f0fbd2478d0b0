#pragma once
/// @file
/// @brief The person's profile (issue 15), pseudonymous and apart from the personal Candidate
/// record: sex, age band at reception, employment situation, highest qualification level,
/// département, priority neighbourhood (QPV) and recognised disability (RQTH), each with an
/// explicit `not_stated`. No name, birth date or address: the age is banded on entry and the
/// birth date is never kept. A Profile is what a `profile_recorded` event carries.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/event.hpp"

namespace vaekit {

/// The attributes of a Profile, in the order of the reports' `by_profile` table.
enum class ProfileAttribute : std::uint8_t {
  sex,            ///< `sex`: woman, man, not_stated.
  age_band,       ///< `age_band`: the age band at reception.
  employment,     ///< `employment`: the employment situation (France VAE's CandidateTypology).
  qualification,  ///< `qualification`: the highest qualification level held.
  departement,    ///< `departement`: the département of residence (a code, "75", "2A", "971").
  qpv,            ///< `qpv`: lives in a priority neighbourhood (quartier prioritaire).
  rqth,           ///< `rqth`: recognised disabled worker (RQTH).
};
/// Number of ProfileAttribute values.
inline constexpr std::size_t profile_attribute_count = 7;
/// The names of the attributes (the `data` fields of `profile_recorded`), in ProfileAttribute
/// order.
inline constexpr std::array<std::string_view, profile_attribute_count> profile_attribute_names = {
    "sex", "age_band", "employment", "qualification", "departement", "qpv", "rqth"};
/// The stable name of an attribute, e.g. "age_band".
[[nodiscard]] constexpr std::string_view to_string(ProfileAttribute a) noexcept {
  return profile_attribute_names[static_cast<std::size_t>(a)];
}
/// The attribute named @p name; throws InvalidArgument naming the value and the accepted names.
[[nodiscard]] ProfileAttribute profile_attribute_from_string(std::string_view name);

/// The value of a report row for the cases of which no profile was recorded (not a value of the
/// vocabulary: reports only).
inline constexpr std::string_view profile_not_recorded = "not_recorded";
/// The value `not_stated` (the person did not say, or was not asked), last of every attribute.
inline constexpr std::string_view profile_not_stated = "not_stated";

/// The valid département codes in their official order: "01".."19", "2A", "2B", "21".."95"
/// (metropolitan France; "20" is no longer a code since 1976), "971".."976" (overseas): the
/// values of the vocabulary's `departement` (departement_names) but its last, "not_stated".
[[nodiscard]] std::span<const std::string_view> departement_codes() noexcept;
/// Whether @p code is a valid département code (see departement_codes()).
[[nodiscard]] bool is_departement_code(std::string_view code) noexcept;

/// The values of @p a in report order: the vocabulary's enumeration (not_stated last; for the
/// département every code of departement_codes() then "not_stated").
[[nodiscard]] std::span<const std::string_view> profile_values(ProfileAttribute a) noexcept;

/// The age band of a person aged @p age full years at reception: under_26 (< 26), 26_34, 35_44,
/// 45_54, 55_plus (>= 55). Throws InvalidArgument when @p age is not within 0..130 (the message
/// does not give the age).
[[nodiscard]] AgeBand age_band_of_age(int age);
/// The age in full years on @p on of a person born on @p birth (a birthday on 29 February is
/// reached on 1 March in a common year); throws InvalidArgument when @p birth is after @p on,
/// without giving either date.
[[nodiscard]] int age_in_full_years(Date birth, Date on);
/// age_band_of_age(age_in_full_years(@p birth, @p reception)): the band only, neither date kept.
[[nodiscard]] AgeBand age_band_of_birth(Date birth, Date reception);

/// The pseudonymous profile of one case (what a `profile_recorded` event carries). Every
/// attribute defaults to not stated; no field holds a name, a birth date or an address.
struct Profile {
  Sex sex = Sex::not_stated;                                ///< Sex.
  AgeBand age_band = AgeBand::not_stated;                   ///< Age band at reception.
  Employment employment = Employment::not_stated;           ///< Employment situation.
  Qualification qualification = Qualification::not_stated;  ///< Highest qualification level.
  /// The département code ("75", "2A", "971"), or "not_stated".
  std::string departement{profile_not_stated};
  YesNo qpv = YesNo::not_stated;   ///< Lives in a priority neighbourhood.
  YesNo rqth = YesNo::not_stated;  ///< Recognised disabled worker.

  /// A profile whose age band is that of @p age full years at reception (age_band_of_age); the
  /// age itself is not kept.
  [[nodiscard]] static Profile with_age(int age);
  /// A profile whose age band is that of a person born on @p birth at @p reception
  /// (age_band_of_birth); neither date is kept.
  [[nodiscard]] static Profile with_birth_date(Date birth, Date reception);

  /// The profile derived from the personal record @p c at @p reception, keeping none of its
  /// personal fields: the age band from `birth_date` (not stated without one); the sex from
  /// `civility` ("madame": woman, "monsieur": man, else not stated — the Cerfa 12818 civility,
  /// the only sex-related field of the record); the qualification from `highest_level` (EU
  /// levels 3-8; 1-2, which no diploma certifies, give `none`; absent: not stated); the
  /// employment from `situation` where it is unambiguous ("jobseeker": job_seeker,
  /// "self_employed": self_employed; "employee" does not say private or public: not stated).
  /// The département, QPV and RQTH are not in the record: not stated.
  [[nodiscard]] static Profile from_candidate(const Candidate& c, Date reception);

  /// Sets the département: a valid code (is_departement_code) or "not_stated"; throws
  /// InvalidArgument quoting the value otherwise (a département is not personal on its own).
  void set_departement(std::string_view code);

  /// The profile carried by the data of a `profile_recorded` event (absent fields: not stated).
  [[nodiscard]] static Profile from_data(const EventData& data);
  /// The profile of the `profile_recorded` event @p e; throws InvalidArgument when @p e is of
  /// another kind.
  [[nodiscard]] static Profile from_event(const Event& e);
  /// The data of a `profile_recorded` event (every attribute, not_stated included); throws
  /// InvalidArgument when `departement` was set directly to a value that is not a code.
  [[nodiscard]] EventData to_data() const;
  /// The `profile_recorded` event of case @p case_id at @p at, recorded by @p role (assistant,
  /// counsellor, aap or candidate).
  [[nodiscard]] Event to_event(std::string_view case_id, const Timestamp& at,
                               Role role = Role::counsellor) const;

  /// The value name of attribute @p a, e.g. "woman", "35_44", "2A", "not_stated".
  [[nodiscard]] std::string_view value(ProfileAttribute a) const noexcept;
  /// Sets attribute @p a to the value named @p value (one of profile_values(@p a)); throws
  /// InvalidArgument naming the attribute, an excerpt of the value and the accepted values.
  void set(ProfileAttribute a, std::string_view value);
  /// The index of the value of attribute @p a in profile_values(@p a).
  [[nodiscard]] std::size_t value_index(ProfileAttribute a) const noexcept;

  /// Field-wise equality.
  friend bool operator==(const Profile&, const Profile&) = default;
};

/// A Profile as the JSON object of its attributes (every attribute, by name).
void to_json(Json& j, const Profile& p);
/// A Profile from such an object (absent attributes: not stated); throws ParseError naming the
/// field, and refuses any other field (a profile never holds a name, birth date or address).
void from_json(const Json& j, Profile& p);

}  // namespace vaekit
