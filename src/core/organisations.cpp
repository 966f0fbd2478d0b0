// Dated names of organisations and funding bodies (domain.md §6, "Names that changed on a date").
#include "vaekit/core/organisations.hpp"

#include <algorithm>

#include "vaekit/core/text.hpp"

namespace vaekit {
namespace {

// Sorted by name. Sources: loi 2018-771 du 5 septembre 2018 (OPCA → OPCO agreed from 1 April
// 2019; Fongecif → Transitions Pro (CPIR) on 1 January 2020; CNCP → France compétences on
// 1 January 2019); décret 2020-1545 du 9 décembre 2020 (DIRECCTE and the DRJSCS' labour and
// social-cohesion parts → DREETS, DRIEETS in Île-de-France; youth and sport → DRAJES, on 1 April
// 2021); décret 2009-1540 (DRJSCS created on 1 January 2010); loi 2023-1196 (Pôle emploi → France
// Travail on 1 January 2024).
const std::vector<DatedName>& table() {
  static const std::vector<DatedName> rows = [] {
    std::vector<DatedName> t{
        {"CNCP",
         "Commission nationale de la certification professionnelle",
         std::nullopt,
         Date(2018, 12, 31),
         {"France compétences"},
         "loi 2018-771"},
        {"DIRECCTE",
         "Direction régionale des entreprises, de la concurrence, de la consommation, du travail "
         "et de l'emploi",
         std::nullopt,
         Date(2021, 3, 31),
         {"DREETS", "DRIEETS"},
         "décret 2020-1545"},
        {"DRAJES",
         "Délégation régionale académique à la jeunesse, à l'engagement et aux sports",
         Date(2021, 4, 1),
         std::nullopt,
         {},
         "décret 2020-1545"},
        {"DREETS",
         "Direction régionale de l'économie, de l'emploi, du travail et des solidarités",
         Date(2021, 4, 1),
         std::nullopt,
         {},
         "décret 2020-1545"},
        {"DRIEETS",
         "Direction régionale et interdépartementale de l'économie, de l'emploi, du travail et des "
         "solidarités (Île-de-France)",
         Date(2021, 4, 1),
         std::nullopt,
         {},
         "décret 2020-1545"},
        {"DRJSCS",
         "Direction régionale de la jeunesse, des sports et de la cohésion sociale",
         Date(2010, 1, 1),
         Date(2021, 3, 31),
         {"DREETS", "DRIEETS", "DRAJES"},
         "décret 2009-1540 ; décret 2020-1545"},
        {"Fongecif",
         "Fonds de gestion du congé individuel de formation",
         std::nullopt,
         Date(2019, 12, 31),
         {"Transitions Pro"},
         "loi 2018-771"},
        {"France compétences",
         "France compétences",
         Date(2019, 1, 1),
         std::nullopt,
         {},
         "loi 2018-771"},
        {"France Travail", "France Travail", Date(2024, 1, 1), std::nullopt, {}, "loi 2023-1196"},
        {"OPACIF",
         "Organisme paritaire collecteur agréé au titre du CIF",
         std::nullopt,
         Date(2019, 12, 31),
         {"Transitions Pro"},
         "loi 2018-771"},
        {"OPCA",
         "Organisme paritaire collecteur agréé",
         std::nullopt,
         Date(2019, 3, 31),
         {"OPCO"},
         "loi 2018-771"},
        {"OPCO", "Opérateur de compétences", Date(2019, 4, 1), std::nullopt, {}, "loi 2018-771"},
        {"Pôle emploi",
         "Pôle emploi",
         Date(2008, 12, 19),
         Date(2023, 12, 31),
         {"France Travail"},
         "loi 2008-126 ; loi 2023-1196"},
        {"Transitions Pro",
         "Commission paritaire interprofessionnelle régionale (Transitions Pro)",
         Date(2020, 1, 1),
         std::nullopt,
         {},
         "loi 2018-771"},
    };
    return t;
  }();
  return rows;
}

std::string key(std::string_view name) {
  std::string out;
  for (const auto& w : normalize_words(name)) out += w;
  return out;
}

bool in_force(const DatedName& n, Date on) noexcept {
  return (!n.valid_from || *n.valid_from <= on) && (!n.valid_until || on <= *n.valid_until);
}

}  // namespace

std::span<const DatedName> dated_names() {
  return table();
}

const DatedName* find_dated_name(std::string_view name) noexcept {
  try {
    const std::string k = key(name);
    for (const auto& n : table()) {
      if (key(n.name) == k) return &n;
    }
  } catch (...) {  // normalisation allocates; a failure means "not found"
  }
  return nullptr;
}

bool organisation_valid_on(std::string_view name, Date on) noexcept {
  const DatedName* n = find_dated_name(name);
  return n == nullptr || in_force(*n, on);
}

std::optional<std::string> organisation_issue_on(std::string_view name, Date on) {
  const DatedName* n = find_dated_name(name);
  if (n == nullptr || in_force(*n, on)) return std::nullopt;
  std::string out(n->name);
  if (n->valid_from && on < *n->valid_from) {
    out += " n'existe qu'à partir du " + n->valid_from->to_string();
  } else {
    out += " remplacé(s) par ";
    for (std::size_t i = 0; i < n->replaced_by.size(); ++i) {
      out += std::string(i == 0                           ? ""
                         : i + 1 == n->replaced_by.size() ? " et "
                                                          : ", ") +
             std::string(n->replaced_by[i]);
    }
    out += " le " + (*n->valid_until + 1).to_string();
  }
  return out + " (" + std::string(n->source) + ").";
}

std::vector<std::string> organisation_names_on(std::string_view name, Date on) {
  std::vector<std::string> out;
  std::vector<std::string_view> todo{name};
  for (int guard = 0; !todo.empty() && guard < 32; ++guard) {
    const std::string_view cur = todo.back();
    todo.pop_back();
    const DatedName* n = find_dated_name(cur);
    if (n == nullptr || in_force(*n, on) || n->replaced_by.empty()) {
      const std::string s(n ? n->name : cur);
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
      continue;
    }
    for (auto it = n->replaced_by.rbegin(); it != n->replaced_by.rend(); ++it) todo.push_back(*it);
  }
  return out;
}

}  // namespace vaekit
