#pragma once
/// @file
/// @brief The admissibility request (demande de recevabilité, "livret 1", Cerfa 12818) built from
/// a case, the candidate record and the experiences; its completeness check; its JSON form
/// (`AdmissibilityRequest.1`).
///
/// The request carries personal data (civil status) because it is the document sent to the
/// certifier; it is the only pathway document that does. Analytics, event logs and exports never
/// read it, and error messages never quote its personal fields.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"

namespace vaekit {

/// Cerfa 12818 section 1: the certification sought, in full or in part.
struct RequestedCertification {
  std::string code;                 ///< RNCP or RS code.
  std::string title;                ///< Its title (from the registry), or empty.
  std::optional<int> level;         ///< Its EU level, or none.
  std::string certifier;            ///< The certifier's name (from the registry), or empty.
  bool partial = false;             ///< Only some skill blocks are sought.
  std::vector<std::string> blocks;  ///< The skill blocks sought when partial.
  /// Field-wise equality.
  friend bool operator==(const RequestedCertification&, const RequestedCertification&) = default;
};

/// Cerfa 12818 section 2: civil status (personal data).
struct CivilStatus {
  std::string family_name;         ///< Nom de naissance.
  std::string given_names;         ///< Prénoms.
  std::optional<Date> birth_date;  ///< Date de naissance.
  std::string address;             ///< Adresse postale.
  std::string phone;               ///< Téléphone.
  std::string email;               ///< Courriel.
  std::string civility{};          ///< Civilité ("madame", "monsieur"), or empty.
  std::string usage_name{};        ///< Nom d'usage, or empty.
  std::string birth_place{};       ///< Lieu de naissance.
  std::string nationality{};       ///< Nationalité.
  /// Field-wise equality.
  friend bool operator==(const CivilStatus&, const CivilStatus&) = default;
};

/// Cerfa 12818 section 3: the person's situation and goals.
struct SituationAndGoals {
  std::string situation;  ///< Status: employee, jobseeker, self_employed, other (free text).
  std::string goals;      ///< The project, in the person's words.
  std::string socio_professional_category{};  ///< Catégorie socio-professionnelle, or empty.
  /// Field-wise equality.
  friend bool operator==(const SituationAndGoals&, const SituationAndGoals&) = default;
};

/// Cerfa 12818 section 4: education level and certifications held.
struct EducationRecord {
  std::optional<int> highest_level;              ///< Highest EU level held (1-8).
  std::vector<std::string> certifications_held;  ///< Certifications held (codes or titles).
  /// Field-wise equality.
  friend bool operator==(const EducationRecord&, const EducationRecord&) = default;
};

/// Cerfa 12818 section 5: one experience and its relation to the certification.
struct RequestExperience {
  Experience experience;        ///< The experience as given.
  std::optional<bool> related;  ///< Related to the certification; none when it could not be told.
  Rational hours;               ///< Hours counted on the preparation date (regime of that date).
  /// Field-wise equality.
  friend bool operator==(const RequestExperience&, const RequestExperience&) = default;
};

/// Options of build_admissibility_request().
struct AdmissibilityOptions {
  bool partial = false;             ///< Seek only some skill blocks.
  std::vector<std::string> blocks;  ///< The blocks sought when partial.
  /// The ROME catalog for relevance through the ROME v3 parent (none: exact codes and
  /// succession only).
  const RomeCatalog* rome = nullptr;
  /// The person signed the sworn statement on the quotas (see AdmissibilityRequest).
  bool sworn_statement = false;
  /// The supporting documents attached (pièces justificatives), as named on the form.
  std::vector<std::string> supporting_documents{};
};

/// The admissibility request of a case (Cerfa 12818 sections), ready to send to the certifier.
struct AdmissibilityRequest {
  /// Schema name of the JSON document form.
  static constexpr std::string_view schema_name = "AdmissibilityRequest";
  /// Current schema version of the JSON document form.
  static constexpr int schema_version = 1;

  std::string case_id;                         ///< The case.
  std::string candidate_id;                    ///< The candidate record it was built from.
  Date prepared_on;                            ///< When it was built.
  RequestedCertification certification;        ///< Section 1.
  CivilStatus civil_status;                    ///< Section 2.
  SituationAndGoals situation;                 ///< Section 3.
  EducationRecord education;                   ///< Section 4.
  std::vector<RequestExperience> experiences;  ///< Section 5.
  /// Whether the certification was found in a registry when the request was built (its title,
  /// level, blocks and ROME codes were then checked).
  bool certification_checked = false;
  /// The certification is open to VAE (checked only when certification_checked).
  bool certification_vae_accessible = true;
  /// Skill blocks of the certification (from the registry) the partial request may name.
  std::vector<std::string> known_blocks;
  /// The certification's registration on the preparation date (checked only when
  /// certification_checked): registration_on(), with the successors open to VAE on that date.
  std::optional<RegistrationCheck> registration;
  /// The regime of the preparation date and its minimum of related experience (0 from 2024: any
  /// related hour); the minimum is part of completeness.
  std::string regime;
  /// The regime's minimum in hours (0: any related hour is enough).
  Rational minimum_hours;
  /// The sworn statement of Cerfa 12818 (déclaration sur l'honneur): no other request for this
  /// certification in the calendar year, and at most three requests for different
  /// certifications in the year (Code de l'éducation R335-7). Required on every form: without
  /// it the request is incomplete (`sworn_statement_missing`).
  bool sworn_statement = false;
  /// The supporting documents attached (pièces justificatives: identity, attestations of
  /// employers or organisations, pay slips, ...), as named on the form.
  std::vector<std::string> supporting_documents;

  /// Hours of the experiences related to the certification.
  [[nodiscard]] Rational related_hours() const;
  /// What is missing or wrong before the request can be sent, as stable codes and French text
  /// (never quoting personal data): `certification_missing`, `certification_not_vae_accessible`,
  /// `blocks_missing`, `block_unknown`, `family_name_missing`, `given_names_missing`,
  /// `birth_date_missing`, `address_missing`, `contact_missing` (no phone nor e-mail),
  /// `situation_missing`, `goals_missing`, `highest_level_missing`, `experiences_missing`,
  /// `experience_description_missing` (one per experience), `no_related_experience`,
  /// `minimum_not_met` (related hours under the regime's minimum), `not_yet_registered`,
  /// `registration_ended` (with `successor_offered` or `no_open_successor`),
  /// `sworn_statement_missing` (the sworn statement on the quotas, R335-7).
  [[nodiscard]] std::vector<Reason> missing() const;
  /// Whether missing() is empty.
  [[nodiscard]] bool complete() const { return missing().empty(); }
  /// Field-wise equality.
  friend bool operator==(const AdmissibilityRequest&, const AdmissibilityRequest&) = default;
};

/// Builds the request of @p c from @p candidate (which must list @p c among its cases; throws
/// InvalidArgument otherwise) and @p experiences on @p on.
///
/// Section 1 takes the case's chosen certification; with @p registry, its title, level, first
/// certifier, skill blocks and ROME codes come from the fiche. Relevance of each experience: its
/// declared `related` flag, else its ROME code among the fiche's (with a registry), else unknown.
/// Hours are counted as assess_eligibility() does under the regime of the pathway
/// (RegimeSet::for_pathway(): the regime in force on the case's first event, unless the regime of
/// @p on governs ongoing pathways). The certification's registration on @p on and the regime's
/// minimum are part of completeness (missing()).
[[nodiscard]] AdmissibilityRequest build_admissibility_request(
    const Case& c, const Candidate& candidate, std::span<const Experience> experiences, Date on,
    const Registry* registry = nullptr, const AdmissibilityOptions& options = {},
    const RegimeSet& regimes = RegimeSet::builtin());

/// An AdmissibilityRequest as JSON (sections `certification`, `civil_status`, `situation`,
/// `education`, `experiences`).
void to_json(Json& j, const AdmissibilityRequest& r);
/// An AdmissibilityRequest from JSON; throws ParseError naming the field (never its value).
void from_json(const Json& j, AdmissibilityRequest& r);

}  // namespace vaekit
