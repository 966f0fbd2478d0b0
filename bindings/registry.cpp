// Python bindings of the registry area: Certification, Registry, RomeCatalog, registry_changes.
#include <pybind11/operators.h>
#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/tables.hpp"

namespace vaekit::python {

namespace {

std::string repr_code(const char* type, const std::string& code, const std::string& title) {
  return std::string("vaekit.") + type + "(" + code + ", " +
         py::repr(py::str(title)).cast<std::string>() + ")";
}

py::list cert_list(const std::vector<const Certification*>& v) {
  py::list out;
  for (const auto* c : v) out.append(py::cast(*c));
  return out;
}

}  // namespace

void bind_registry(py::module_& m) {
  py::enum_<RegistryKind>(m, "RegistryKind", "The registry a certification belongs to.")
      .value("RNCP", RegistryKind::rncp, "Répertoire national des certifications professionnelles.")
      .value("RS", RegistryKind::rs, "Répertoire spécifique (skills certifications).");

  py::enum_<AccessRoute>(m, "AccessRoute", "How a certification may be obtained (Si_Jury).")
      .value("INITIAL_TRAINING", AccessRoute::initial_training,
             "Après un parcours de formation sous statut d'élève ou d'étudiant.")
      .value("APPRENTICESHIP", AccessRoute::apprenticeship, "En contrat d'apprentissage.")
      .value("CONTINUING_TRAINING", AccessRoute::continuing_training,
             "Après un parcours de formation continue.")
      .value("PROFESSIONALISATION_CONTRACT", AccessRoute::professionalisation_contract,
             "En contrat de professionnalisation.")
      .value("INDIVIDUAL_APPLICATION", AccessRoute::individual_application,
             "Par candidature individuelle.")
      .value("VAE", AccessRoute::vae, "Par expérience (validation des acquis de l'expérience).");

  py::class_<CodeLabel>(m, "CodeLabel", "A code with its label (ROME, NSF, Formacode, short type).")
      .def(py::init([](std::string code, std::string label) {
             return CodeLabel{std::move(code), std::move(label)};
           }),
           py::arg("code"), py::arg("label") = "", "A code and its label.")
      .def_readonly("code", &CodeLabel::code, "The code.")
      .def_readonly("label", &CodeLabel::label, "The label.")
      .def(py::self == py::self, "Equality.")
      .def(
          "__repr__",
          [](const CodeLabel& c) { return "vaekit.CodeLabel(" + c.code + ", " + c.label + ")"; },
          "`vaekit.CodeLabel(code, label)`.");

  py::class_<Certifier>(m, "Certifier", "A body owning a certification.")
      .def_readonly("siret", &Certifier::siret, "The SIRET (14 digits).")
      .def_readonly("name", &Certifier::name, "The name as exported.")
      .def_readonly("active", &Certifier::active, "XML ETAT_CERTIFICATEUR; None in the CSV.")
      .def(py::self == py::self, "Equality.")
      .def(
          "__repr__",
          [](const Certifier& c) { return "vaekit.Certifier(" + c.siret + ", " + c.name + ")"; },
          "`vaekit.Certifier(siret, name)`.");

  py::class_<SkillBlock>(m, "SkillBlock", "A skill block (bloc de compétences).")
      .def_readonly("code", &SkillBlock::code, "The block code, e.g. RNCP34762BC01.")
      .def_readonly("title", &SkillBlock::title, "The block title.")
      .def(py::self == py::self, "Equality.")
      .def(
          "__repr__",
          [](const SkillBlock& b) { return "vaekit.SkillBlock(" + b.code + ", " + b.title + ")"; },
          "`vaekit.SkillBlock(code, title)`.");

  py::class_<PromotionStats>(m, "PromotionStats", "Outcome statistics of one year's cohort.")
      .def_readonly("year", &PromotionStats::year, "ANNEE.")
      .def_readonly("certified", &PromotionStats::certified, "NOMBRE_CERTIFIES.")
      .def_readonly("certified_by_vae", &PromotionStats::certified_by_vae, "NOMBRE_CERTIFIES_VAE.")
      .def_readonly("employment_rate_6_months", &PromotionStats::employment_rate_6_months,
                    "TAUX_INSERTION_GLOBAL_6MOIS, percent.")
      .def_readonly("job_rate_2_years", &PromotionStats::job_rate_2_years,
                    "TAUX_INSERTION_METIER_2ANS, percent.")
      .def(
          "__repr__",
          [](const PromotionStats& s) {
            return "vaekit.PromotionStats(" + std::to_string(s.year) + ")";
          },
          "`vaekit.PromotionStats(year)`.");

  py::class_<BlockCorrespondence>(
      m, "BlockCorrespondence", "A skill-block equivalence (XML CORRESPONDANCE), read generically.")
      .def_readonly("block_codes", &BlockCorrespondence::block_codes, "Block codes named.")
      .def_readonly("fields", &BlockCorrespondence::fields, "Every leaf element, name → text.")
      .def(
          "__repr__", [](const BlockCorrespondence&) { return "vaekit.BlockCorrespondence()"; },
          "`vaekit.BlockCorrespondence()`.");

  py::class_<Certification> cert(m, "Certification", R"doc(
One fiche of the RNCP or RS registry: level, certifiers, skill blocks, ROME/NSF/Formacode codes,
access routes (``vae_accessible``), dates, replacement links and outcome statistics.
)doc");
  cert.def_readonly("code", &Certification::code, "RNCP or RS + number, e.g. 'RNCP37488'.")
      .def_property_readonly("kind", &Certification::kind, "RegistryKind.RNCP or RegistryKind.RS.")
      .def_readonly("fiche_id", &Certification::fiche_id, "The export's internal id.")
      .def_readonly("title", &Certification::title, "Intitulé.")
      .def_readonly("short_type", &Certification::short_type, "ABREGE (code, label).")
      .def_readonly("level", &Certification::level, "EU level 1-8, or None.")
      .def_readonly("level_label", &Certification::level_label, "The export's level label.")
      .def_property_readonly(
          "old_level", [](const Certification& c) { return std::string(c.old_level()); },
          "The old French level ('V'…'I'), '' when none.")
      .def_readonly("certifiers", &Certification::certifiers, "Certifiers, in export order.")
      .def_readonly("blocks", &Certification::blocks, "Skill blocks, in export order.")
      .def_property_readonly("rome_codes", &Certification::rome_codes, "The ROME codes.")
      .def_readonly("rome", &Certification::rome, "ROME codes with labels.")
      .def_readonly("nsf", &Certification::nsf, "NSF codes with labels.")
      .def_readonly("formacode", &Certification::formacode, "Formacode codes with labels.")
      .def_readonly("access_routes", &Certification::access_routes, "Access routes (sorted).")
      .def_property_readonly("vae_accessible", &Certification::vae_accessible,
                             "Whether it can be obtained through VAE.")
      .def_readonly("active", &Certification::active, "Active in this snapshot.")
      .def_readonly("status", &Certification::status, "ETAT_FICHE.")
      .def_readonly("registration_type", &Certification::registration_type, "Type_Enregistrement.")
      .def_readonly("decision_date", &Certification::decision_date, "Date_Decision.")
      .def_readonly("effect_date", &Certification::effect_date, "Date_Effet.")
      .def_readonly("registration_end", &Certification::registration_end,
                    "Date_Fin_Enregistrement.")
      .def_readonly("delivery_deadline", &Certification::delivery_deadline,
                    "DATE_LIMITE_DELIVRANCE.")
      .def_readonly("last_official_journal", &Certification::last_official_journal,
                    "Date_dernier_jo.")
      .def_readonly("publication_date", &Certification::publication_date, "DATE_DE_PUBLICATION.")
      .def_readonly("registration_years", &Certification::registration_years,
                    "DUREE_ENREGISTREMENT, years.")
      .def_readonly("partial_validation", &Certification::partial_validation,
                    "Validation_Partielle (None if blank).")
      .def_readonly("url", &Certification::url, "LIEN_URL_DESCRIPTION.")
      .def_readonly("replaces", &Certification::replaces, "Older certifications it replaces.")
      .def_readonly("replaced_by", &Certification::replaced_by,
                    "Newer certifications replacing it.")
      .def_readonly("statistics", &Certification::statistics, "Per-year outcome statistics.")
      .def_readonly("correspondences", &Certification::correspondences, "Skill-block equivalences.")
      .def(
          "registered_on",
          [](const Certification& c, const DateLike& d) { return c.registered_on(d.get()); },
          py::arg("day"), "Whether it is registered on `day` (effect date to end of registration).")
      .def(py::self == py::self, "Equality of every field.")
      .def(
          "__repr__",
          [](const Certification& c) { return repr_code("Certification", c.code, c.title); },
          "`vaekit.Certification(code, title)`.");
  def_json_pickle<Certification>(cert);
  def_json_io<Certification>(cert, "Certification");

  py::class_<LinkIssue>(m, "LinkIssue", "A dangling link or a cycle in the replacement links.")
      .def_property_readonly(
          "kind", [](const LinkIssue& i) { return std::string(to_string(i.kind)); },
          "'dangling' or 'cycle'.")
      .def_readonly("source", &LinkIssue::from, "The certification holding the link.")
      .def_readonly("target", &LinkIssue::to, "The certification it names.")
      .def(
          "__repr__",
          [](const LinkIssue& i) {
            return "vaekit.LinkIssue(" + std::string(to_string(i.kind)) + ", " + i.from + " -> " +
                   i.to + ")";
          },
          "`vaekit.LinkIssue(kind, source -> target)`.");

  py::class_<Succession>(m, "Succession",
                         "The walk along replacement chains from one certification.")
      .def_readonly("code", &Succession::code, "Where the walk started.")
      .def_readonly("chain", &Succession::chain, "Every certification visited after it.")
      .def_readonly("successors", &Succession::successors, "Ends of the chains.")
      .def_readonly("issues", &Succession::issues, "Dangling links and cycles met.")
      .def(
          "__repr__", [](const Succession& s) { return "vaekit.Succession(" + s.code + ")"; },
          "`vaekit.Succession(code)`.");

  py::class_<RomeJob>(m, "RomeJob", "One ROME v4 job code.")
      .def_readonly("code", &RomeJob::code, "code_rome.")
      .def_readonly("label", &RomeJob::label, "libelle_rome.")
      .def_readonly("parent_code", &RomeJob::parent_code, "code_rome_parent (the v3 code).")
      .def(
          "__repr__",
          [](const RomeJob& j) { return "vaekit.RomeJob(" + j.code + ", " + j.label + ")"; },
          "`vaekit.RomeJob(code, label)`.");

  py::class_<RomeCatalog>(m, "RomeCatalog", "The ROME v4 list, by code and by v3 parent.")
      .def_static("load", &RomeCatalog::load_csv, py::arg("path"),
                  "Reads France Travail's referentiel_code_rome CSV.")
      .def("__len__", &RomeCatalog::size, "The number of codes.")
      .def("__getitem__", &RomeCatalog::get, py::arg("code"), py::return_value_policy::copy,
           "The job `code`; raises vaekit.NotFound (a KeyError).")
      .def(
          "__contains__",
          [](const RomeCatalog& r, const std::string& c) { return r.find(c) != nullptr; },
          py::arg("code"), "Whether `code` is in the list.")
      .def_property_readonly("jobs", &RomeCatalog::jobs, "Every job, in file order.")
      .def("siblings", &RomeCatalog::siblings, py::arg("code"),
           "The codes sharing `code`'s v3 parent (itself included), sorted.")
      .def(
          "__repr__",
          [](const RomeCatalog& r) {
            return "vaekit.RomeCatalog(" + std::to_string(r.size()) + " codes)";
          },
          "`vaekit.RomeCatalog(n codes)`.");

  py::class_<Registry> reg(m, "Registry", R"doc(
The certifications of one registry snapshot, indexed by code.

``Registry.load(path, strict=True)`` reads the CSV export zip, the XML export v4.1 (plain or
zipped) or vaekit's JSON; in lenient mode (``strict=False``) bad records go to ``rejects``.
``reg["RNCP37488"]`` raises KeyError (vaekit.NotFound) when absent.
)doc");
  reg.def(py::init<>(), "An empty registry.")
      .def(py::init<std::vector<Certification>>(), py::arg("certifications"),
           "A registry of `certifications` (links mirrored).")
      .def_static(
          "load",
          [](const std::filesystem::path& path, bool strict, unsigned threads) {
            py::gil_scoped_release release;
            LoadOptions options{strict, RegistryFormat::automatic};
            options.threads = threads;
            return Registry::load(path, options);
          },
          py::arg("path"), py::arg("strict") = true, py::kw_only(), py::arg("threads") = 0,
          "Reads an export (CSV zip, XML, zipped XML) or a vaekit JSON file. `threads`: threads "
          "parsing a large XML export (0: one per core, 1: sequential; same result either way).")
      .def_static(
          "from_bytes",
          [](const py::bytes& data, const std::string& source, bool strict) {
            std::string buf = data;
            py::gil_scoped_release release;
            return Registry::read(buf, source, LoadOptions{strict, RegistryFormat::automatic});
          },
          py::arg("data"), py::arg("source") = "<bytes>", py::arg("strict") = true,
          "Reads an export held in memory.")
      .def("__len__", &Registry::size, "The number of certifications.")
      .def("__getitem__", &Registry::get, py::arg("code"), py::return_value_policy::copy,
           "The certification `code`; raises KeyError (vaekit.NotFound) with the code.")
      .def(
          "__contains__", [](const Registry& r, const std::string& c) { return r.contains(c); },
          py::arg("code"), "Whether `code` is present.")
      .def(
          "__iter__", [](const Registry& r) { return py::make_iterator(r.begin(), r.end()); },
          py::keep_alive<0, 1>(), "Iterates over the certifications.")
      .def(
          "get",
          [](const Registry& r, const std::string& code) -> std::optional<Certification> {
            const Certification* c = r.find(code);
            return c ? std::optional<Certification>(*c) : std::nullopt;
          },
          py::arg("code"), "The certification `code`, or None.")
      .def_property_readonly(
          "codes",
          [](const Registry& r) {
            std::vector<std::string> out;
            for (const auto& c : r) out.push_back(c.code);
            return out;
          },
          "Every code, in import order.")
      .def("add", &Registry::add, py::arg("certification"), "Adds a certification.")
      .def("merge", &Registry::merge, py::arg("other"),
           "Adds every certification of `other` (e.g. the RS export).")
      .def_property_readonly("rejects", &Registry::rejects, "Records left out by a lenient import.")
      .def("to_table", &registry_table,
           "One row per certification as a vaekit.Table (typed columns: kind and codes as "
           "categories, dates, lists of codes); to_pandas() is to_table().to_pandas().")
      .def(
          "rejects_table", [](const Registry& r) { return rejects_table(r.rejects()); },
          "The rejects as a vaekit.Table: source, line, field, code (the fiche), reason.")
      .def_property_readonly(
          "read", [](const Registry& r) { return r.import_stats().read; },
          "Records read (== accepted + rejected).")
      .def_property_readonly(
          "accepted", [](const Registry& r) { return r.import_stats().accepted; }, "Records kept.")
      .def_property_readonly(
          "rejected", [](const Registry& r) { return r.import_stats().rejected; },
          "Records rejected.")
      .def_property_readonly(
          "source_format",
          [](const Registry& r) { return std::string(to_string(r.source_format())); },
          "'csv_zip', 'xml', 'json' or 'automatic' (built in memory).")
      .def("successors", &Registry::successors, py::arg("code"),
           "The certifications at the end of every replacement chain from `code`.")
      .def("active_successors", &Registry::active_successors, py::arg("code"),
           py::arg("vae_only") = false, "The successors still active (and VAE-accessible).")
      .def("succession", &Registry::succession, py::arg("code"),
           "The full walk: chain, ends, dangling links and cycles.")
      .def("predecessors", &Registry::predecessors, py::arg("code"),
           "Every certification `code` replaces, directly or not.")
      .def("link_issues", &Registry::link_issues, "Every dangling link and cycle.")
      .def(
          "search",
          [](const Registry& r, const std::string& text, std::size_t limit) {
            std::vector<SearchHit> hits;
            {
              py::gil_scoped_release release;
              hits = r.search(text, limit);
            }
            py::list out;
            for (const auto& h : hits) out.append(py::cast(r.get(h.code)));
            return out;
          },
          py::arg("text"), py::arg("limit") = 10,
          "Ranked accent-insensitive word search with prefixes; the best certifications first.")
      .def(
          "search_scores",
          [](const Registry& r, const std::string& text, std::size_t limit) {
            std::vector<std::pair<std::string, double>> out;
            for (const auto& h : r.search(text, limit)) out.emplace_back(h.code, h.score);
            return out;
          },
          py::arg("text"), py::arg("limit") = 10, "Like search(), as (code, score) pairs.")
      .def(
          "filter",
          [](const Registry& r, std::optional<int> min_level, std::optional<int> max_level,
             std::optional<std::string> certifier, std::optional<std::string> rome,
             std::optional<bool> vae_accessible, std::optional<bool> active,
             std::optional<DateLike> registered_on, std::optional<RegistryKind> kind) {
            CertificationFilter f{
                min_level,
                max_level,
                std::move(certifier),
                std::move(rome),
                vae_accessible,
                active,
                registered_on ? std::optional<Date>(registered_on->get()) : std::nullopt,
                kind};
            return cert_list(r.filter(f));
          },
          py::kw_only(), py::arg("min_level") = py::none(), py::arg("max_level") = py::none(),
          py::arg("certifier") = py::none(), py::arg("rome") = py::none(),
          py::arg("vae_accessible") = py::none(), py::arg("active") = py::none(),
          py::arg("registered_on") = py::none(), py::arg("kind") = py::none(),
          "Certifications matching every given criterion.")
      .def(
          "for_rome",
          [](const Registry& r, const std::string& code, const RomeCatalog* catalog) {
            return cert_list(catalog ? r.for_rome(code, *catalog) : r.for_rome(code));
          },
          py::arg("code"), py::arg("catalog") = nullptr,
          "Certifications listing ROME `code` (and, with a catalog, codes of the same v3 parent).")
      .def(
          "__repr__",
          [](const Registry& r) {
            return "vaekit.Registry(" + std::to_string(r.size()) + " certifications)";
          },
          "`vaekit.Registry(n certifications)`.");
  def_json_pickle<Registry>(reg);
  def_json_io<Registry>(reg, "Registry");
  reg.def(
      "save",
      [](const Registry& r, const std::filesystem::path& path) { save_json(path, to_document(r)); },
      py::arg("path"), "Writes the registry as a Registry.1 JSON file (atomically).");

  py::class_<FieldChange>(m, "FieldChange", "A field whose value differs between snapshots.")
      .def_readonly("code", &FieldChange::code, "The certification.")
      .def_readonly("field", &FieldChange::field, "The JSON field name.")
      .def_readonly("old_value", &FieldChange::old_value, "The old value (compact JSON).")
      .def_readonly("new_value", &FieldChange::new_value, "The new value (compact JSON).")
      .def(
          "__repr__",
          [](const FieldChange& f) { return "vaekit.FieldChange(" + f.code + "." + f.field + ")"; },
          "`vaekit.FieldChange(code.field)`.");
  py::class_<Replacement>(m, "Replacement", "A certification newly replaced.")
      .def_readonly("code", &Replacement::code, "The replaced certification.")
      .def_readonly("replaced_by", &Replacement::replaced_by, "Its direct replacements.")
      .def_readonly("successors", &Replacement::successors, "Ends of its chains.")
      .def(
          "__repr__", [](const Replacement& r) { return "vaekit.Replacement(" + r.code + ")"; },
          "`vaekit.Replacement(code)`.");
  py::class_<RegistryChanges> changes(m, "RegistryChanges", "What changed between two snapshots.");
  changes
      .def("to_table", &changes_table,
           "One row per change as a vaekit.Table: code, change (category), field, old, new.")
      .def_readonly("added", &RegistryChanges::added, "In the new snapshot only.")
      .def_readonly("withdrawn", &RegistryChanges::withdrawn, "In the old snapshot only.")
      .def_readonly("deactivated", &RegistryChanges::deactivated, "Active before, inactive now.")
      .def_readonly("reactivated", &RegistryChanges::reactivated, "Inactive before, active now.")
      .def_readonly("replaced", &RegistryChanges::replaced, "Newly replaced certifications.")
      .def_readonly("changed", &RegistryChanges::changed, "Field changes.")
      .def(
          "__bool__", [](const RegistryChanges& c) { return !c.empty(); },
          "Whether anything changed.")
      .def(
          "__repr__",
          [](const RegistryChanges& c) {
            return "vaekit.RegistryChanges(added=" + std::to_string(c.added.size()) +
                   ", withdrawn=" + std::to_string(c.withdrawn.size()) +
                   ", replaced=" + std::to_string(c.replaced.size()) +
                   ", changed=" + std::to_string(c.changed.size()) + ")";
          },
          "Counts of each kind of change.");
  def_json_pickle<RegistryChanges>(changes);
  def_json_io<RegistryChanges>(changes, "RegistryChanges");

  m.def(
      "registry_changes",
      [](const Registry& old_registry, const Registry& new_registry) {
        py::gil_scoped_release release;
        return registry_changes(old_registry, new_registry);
      },
      py::arg("old"), py::arg("new"), "What changed from snapshot `old` to snapshot `new`.");

  py::class_<CaseImpact>(m, "CaseImpact", "A case whose target certification is not available.")
      .def_readonly("case_id", &CaseImpact::case_id, "The case.")
      .def_readonly("code", &CaseImpact::code, "Its target.")
      .def_property_readonly(
          "status", [](const CaseImpact& c) { return std::string(to_string(c.status)); },
          "'withdrawn', 'inactive', 'replaced' or 'not_vae'.")
      .def_readonly("offers", &CaseImpact::offers, "What to offer instead.")
      .def(
          "__repr__",
          [](const CaseImpact& c) {
            return "vaekit.CaseImpact(" + c.case_id + ", " + c.code + ", " +
                   std::string(to_string(c.status)) + ")";
          },
          "`vaekit.CaseImpact(case, code, status)`.");
  m.def(
      "case_impacts",
      [](const Registry& registry, const std::vector<std::pair<std::string, std::string>>& pairs) {
        std::vector<CaseTarget> targets;
        for (const auto& [id, code] : pairs) targets.push_back(CaseTarget{id, code});
        return case_impacts(registry, targets);
      },
      py::arg("registry"), py::arg("pairs"),
      "The (case_id, code) pairs whose target is not available in `registry`, with offers.");
}

}  // namespace vaekit::python
