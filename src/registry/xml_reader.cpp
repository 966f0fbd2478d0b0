// The XML export v4.1 (RNCP and RS), streamed with expat: the 570 MB full export is never held
// in memory; only the fields vaekit keeps are buffered, fiche by fiche.
#include <expat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>
#include <unordered_map>

#include "detail.hpp"
#include "zip_util.hpp"

namespace vaekit::detail {

namespace {

// Element names the reader cares about.
enum class El : std::uint8_t {
  other,
  fiches,
  fiche,
  id_fiche,
  numero_fiche,
  intitule,
  abrege,
  code,
  libelle,
  etat_fiche,
  formacodes,
  formacode,
  nomenclature_europe,
  niveau,
  codes_nsf,
  nsf,
  codes_rome,
  rome,
  certificateurs,
  certificateur,
  siret_certificateur,
  nom_certificateur,
  etat_certificateur,
  si_jury_fi,
  si_jury_ca,
  si_jury_fc,
  si_jury_cq,
  si_jury_cl,
  si_jury_vae,
  actif,
  accessible_nc,
  accessible_pf,
  lien_url,
  date_fin_enregistrement,
  date_effet,
  date_decision,
  date_dernier_jo,
  date_de_publication,
  date_limite_delivrance,
  duree_enregistrement,
  type_enregistrement,
  validation_partielle,
  blocs_competences,
  bloc_competences,
  statistiques_promotions,
  statistiques_promotion,
  annee,
  nombre_certifies,
  nombre_certifies_vae,
  taux_insertion_global_6mois,
  taux_insertion_metier_2ans,
  anciennes_certifications,
  ancienne_certification,
  id_fiche_ancienne,
  nouvelles_certifications,
  nouvelle_certification,
  id_fiche_nouvelle,
  correspondances,
  correspondance,
  version_flux,
};

const std::unordered_map<std::string_view, El>& element_ids() {
  static const std::unordered_map<std::string_view, El> ids{
      {"FICHES", El::fiches},
      {"FICHE", El::fiche},
      {"ID_FICHE", El::id_fiche},
      {"NUMERO_FICHE", El::numero_fiche},
      {"INTITULE", El::intitule},
      {"ABREGE", El::abrege},
      {"CODE", El::code},
      {"LIBELLE", El::libelle},
      {"ETAT_FICHE", El::etat_fiche},
      {"FORMACODES", El::formacodes},
      {"FORMACODE", El::formacode},
      {"NOMENCLATURE_EUROPE", El::nomenclature_europe},
      {"NIVEAU", El::niveau},
      {"CODES_NSF", El::codes_nsf},
      {"NSF", El::nsf},
      {"CODES_ROME", El::codes_rome},
      {"ROME", El::rome},
      {"CERTIFICATEURS", El::certificateurs},
      {"CERTIFICATEUR", El::certificateur},
      {"SIRET_CERTIFICATEUR", El::siret_certificateur},
      {"NOM_CERTIFICATEUR", El::nom_certificateur},
      {"ETAT_CERTIFICATEUR", El::etat_certificateur},
      {"SI_JURY_FI", El::si_jury_fi},
      {"SI_JURY_CA", El::si_jury_ca},
      {"SI_JURY_FC", El::si_jury_fc},
      {"SI_JURY_CQ", El::si_jury_cq},
      {"SI_JURY_CL", El::si_jury_cl},
      {"SI_JURY_VAE", El::si_jury_vae},
      {"ACTIF", El::actif},
      {"ACCESSIBLE_NOUVELLE_CALEDONIE", El::accessible_nc},
      {"ACCESSIBLE_POLYNESIE_FRANCAISE", El::accessible_pf},
      {"LIEN_URL_DESCRIPTION", El::lien_url},
      {"DATE_FIN_ENREGISTREMENT", El::date_fin_enregistrement},
      {"DATE_EFFET", El::date_effet},
      {"DATE_DECISION", El::date_decision},
      {"DATE_DERNIER_JO", El::date_dernier_jo},
      {"DATE_DE_PUBLICATION", El::date_de_publication},
      {"DATE_LIMITE_DELIVRANCE", El::date_limite_delivrance},
      {"DUREE_ENREGISTREMENT", El::duree_enregistrement},
      {"TYPE_ENREGISTREMENT", El::type_enregistrement},
      {"VALIDATION_PARTIELLE", El::validation_partielle},
      {"BLOCS_COMPETENCES", El::blocs_competences},
      {"BLOC_COMPETENCES", El::bloc_competences},
      {"STATISTIQUES_PROMOTIONS", El::statistiques_promotions},
      {"STATISTIQUES_PROMOTION", El::statistiques_promotion},
      {"ANNEE", El::annee},
      {"NOMBRE_CERTIFIES", El::nombre_certifies},
      {"NOMBRE_CERTIFIES_VAE", El::nombre_certifies_vae},
      {"TAUX_INSERTION_GLOBAL_6MOIS", El::taux_insertion_global_6mois},
      {"TAUX_INSERTION_METIER_2ANS", El::taux_insertion_metier_2ans},
      {"ANCIENNES_CERTIFICATIONS", El::anciennes_certifications},
      {"ANCIENNE_CERTIFICATION", El::ancienne_certification},
      {"ID_FICHE_ANCIENNE_CERTIFICATION", El::id_fiche_ancienne},
      {"NOUVELLES_CERTIFICATIONS", El::nouvelles_certifications},
      {"NOUVELLE_CERTIFICATION", El::nouvelle_certification},
      {"ID_FICHE_NOUVELLE_CERTIFICATION", El::id_fiche_nouvelle},
      {"CORRESPONDANCES", El::correspondances},
      {"CORRESPONDANCE", El::correspondance},
      {"VERSION_FLUX", El::version_flux},
  };
  return ids;
}

bool looks_like_block_code(std::string_view s) {
  const auto bc = s.find("BC");
  return bc != std::string_view::npos && bc > 0 && is_certification_code(s.substr(0, bc));
}

struct Frame {
  El id;
  std::string_view name;  // points into names_ (stable)
};

class XmlImport {
 public:
  XmlImport(ImportSink& sink, std::string source) : sink_(sink), source_(std::move(source)) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlImport::on_start, &XmlImport::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlImport::on_text);
  }
  ~XmlImport() { XML_ParserFree(parser_); }
  XmlImport(const XmlImport&) = delete;
  XmlImport& operator=(const XmlImport&) = delete;

  /// Feeds a chunk; false once parsing stopped (error or strict failure).
  bool feed(const char* data, std::size_t len, bool last) {
    if (stopped_) return false;
    std::size_t off = 0;
    do {
      const std::size_t part = std::min<std::size_t>(len - off, 1u << 30);
      const bool final_part = last && off + part == len;
      if (XML_Parse(parser_, data + off, static_cast<int>(part), final_part ? 1 : 0) ==
          XML_STATUS_ERROR) {
        stopped_ = true;
        if (pending_) throw *pending_;  // strict failure raised in a callback
        if (XML_GetErrorCode(parser_) != XML_ERROR_ABORTED) syntax_error();
        return false;
      }
      off += part;
    } while (off < len);
    if (pending_) {
      stopped_ = true;
      throw *pending_;
    }
    return true;
  }

  /// After the last chunk: checks the document was complete.
  void finish() {
    if (stopped_) return;
    if (!seen_root_) {
      sink_.reject(source_, 0, 0, "", "", "empty document: not an RNCP/RS XML export");
    }
  }

 private:
  static void XMLCALL on_start(void* ud, const XML_Char* name, const XML_Char** /*attrs*/) {
    static_cast<XmlImport*>(ud)->start(name);
  }
  static void XMLCALL on_end(void* ud, const XML_Char* name) {
    static_cast<XmlImport*>(ud)->end(name);
  }
  static void XMLCALL on_text(void* ud, const XML_Char* s, int len) {
    auto* self = static_cast<XmlImport*>(ud);
    if (self->capture_) self->text_.append(s, static_cast<std::size_t>(len));
  }

  [[nodiscard]] El parent(std::size_t up = 1) const {
    return stack_.size() > up ? stack_[stack_.size() - 1 - up].id : El::other;
  }

  std::string path() const {
    std::string p;
    for (const auto& f : stack_) {
      if (!p.empty()) p += '/';
      p += f.name;
    }
    return p;
  }

  std::size_t line() const { return static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_)); }

  // A problem in the current fiche (or outside any fiche).
  void problem(const std::string& reason) {
    if (in_fiche_) {
      if (!fiche_error_) {
        fiche_error_ = RegistryReject{source_, line(), path(), cert_.code, reason};
        if (sink_.strict()) stop_with(reason);
      }
      return;
    }
    if (sink_.strict()) {
      stop_with(reason);
    } else {
      sink_.reject(source_, line(), 0, path(), "", reason);
    }
  }

  void stop_with(const std::string& reason) {
    std::string what = cert_.code.empty() || !in_fiche_ ? reason : cert_.code + ": " + reason;
    pending_ = ParseError(SourceLocation{source_, line(), 0, path()}, what);
    XML_StopParser(parser_, XML_FALSE);
  }

  void syntax_error() {
    const auto code = XML_GetErrorCode(parser_);
    std::string reason = std::string("malformed XML: ") + XML_ErrorString(code);
    if (code == XML_ERROR_INVALID_TOKEN || code == XML_ERROR_UNCLOSED_CDATA_SECTION) {
      reason += " (the export is UTF-8; is this file Latin-1 or binary?)";
    }
    const std::string where = path();
    const auto ln = static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_));
    const auto col = static_cast<std::size_t>(XML_GetCurrentColumnNumber(parser_)) + 1;
    if (sink_.strict()) throw ParseError(SourceLocation{source_, ln, col, where}, reason);
    // The fiche being read is lost with the rest of the file: one reject.
    sink_.reject(source_, ln, col, where, in_fiche_ ? cert_.code : std::string(), reason);
  }

  void start(const XML_Char* name) {
    const std::string_view n(name);
    const auto& ids = element_ids();
    auto it = ids.find(n);
    const El id = it == ids.end() ? El::other : it->second;
    const auto stored = names_.emplace(n).first;
    stack_.push_back(Frame{id, *stored});
    text_.clear();
    capture_ = false;
    if (stack_.size() == 1) {
      seen_root_ = true;
      if (id != El::fiches) {
        problem("not an RNCP/RS XML export (root element " + excerpt(n) + ", expected FICHES)");
        XML_StopParser(parser_, XML_FALSE);
        stopped_root_ = true;
      }
      return;
    }
    if (stack_.size() == 2) {
      if (id == El::fiche) {
        in_fiche_ = true;
        cert_ = Certification{};
        fiche_error_.reset();
        fiche_line_ = line();
      } else if (id == El::version_flux) {
        capture_ = true;
      }
      return;
    }
    if (!in_fiche_) return;
    if (in_correspondance_depth_ > 0) {
      capture_ = true;
      return;
    }
    switch (id) {
      case El::bloc_competences: cert_.blocks.emplace_back(); break;
      case El::certificateur: cert_.certifiers.emplace_back(); break;
      case El::statistiques_promotion: cert_.statistics.emplace_back(); break;
      case El::formacode:
      case El::nsf:
      case El::rome:
        if (parent() == El::formacodes || parent() == El::codes_nsf ||
            parent() == El::codes_rome) {
          list_for(id).emplace_back();
        }
        break;
      case El::correspondance:
        cert_.correspondences.emplace_back();
        in_correspondance_depth_ = stack_.size();
        break;
      default: break;
    }
    // Capture the text of leaves we keep: every element directly needed. Long free-text
    // elements (ACTIVITES_VISEES...) are not captured.
    switch (id) {
      case El::id_fiche:
      case El::numero_fiche:
      case El::intitule:
      case El::code:
      case El::libelle:
      case El::etat_fiche:
      case El::niveau:
      case El::siret_certificateur:
      case El::nom_certificateur:
      case El::etat_certificateur:
      case El::actif:
      case El::accessible_nc:
      case El::accessible_pf:
      case El::lien_url:
      case El::date_fin_enregistrement:
      case El::date_effet:
      case El::date_decision:
      case El::date_dernier_jo:
      case El::date_de_publication:
      case El::date_limite_delivrance:
      case El::duree_enregistrement:
      case El::type_enregistrement:
      case El::validation_partielle:
      case El::annee:
      case El::nombre_certifies:
      case El::nombre_certifies_vae:
      case El::taux_insertion_global_6mois:
      case El::taux_insertion_metier_2ans:
      case El::id_fiche_ancienne:
      case El::id_fiche_nouvelle: capture_ = true; break;
      default: break;
    }
  }

  std::vector<CodeLabel>& list_for(El id) {
    return id == El::formacode ? cert_.formacode : id == El::nsf ? cert_.nsf : cert_.rome;
  }

  void end(const XML_Char* /*name*/) {
    if (stack_.empty()) return;
    const El id = stack_.back().id;
    const std::size_t depth = stack_.size();
    if (depth == 2 && id == El::version_flux) {
      const auto v = trim(text_);
      if (v.substr(0, 2) != "4.") {
        problem("unsupported VERSION_FLUX " + excerpt(v) + " (vaekit reads version 4.x)");
      }
    } else if (depth == 2 && id == El::fiche) {
      finish_fiche();
    } else if (in_fiche_ && depth > 2) {
      try {
        leaf(id, depth);
      } catch (const Error& e) {
        const auto* pe = dynamic_cast<const ParseError*>(&e);
        problem(pe != nullptr ? pe->reason() : std::string(e.what()));
      }
    }
    if (in_correspondance_depth_ == depth) in_correspondance_depth_ = 0;
    stack_.pop_back();
    text_.clear();
    capture_ = false;
  }

  void leaf(El id, std::size_t depth) {
    const El up = parent();
    if (in_correspondance_depth_ > 0 && depth > in_correspondance_depth_) {
      auto& corr = cert_.correspondences.back();
      const std::string value(trim(text_));
      if (!value.empty()) {
        corr.fields[std::string(stack_.back().name)] = value;
        if (looks_like_block_code(value)) corr.block_codes.push_back(value);
      }
      return;
    }
    const std::string_view v = trim(text_);
    if (depth == 3) {  // direct children of FICHE
      switch (id) {
        case El::id_fiche: cert_.fiche_id = parse_int(v); break;
        case El::numero_fiche:
          cert_.code = std::string(v);
          if (!is_certification_code(cert_.code)) {
            throw InvalidArgument("malformed certification code " + excerpt(v));
          }
          break;
        case El::intitule: cert_.title = std::string(v); break;
        case El::etat_fiche: cert_.status = std::string(v); break;
        case El::actif: {
          auto a = parse_oui_non(v);
          if (!a) throw InvalidArgument("empty ACTIF");
          cert_.active = *a;
          break;
        }
        case El::accessible_nc: cert_.new_caledonia = parse_oui_non(v); break;
        case El::accessible_pf: cert_.french_polynesia = parse_oui_non(v); break;
        case El::lien_url: cert_.url = std::string(v); break;
        case El::date_fin_enregistrement: cert_.registration_end = parse_export_date(v); break;
        case El::date_effet: cert_.effect_date = parse_export_date(v); break;
        case El::date_decision: cert_.decision_date = parse_export_date(v); break;
        case El::date_dernier_jo: cert_.last_official_journal = parse_export_date(v); break;
        case El::date_de_publication: cert_.publication_date = parse_export_date(v); break;
        case El::date_limite_delivrance: cert_.delivery_deadline = parse_export_date(v); break;
        case El::duree_enregistrement:
          if (!v.empty()) cert_.registration_years = static_cast<int>(parse_int(v) % 1000);
          break;
        case El::type_enregistrement: cert_.registration_type = std::string(v); break;
        case El::validation_partielle: cert_.partial_validation = parse_oui_non(v); break;
        default: break;
      }
      return;
    }
    switch (id) {
      case El::code:
      case El::libelle:
        if (up == El::abrege) {
          (id == El::code ? cert_.short_type.code : cert_.short_type.label) = std::string(v);
        } else if (up == El::nomenclature_europe && id == El::libelle) {
          cert_.level_label = std::string(v);
        } else if ((up == El::formacode || up == El::nsf || up == El::rome) &&
                   !list_for(up).empty()) {
          auto& cl = list_for(up).back();
          (id == El::code ? cl.code : cl.label) = std::string(v);
        } else if (up == El::bloc_competences && !cert_.blocks.empty()) {
          (id == El::code ? cert_.blocks.back().code : cert_.blocks.back().title) = std::string(v);
        }
        break;
      case El::niveau:
        if (up == El::nomenclature_europe) cert_.level = parse_level(v);
        break;
      case El::siret_certificateur:
        if (!cert_.certifiers.empty()) cert_.certifiers.back().siret = std::string(v);
        break;
      case El::nom_certificateur:
        if (!cert_.certifiers.empty()) cert_.certifiers.back().name = std::string(v);
        break;
      case El::etat_certificateur:
        if (!cert_.certifiers.empty()) {
          if (v == "Actif") {
            cert_.certifiers.back().active = true;
          } else if (v == "Inactif") {
            cert_.certifiers.back().active = false;
          } else if (!v.empty()) {
            throw InvalidArgument("expected Actif or Inactif, got " + excerpt(v));
          }
        }
        break;
      case El::actif: {
        AccessRoute route{};
        switch (up) {
          case El::si_jury_fi: route = AccessRoute::initial_training; break;
          case El::si_jury_ca: route = AccessRoute::apprenticeship; break;
          case El::si_jury_fc: route = AccessRoute::continuing_training; break;
          case El::si_jury_cq: route = AccessRoute::professionalisation_contract; break;
          case El::si_jury_cl: route = AccessRoute::individual_application; break;
          case El::si_jury_vae: route = AccessRoute::vae; break;
          default: return;
        }
        if (parse_oui_non(v).value_or(false) && !cert_.has_access_route(route)) {
          cert_.access_routes.insert(
              std::upper_bound(cert_.access_routes.begin(), cert_.access_routes.end(), route),
              route);
        }
        break;
      }
      case El::annee:
        if (up == El::statistiques_promotion && !cert_.statistics.empty()) {
          cert_.statistics.back().year = static_cast<int>(parse_int(v) % 100000);
        }
        break;
      case El::nombre_certifies:
      case El::nombre_certifies_vae:
      case El::taux_insertion_global_6mois:
      case El::taux_insertion_metier_2ans:
        if (up == El::statistiques_promotion && !cert_.statistics.empty() && !v.empty()) {
          auto& st = cert_.statistics.back();
          const int value = static_cast<int>(std::min<std::int64_t>(parse_int(v), 1'000'000'000));
          (id == El::nombre_certifies       ? st.certified
           : id == El::nombre_certifies_vae ? st.certified_by_vae
           : id == El::taux_insertion_global_6mois ? st.employment_rate_6_months
                                                   : st.job_rate_2_years) = value;
        }
        break;
      case El::id_fiche_ancienne:
      case El::id_fiche_nouvelle:
        if (!v.empty()) {
          if (!is_certification_code(v)) {
            throw InvalidArgument("malformed certification code " + excerpt(v));
          }
          push_unique(id == El::id_fiche_ancienne ? cert_.replaces : cert_.replaced_by,
                      std::string(v));
        }
        break;
      default: break;
    }
  }

  void finish_fiche() {
    in_fiche_ = false;
    if (!fiche_error_ && cert_.code.empty()) {
      fiche_error_ = RegistryReject{source_, fiche_line_, "FICHES/FICHE/NUMERO_FICHE", "",
                                    "fiche without NUMERO_FICHE"};
      if (sink_.strict()) {
        pending_ = ParseError(SourceLocation{source_, fiche_line_, 0, fiche_error_->field},
                              fiche_error_->reason);
        XML_StopParser(parser_, XML_FALSE);
        return;
      }
    }
    if (fiche_error_) {
      if (!sink_.strict()) {
        sink_.reject(fiche_error_->source, fiche_error_->line, 0, fiche_error_->field,
                     fiche_error_->code, fiche_error_->reason);
      }
      return;
    }
    std::sort(cert_.statistics.begin(), cert_.statistics.end(),
              [](const PromotionStats& a, const PromotionStats& b) { return a.year < b.year; });
    if (sink_.strict() && sink_.has(cert_.code)) {
      pending_ = ParseError(SourceLocation{source_, fiche_line_, 0, "FICHES/FICHE"},
                            cert_.code + ": duplicate fiche " + cert_.code);
      XML_StopParser(parser_, XML_FALSE);
      return;
    }
    sink_.accept(std::move(cert_), fiche_line_, source_);
  }

  ImportSink& sink_;
  std::string source_;
  XML_Parser parser_ = nullptr;
  std::vector<Frame> stack_;
  std::set<std::string, std::less<>> names_;
  std::string text_;
  bool capture_ = false;
  bool in_fiche_ = false;
  bool seen_root_ = false;
  bool stopped_ = false;
  bool stopped_root_ = false;
  std::size_t in_correspondance_depth_ = 0;
  std::size_t fiche_line_ = 0;
  Certification cert_;
  std::optional<RegistryReject> fiche_error_;
  std::optional<ParseError> pending_;
};

}  // namespace

Registry read_xml_plain(const std::string& path, std::string_view data, const std::string& source,
                        bool strict) {
  ImportSink sink(strict, source);
  {
    XmlImport xml(sink, source);
    if (path.empty()) {
      xml.feed(data.data(), data.size(), true);
    } else {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw IoError(path, "cannot open " + path);
      std::string buf(1 << 20, '\0');
      while (true) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        const bool last = got < buf.size();
        if (!xml.feed(buf.data(), got, last)) break;
        if (last) break;
      }
    }
    xml.finish();
  }
  return sink.finish(RegistryFormat::xml);
}

Registry read_xml_zip(const std::string& path, std::string_view data, const std::string& source,
                      bool strict) {
  ImportSink sink(strict, source);
  ZipArchive zip(path, data);
  if (!zip.ok()) {
    sink.reject(source, 0, 0, "", "", "not a readable zip archive (" + zip.error() + ")");
    return sink.finish(RegistryFormat::xml);
  }
  const zip_int64_t n = zip.entries();
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto idx = static_cast<zip_uint64_t>(i);
    const std::string name = zip.name(idx);
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) continue;
    const std::string src = source + ":" + name;
    XmlImport xml(sink, src);
    bool ok = true;
    const std::string err = zip.read(idx, [&](const char* d, std::size_t len) {
      ok = xml.feed(d, len, false);
      return ok;
    });
    if (!err.empty()) {
      sink.reject(src, 0, 0, "", "",
                  "cannot read the zip entry (" + err + "); truncated or corrupt archive?");
    } else if (ok) {
      xml.feed("", 0, true);
      xml.finish();
    }
  }
  return sink.finish(RegistryFormat::xml);
}

std::optional<bool> zip_holds_xml(const std::string& path, std::string_view data) {
  ZipArchive zip(path, data);
  if (!zip.ok()) return std::nullopt;
  const zip_int64_t n = zip.entries();
  for (zip_int64_t i = 0; i < n; ++i) {
    const std::string name = zip.name(static_cast<zip_uint64_t>(i));
    if (name.size() >= 4 && name.compare(name.size() - 4, 4, ".xml") == 0) return true;
  }
  return false;
}

}  // namespace vaekit::detail
