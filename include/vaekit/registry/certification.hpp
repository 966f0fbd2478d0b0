#pragma once
/// @file
/// @brief Certification: one fiche of France Compétences' registries (RNCP or RS), with its level,
/// certifiers, skill blocks, ROME/NSF/Formacode codes, access routes, dates, replacement links and
/// outcome statistics.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaekit/core/date.hpp"
#include "vaekit/core/json.hpp"

namespace vaekit {

/// The registry a certification belongs to, told by its code prefix.
enum class RegistryKind : std::uint8_t {
  rncp,  ///< Répertoire national des certifications professionnelles (code `RNCP…`).
  rs,    ///< Répertoire spécifique (code `RS…`): skills certifications, usually without level.
};

/// The stable name of a RegistryKind: "RNCP" or "RS".
[[nodiscard]] std::string_view to_string(RegistryKind kind) noexcept;

/// How a certification may be obtained (the export's `Si_Jury` labels, XML `SI_JURY_*`).
enum class AccessRoute : std::uint8_t {
  initial_training,  ///< "Après un parcours de formation sous statut d'élève ou d'étudiant" (XML
                     ///< SI_JURY_FI).
  apprenticeship,                ///< "En contrat d'apprentissage" (XML SI_JURY_CA).
  continuing_training,           ///< "Après un parcours de formation continue" (XML SI_JURY_FC).
  professionalisation_contract,  ///< "En contrat de professionnalisation" (XML SI_JURY_CQ).
  individual_application,        ///< "Par candidature individuelle" (XML SI_JURY_CL).
  vae,  ///< "Par expérience": validation des acquis de l'expérience (XML SI_JURY_VAE).
};

/// The stable snake_case name of an AccessRoute, e.g. "vae".
[[nodiscard]] std::string_view to_string(AccessRoute route) noexcept;

/// The AccessRoute of an export label (CSV `Si_Jury`); straight and curly apostrophes, case and
/// accents are ignored. std::nullopt when the label is unknown.
[[nodiscard]] std::optional<AccessRoute> access_route_from_label(std::string_view label);

/// The AccessRoute of a snake_case name written by to_string(); throws InvalidArgument naming the
/// value and listing the accepted names.
[[nodiscard]] AccessRoute access_route_from_string(std::string_view name);
/// The AccessRoute of a snake_case name written by to_string(); std::nullopt when unknown.
[[nodiscard]] std::optional<AccessRoute> try_access_route_from_string(
    std::string_view name) noexcept;

/// The EU level (1-8, décret 2019-14) of an old French level "V", "IV", "III", "II" or "I":
/// V→3, IV→4, III→5, II→6, I→7 (I covered levels 7 and 8; 7 is returned). std::nullopt if unknown.
[[nodiscard]] std::optional<int> eu_level_from_old_french(std::string_view old_level) noexcept;

/// The old French level ("V"…"I") of an EU level: 3→V, 4→IV, 5→III, 6→II, 7 and 8→I; empty for
/// levels 1 and 2, which had no counterpart.
[[nodiscard]] std::string_view old_french_level(int eu_level) noexcept;

/// Parses an export level string: `NIV1`…`NIV8` give the level; `REPRISE` ("sans niveau") and the
/// empty string give std::nullopt; anything else throws ParseError ("unknown level string").
[[nodiscard]] std::optional<int> parse_level(std::string_view text);

/// A code with its label (ROME, NSF, Formacode, short type).
struct CodeLabel {
  std::string code;   ///< The code, e.g. "K1306", "221w", "42872".
  std::string label;  ///< Its label as exported (doubled apostrophes undone), may be empty.
  /// Equality of code and label.
  friend bool operator==(const CodeLabel&, const CodeLabel&) = default;
};

/// A body owning a certification.
struct Certifier {
  std::string siret;           ///< The SIRET (14 digits; the CSV's leading TAB is removed).
  std::string name;            ///< The name as exported.
  std::optional<bool> active;  ///< XML ETAT_CERTIFICATEUR (Actif/Inactif); absent in the CSV.
  /// Equality of every field.
  friend bool operator==(const Certifier&, const Certifier&) = default;
};

/// A skill block (bloc de compétences): a part of a certification that can be validated alone.
struct SkillBlock {
  std::string code;   ///< The block code, e.g. "RNCP34762BC01".
  std::string title;  ///< The block title.
  /// Equality of code and title.
  friend bool operator==(const SkillBlock&, const SkillBlock&) = default;
};

/// Outcome statistics of one year's cohort (XML STATISTIQUES_PROMOTION).
struct PromotionStats {
  int year = 0;                                 ///< ANNEE.
  std::optional<int> certified;                 ///< NOMBRE_CERTIFIES.
  std::optional<int> certified_by_vae;          ///< NOMBRE_CERTIFIES_VAE.
  std::optional<int> employment_rate_6_months;  ///< TAUX_INSERTION_GLOBAL_6MOIS, percent.
  std::optional<int> job_rate_2_years;          ///< TAUX_INSERTION_METIER_2ANS, percent.
  /// Equality of every field.
  friend bool operator==(const PromotionStats&, const PromotionStats&) = default;
};

/// A skill-block equivalence (XML CORRESPONDANCES/CORRESPONDANCE). No real sample carries one, so
/// the element is read generically: every leaf is kept in @ref fields and the values that look
/// like block codes (`RNCP…BC…`, `RS…BC…`) in @ref block_codes.
struct BlockCorrespondence {
  std::vector<std::string> block_codes;       ///< Block codes named by the equivalence, in order.
  std::map<std::string, std::string> fields;  ///< Every leaf element (name → text).
  /// Equality of every field.
  friend bool operator==(const BlockCorrespondence&, const BlockCorrespondence&) = default;
};

/// One fiche of the RNCP or RS registry.
///
/// A plain value: the readers fill it, Registry indexes it. Absent data stays empty or nullopt.
struct Certification {
  /// JSON schema name.
  static constexpr std::string_view schema_name = "Certification";
  /// JSON schema version.
  static constexpr int schema_version = 1;

  std::string code;                        ///< `RNCP` or `RS` + number, e.g. "RNCP37488".
  std::optional<std::int64_t> fiche_id;    ///< The export's internal id (Id_Fiche / ID_FICHE).
  std::string title;                       ///< Intitulé.
  CodeLabel short_type;                    ///< ABREGE: code (e.g. "CAP") and label; empty if none.
  std::optional<int> level;                ///< EU level 1-8; nullopt for RS and "sans niveau".
  std::string level_label;                 ///< The export's level label, e.g. "Niveau 3".
  std::vector<Certifier> certifiers;       ///< Certifiers, in export order.
  std::vector<SkillBlock> blocks;          ///< Skill blocks, in export order.
  std::vector<CodeLabel> rome;             ///< ROME codes with labels.
  std::vector<CodeLabel> nsf;              ///< NSF codes with labels.
  std::vector<CodeLabel> formacode;        ///< Formacode codes with labels.
  std::vector<AccessRoute> access_routes;  ///< Access routes, sorted, without duplicates.
  bool active = false;                     ///< Actif (CSV ACTIVE / XML Oui) in this snapshot.
  std::string status;                      ///< ETAT_FICHE (e.g. "Publiée"); empty in the CSV.
  std::string registration_type;           ///< Type_Enregistrement ("Enregistrement de droit"...).
  std::optional<Date> decision_date;       ///< Date_Decision.
  std::optional<Date> effect_date;         ///< Date_Effet.
  std::optional<Date> registration_end;    ///< Date_Fin_Enregistrement.
  std::optional<Date> delivery_deadline;   ///< DATE_LIMITE_DELIVRANCE (last date of award).
  std::optional<Date> last_official_journal;  ///< Date_dernier_jo.
  std::optional<Date> publication_date;       ///< DATE_DE_PUBLICATION.
  std::optional<int> registration_years;      ///< DUREE_ENREGISTREMENT, in years.
  std::optional<bool> partial_validation;     ///< Validation_Partielle (Oui/Non); nullopt if blank.
  std::optional<bool> new_caledonia;          ///< Accessible_Nouvelle_Caledonie.
  std::optional<bool> french_polynesia;       ///< Accessible_Polynesie_Francaise.
  std::string url;                            ///< LIEN_URL_DESCRIPTION as exported.
  std::vector<std::string> replaces;       ///< Older certifications this one replaces (anciennes).
  std::vector<std::string> replaced_by;    ///< Newer certifications replacing this one (nouvelles).
  std::vector<PromotionStats> statistics;  ///< Per-year outcome statistics, by year ascending.
  std::vector<BlockCorrespondence> correspondences;  ///< Skill-block equivalences.

  /// The registry, from the code prefix (RS… is RegistryKind::rs, anything else rncp).
  [[nodiscard]] RegistryKind kind() const noexcept;
  /// Whether the certification can be obtained through VAE (CSV `Si_Jury = Par expérience`,
  /// XML `SI_JURY_VAE/ACTIF = Oui`).
  [[nodiscard]] bool vae_accessible() const noexcept;
  /// Whether @p route is one of the access routes.
  [[nodiscard]] bool has_access_route(AccessRoute route) const noexcept;
  /// The ROME codes alone, in export order.
  [[nodiscard]] std::vector<std::string> rome_codes() const;
  /// The old French level ("V"…"I") of the level; empty when none.
  [[nodiscard]] std::string_view old_level() const noexcept;
  /// Whether the certification is registered on @p day: from the effect date (or the decision
  /// date, or the last Journal officiel date) to the end of registration, both included; a missing
  /// bound is open. The snapshot's `active` flag is not consulted.
  [[nodiscard]] bool registered_on(Date day) const noexcept;
  /// Whether @p siret certifies it.
  [[nodiscard]] bool certified_by(std::string_view siret) const noexcept;
  /// Equality of every field.
  friend bool operator==(const Certification&, const Certification&) = default;
};

/// Checks the form of a certification code: `RNCP` or `RS` followed by 1-9 digits.
[[nodiscard]] bool is_certification_code(std::string_view code) noexcept;

/// The JSON form of a CodeLabel: `{"code": ..., "label": ...}`.
void to_json(Json& j, const CodeLabel& v);
/// Reads a CodeLabel; throws ParseError naming the field.
void from_json(const Json& j, CodeLabel& v);
/// The JSON form of a Certifier.
void to_json(Json& j, const Certifier& v);
/// Reads a Certifier; throws ParseError naming the field.
void from_json(const Json& j, Certifier& v);
/// The JSON form of a SkillBlock.
void to_json(Json& j, const SkillBlock& v);
/// Reads a SkillBlock; throws ParseError naming the field.
void from_json(const Json& j, SkillBlock& v);
/// The JSON form of a PromotionStats.
void to_json(Json& j, const PromotionStats& v);
/// Reads a PromotionStats; throws ParseError naming the field.
void from_json(const Json& j, PromotionStats& v);
/// The JSON form of a BlockCorrespondence.
void to_json(Json& j, const BlockCorrespondence& v);
/// Reads a BlockCorrespondence; throws ParseError naming the field.
void from_json(const Json& j, BlockCorrespondence& v);
/// The JSON form of a Certification (no schema tag; see to_document()).
void to_json(Json& j, const Certification& v);
/// Reads a Certification; throws ParseError naming the field.
void from_json(const Json& j, Certification& v);

}  // namespace vaekit
