// The CSV export zip of France Compétences: ten `;`-separated parts joined on Numero_Fiche,
// read in place with libzip (each part decompressed in memory, never extracted to disk).
#include <algorithm>
#include <array>
#include <set>

#include "detail.hpp"
#include "zip_util.hpp"

namespace vaekit::detail {

namespace {

enum class Part : std::uint8_t {
  standard,
  certifiers,
  blocks,
  access,
  rome,
  nsf,
  formacode,
  partners,
  ccn,
  links,
};
constexpr std::size_t kParts = 10;

struct PartInfo {
  Part part;
  std::string_view key;   // ASCII part of the entry name that identifies it
  std::string_view name;  // the part's name as documented
};
constexpr std::array<PartInfo, kParts> kPartInfo{{
    {Part::standard, "_Standard_", "Standard"},
    {Part::certifiers, "_Certificateurs_", "Certificateurs"},
    {Part::blocks, "_Blocs_De_Comp", "Blocs_De_Compétences"},
    {Part::access, "_VoixdAcc", "VoixdAccès"},
    {Part::rome, "_Rome_", "Rome"},
    {Part::nsf, "_Nsf_", "Nsf"},
    {Part::formacode, "_Formacode_", "Formacode"},
    {Part::partners, "_Partenaires_", "Partenaires"},
    {Part::ccn, "_CCN_", "CCN"},
    {Part::links, "_Ancienne_Nouvelle_Certification_", "Ancienne_Nouvelle_Certification"},
}};

/// The header of a part: column name → index.
class Header {
 public:
  explicit Header(const std::vector<std::string>& names) : names_(names) {}
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (trim(names_[i]) == name) return i;
    }
    return std::nullopt;
  }
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  [[nodiscard]] std::string name(std::size_t i) const { return std::string(trim(names_[i])); }

 private:
  std::vector<std::string> names_;
};

struct Reader {
  ImportSink& sink;
  std::string zip_source;
  std::set<std::string> rejected_codes;  // fiches already rejected (lenient mode)

  std::string source_of(const std::string& entry) const { return zip_source + ":" + entry; }

  // Reads one part's text; calls row(fields, line, get) per record after the header.
  template <class RowFn>
  void parse_part(const PartInfo& info, const std::string& entry, std::string_view text,
                  const std::vector<std::string_view>& required, RowFn&& row) {
    const std::string src = source_of(entry);
    CsvReader csv(text, ';');
    CsvRecord rec;
    std::vector<std::size_t> cols;
    std::size_t header_size = 0;
    try {
      if (!csv.next(rec)) {
        sink.reject(src, 0, 0, "", "", std::string("empty part ") + std::string(info.name));
        return;
      }
      Header header(rec.fields);
      header_size = header.size();
      for (auto name : required) {
        auto c = header.find(name);
        if (!c) {
          sink.reject(src, rec.line, 0, std::string(name), "",
                      "missing column " + std::string(name) + " in part " + std::string(info.name));
          return;
        }
        cols.push_back(*c);
      }
      while (true) {
        if (!csv.next(rec)) break;
        std::string code =
            cols.empty() || cols[0] >= rec.fields.size() ? std::string() : rec.fields[cols[0]];
        code = std::string(trim(code));
        if (rejected_codes.count(code) != 0) continue;
        std::string problem;
        std::string field;
        if (rec.fields.size() != header_size) {
          problem = std::to_string(rec.fields.size()) + " values where the header has " +
                    std::to_string(header_size);
        } else {
          for (std::size_t i = 0; i < rec.fields.size(); ++i) {
            if (!valid_utf8(rec.fields[i])) {
              field = std::to_string(i + 1);
              problem = "invalid UTF-8 (the export is UTF-8; is this file Latin-1?)";
              if (i < header.size()) field = header.name(i);
              break;
            }
          }
        }
        if (problem.empty()) {
          try {
            row(rec, cols, src, header);
            continue;
          } catch (const InvalidArgument& e) {
            problem = e.what();
            field = last_field;
          } catch (const ParseError& e) {
            problem = e.reason();
            field = last_field;
          }
        }
        fail_row(info.part, src, rec.line, field, code, problem);
      }
    } catch (const InvalidArgument& e) {
      // a tokenizer error: the rest of the part cannot be read
      sink.reject(src, csv.line(), 0, "", "", e.what());
    }
  }

  // The column being converted (for error messages).
  std::string last_field;

  void fail_row(Part part, const std::string& src, std::size_t line, const std::string& field,
                const std::string& code, const std::string& reason) {
    if (part != Part::standard && sink.find(code) != nullptr) {
      sink.drop(code, src, line, field, reason);
    } else {
      sink.reject(src, line, 0, field, code, reason);
    }
    if (!code.empty()) rejected_codes.insert(code);
  }
};

const std::string& at(const CsvRecord& rec, std::size_t col) {
  return rec.fields[col];
}

// The optional columns of the Standard part.
void read_standard_optional(Certification& c, const CsvRecord& rec, const Header& header,
                            std::string& field) {
  auto get = [&](std::string_view name) -> std::string_view {
    auto col = header.find(name);
    field = std::string(name);
    return col ? std::string_view(rec.fields[*col]) : std::string_view{};
  };
  if (auto id = trim(get("Id_Fiche")); !id.empty()) c.fiche_id = parse_int(id);
  c.short_type.code = std::string(trim(get("Abrege_Libelle")));
  c.short_type.label = std::string(get("Abrege_Intitule"));
  c.level = parse_level(trim(get("Nomenclature_Europe_Niveau")));
  c.level_label = std::string(get("Nomenclature_Europe_Intitule"));
  c.new_caledonia = parse_oui_non(get("Accessible_Nouvelle_Caledonie"));
  c.french_polynesia = parse_oui_non(get("Accessible_Polynesie_Francaise"));
  c.last_official_journal = parse_export_date(get("Date_dernier_jo"));
  c.decision_date = parse_export_date(get("Date_Decision"));
  c.registration_end = parse_export_date(get("Date_Fin_Enregistrement"));
  c.effect_date = parse_export_date(get("Date_Effet"));
  c.registration_type = std::string(get("Type_Enregistrement"));
  c.partial_validation = parse_oui_non(get("Validation_Partielle"));
  field.clear();
}

}  // namespace

Registry read_csv_zip(const std::string& path, std::string_view data, const std::string& source,
                      bool strict) {
  ImportSink sink(strict, source);
  ZipArchive zip(path, data);
  if (!zip.ok()) {
    sink.reject(source, 0, 0, "", "", "not a readable zip archive (" + zip.error() + ")");
    return sink.finish(RegistryFormat::csv_zip);
  }
  std::array<std::optional<zip_uint64_t>, kParts> entries{};
  std::array<std::string, kParts> names{};
  const zip_int64_t n = zip.entries();
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto idx = static_cast<zip_uint64_t>(i);
    const std::string name = zip.name(idx);
    for (std::size_t p = 0; p < kParts; ++p) {
      if (name.find(kPartInfo[p].key) != std::string::npos && !entries[p]) {
        entries[p] = idx;
        names[p] = name;
      }
    }
  }
  for (std::size_t p = 0; p < kParts; ++p) {
    if (!entries[p]) {
      sink.reject(source, 0, 0, std::string(kPartInfo[p].name), "",
                  "missing part " + std::string(kPartInfo[p].name) + " (export_fiches_CSV_" +
                      std::string(kPartInfo[p].name) + "_*.csv)");
    }
  }

  Reader reader{sink, source, {}, {}};
  // A part is decompressed in memory (the CSV tokenizer reads it in place), so a part that
  // inflates beyond kMaxCsvPartBytes, or more than kMaxCsvInflation times its compressed size once
  // past kCsvInflationFloor, is refused as a likely zip bomb before it is held: by its declared
  // sizes first, then by the bytes actually inflated (declared sizes can lie).
  auto too_big = [](std::uint64_t inflated, std::uint64_t compressed) {
    return inflated > kMaxCsvPartBytes ||
           (inflated > kCsvInflationFloor &&
            inflated / std::max<std::uint64_t>(compressed, 1) >= kMaxCsvInflation);
  };
  auto load_entry = [&](std::size_t p, std::string& text) {
    text.clear();
    const auto sizes = zip.sizes(*entries[p]);  // not a structured binding: lambdas capture it
    const std::uint64_t compressed = sizes.first;
    const std::uint64_t declared = sizes.second;
    const std::string src = reader.source_of(names[p]);
    auto refuse = [&](std::uint64_t inflated) {
      text.clear();
      text.shrink_to_fit();
      sink.reject(src, 0, 0, std::string(kPartInfo[p].name), "",
                  "part " + std::string(kPartInfo[p].name) + " inflates to at least " +
                      std::to_string(inflated) + " bytes from " + std::to_string(compressed) +
                      " compressed: refused (limits: " + std::to_string(kMaxCsvPartBytes) +
                      " bytes a part, " + std::to_string(kMaxCsvInflation) + "x inflation past " +
                      std::to_string(kCsvInflationFloor) + " bytes); a zip bomb?");
      return false;
    };
    if (too_big(declared, compressed)) return refuse(declared);
    bool refused = false;
    const std::string err = zip.read(*entries[p], [&](const char* d, std::size_t len) {
      if (too_big(text.size() + len, compressed)) {
        refused = true;
        return false;
      }
      text.append(d, len);
      return true;
    });
    if (refused) return refuse(text.size() + 1);  // at least one byte more
    if (!err.empty()) {
      sink.reject(src, 0, 0, "", "",
                  "cannot read the zip entry (" + err + "); truncated or corrupt archive?");
      return false;
    }
    return true;
  };

  std::string text;
  // Standard first: it defines the fiches.
  if (entries[0] && load_entry(0, text)) {
    reader.parse_part(
        kPartInfo[0], names[0], text, {"Numero_Fiche", "Intitule", "Actif"},
        [&](const CsvRecord& rec, const std::vector<std::size_t>& cols, const std::string& src,
            const Header& header) {
          Certification c;
          c.code = std::string(trim(at(rec, cols[0])));
          reader.last_field = "Numero_Fiche";
          if (!is_certification_code(c.code)) {
            throw InvalidArgument("malformed certification code " + excerpt(c.code));
          }
          c.title = at(rec, cols[1]);
          reader.last_field = "Actif";
          const auto active = trim(at(rec, cols[2]));
          if (active == "ACTIVE") {
            c.active = true;
          } else if (active == "INACTIVE") {
            c.active = false;
          } else {
            throw InvalidArgument("expected ACTIVE or INACTIVE, got " + excerpt(active));
          }
          reader.last_field.clear();
          read_standard_optional(c, rec, header, reader.last_field);
          sink.accept(std::move(c), rec.line, src);
        });
  }
  if (!entries[0]) return sink.finish(RegistryFormat::csv_zip);

  for (std::size_t p = 1; p < kParts; ++p) {
    if (!entries[p] || !load_entry(p, text)) continue;
    const Part part = kPartInfo[p].part;
    std::vector<std::string_view> required{"Numero_Fiche"};
    switch (part) {
      case Part::certifiers:
        required.insert(required.end(), {"Siret_Certificateur", "Nom_Certificateur"});
        break;
      case Part::blocks:
        required.insert(required.end(), {"Bloc_Competences_Code", "Bloc_Competences_Libelle"});
        break;
      case Part::access: required.insert(required.end(), {"Si_Jury"}); break;
      case Part::rome:
        required.insert(required.end(), {"Codes_Rome_Code", "Codes_Rome_Libelle"});
        break;
      case Part::nsf: required.insert(required.end(), {"Nsf_Code", "Nsf_Intitule"}); break;
      case Part::formacode:
        required.insert(required.end(), {"Formacode_Code", "Formacode_Libelle"});
        break;
      case Part::links:
        required.insert(required.end(), {"Ancienne_Certification", "Nouvelle_Certification"});
        break;
      case Part::partners:
      case Part::ccn:
      case Part::standard: break;
    }
    reader.parse_part(
        kPartInfo[p], names[p], text, required,
        [&](const CsvRecord& rec, const std::vector<std::size_t>& cols, const std::string&,
            const Header&) {
          const std::string code(trim(at(rec, cols[0])));
          reader.last_field = "Numero_Fiche";
          Certification* c = sink.find(code);
          if (part == Part::links) {
            // One link a row, recorded from both sides; the row's own fiche may be absent from
            // Standard (a link to a fiche outside this export): apply what concerns known fiches.
            const std::string older(trim(at(rec, cols[1])));
            const std::string newer(trim(at(rec, cols[2])));
            reader.last_field = "Ancienne_Certification";
            if (!older.empty() && !is_certification_code(older)) {
              throw InvalidArgument("malformed certification code " + excerpt(older));
            }
            reader.last_field = "Nouvelle_Certification";
            if (!newer.empty() && !is_certification_code(newer)) {
              throw InvalidArgument("malformed certification code " + excerpt(newer));
            }
            if (!is_certification_code(code)) {
              reader.last_field = "Numero_Fiche";
              throw InvalidArgument("malformed certification code " + excerpt(code));
            }
            if (c != nullptr) {
              if (!older.empty()) push_unique(c->replaces, older);
              if (!newer.empty()) push_unique(c->replaced_by, newer);
            }
            if (Certification* o = older.empty() ? nullptr : sink.find(older)) {
              push_unique(o->replaced_by, code);
            }
            if (Certification* nw = newer.empty() ? nullptr : sink.find(newer)) {
              push_unique(nw->replaces, code);
            }
            reader.last_field.clear();
            return;
          }
          if (c == nullptr) {
            throw InvalidArgument("row for fiche " + excerpt(code) +
                                  " absent from the Standard part");
          }
          reader.last_field.clear();
          switch (part) {
            case Part::certifiers:
              c->certifiers.push_back(
                  Certifier{std::string(trim(at(rec, cols[1]))), at(rec, cols[2]), std::nullopt});
              break;
            case Part::blocks:
              c->blocks.push_back(
                  SkillBlock{std::string(trim(at(rec, cols[1]))), at(rec, cols[2])});
              break;
            case Part::access: {
              reader.last_field = "Si_Jury";
              auto r = access_route_from_label(at(rec, cols[1]));
              if (!r) {
                throw InvalidArgument("unknown access route " + excerpt(at(rec, cols[1])) + "");
              }
              if (!c->has_access_route(*r)) {
                c->access_routes.insert(
                    std::upper_bound(c->access_routes.begin(), c->access_routes.end(), *r), *r);
              }
              reader.last_field.clear();
              break;
            }
            case Part::rome:
            case Part::nsf:
            case Part::formacode: {
              auto& list = part == Part::rome ? c->rome : part == Part::nsf ? c->nsf : c->formacode;
              CodeLabel cl{std::string(trim(at(rec, cols[1]))),
                           undouble_apostrophes(at(rec, cols[2]))};
              // NSF and Formacode labels repeat the code: "221w : Commercialisation ..."
              const std::string prefix = cl.code + " : ";
              if (part != Part::rome && cl.label.compare(0, prefix.size(), prefix) == 0) {
                cl.label.erase(0, prefix.size());
              }
              if (std::find_if(list.begin(), list.end(), [&](const CodeLabel& x) {
                    return x.code == cl.code;
                  }) == list.end()) {
                list.push_back(std::move(cl));
              }
              break;
            }
            case Part::partners:
            case Part::ccn:
            case Part::standard:
            case Part::links: break;
          }
        });
  }
  return sink.finish(RegistryFormat::csv_zip);
}

}  // namespace vaekit::detail
