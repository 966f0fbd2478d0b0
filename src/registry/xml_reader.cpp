// The XML export v4.1 (RNCP and RS), read with expat (and pugixml, see below): the 570 MB full
// export is never parsed into one tree; only the fields vaekit keeps are buffered, fiche by fiche.
//
// Sequential: one expat parser reads the file in 4 MB blocks; text is collected only inside the
// elements kept (the character-data handler is off elsewhere, so expat does not report the long
// free-text elements at all).
//
// Parallel (plain files larger than a chunk, mapped read-only, or bytes in memory; zip entries are
// read sequentially): the bytes are cut just before `<FICHE>` into chunks of about 512 KB, views
// of the mapping; each chunk is parsed by its own expat parser on a worker thread, wrapped in
// `<FICHES>`...`</FICHES>` so that expat sees a well-formed document. A parser does not write to
// the import directly: it records events (fiche accepted, record rejected, strict error, syntax
// error) with chunk-relative line numbers, and the calling thread replays the chunks' events in
// file order with each chunk's line offset (the newlines before it). The prolog (up to the first
// `<FICHE>`) and the tail (after the last `</FICHE>`) go through one ordinary parser. Any syntax
// error in a chunk, or anything unusual in the prolog or tail, makes the whole import start over
// sequentially, so that rejects and error messages are exactly those of the sequential reader.
//
// pugixml on the chunks: a chunk that a gate finds plain (valid UTF-8, plain references, no
// comment, CDATA section, processing instruction or `]]>`: what pugixml and expat read alike) is
// parsed by pugixml in situ (on a copy made by the gate) and its tree drives the same handlers as
// expat's callbacks; a chunk the gate refuses, that pugixml cannot parse, whose tree holds
// attributes or non-ASCII names, or in which any fiche is not accepted (rejects need expat's
// positions) is parsed by expat as above. docs/registry.md, "pugixml on the chunks".
#include <emmintrin.h>
#include <expat.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <simdjson.h>
#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <pugixml.hpp>
#include <thread>
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

/// A cheap hash of an element name (its length, first and last eight bytes): std::hash reads
/// every byte, and names are looked up once per element.
struct NameHash {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (s.size() >= 8) {
      std::memcpy(&a, s.data(), 8);
      std::memcpy(&b, s.data() + s.size() - 8, 8);
    } else {
      std::memcpy(&a, s.data(), s.size());
    }
    std::uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ s.size();
    h ^= h >> 29;
    return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ULL >> 16);
  }
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
  std::string_view name;  // points into the name table (stable)
};

/// What a parser found, in document order; replayed into the ImportSink by replay().
struct XmlEvent {
  enum class Kind : std::uint8_t {
    accept,  ///< A fiche read without problem (duplicates are checked at replay).
    reject,  ///< A record left out (lenient) or the error that stops a strict import.
    syntax,  ///< Malformed XML: the rest of the input is lost.
  };
  Kind kind = Kind::accept;
  std::size_t line = 0;  // 1-based, relative to the parser's input; 0 for a whole-file problem
  std::size_t column = 0;
  std::string field;
  std::string code;
  std::string reason;
  Certification cert;  // accept only
};

/// Replays @p events into @p sink, lines shifted by @p line_offset: the same calls, in the same
/// order, as a sequential reader makes; strict errors throw here.
void replay(ImportSink& sink, std::vector<XmlEvent>& events, const std::string& source,
            std::size_t line_offset) {
  for (auto& e : events) {
    const std::size_t line = e.line == 0 ? 0 : e.line + line_offset;
    switch (e.kind) {
      case XmlEvent::Kind::accept:
        if (sink.strict() && sink.has(e.cert.code)) {
          throw ParseError(SourceLocation{source, line, 0, "FICHES/FICHE"},
                           e.cert.code + ": duplicate fiche " + e.cert.code);
        }
        sink.accept(std::move(e.cert), line, source);
        break;
      case XmlEvent::Kind::reject:
        sink.reject(source, line, e.column, e.field, e.code, e.reason);
        break;
      case XmlEvent::Kind::syntax:
        if (sink.strict())
          throw ParseError(SourceLocation{source, line, e.column, e.field}, e.reason);
        // The fiche being read is lost with the rest of the file: one reject.
        sink.reject(source, line, e.column, e.field, e.code, e.reason);
        break;
    }
  }
  events.clear();
}

class XmlImport {
 public:
  /// An expat parser, or (@p driven) no parser: the caller drives start()/text()/end() itself
  /// from a pugixml tree (ParallelXml::parse_pugi), giving each `<FICHE>`'s line.
  XmlImport(bool strict, std::string source, bool driven = false)
      : strict_(strict), source_(std::move(source)) {
    if (!driven) {
      parser_ = XML_ParserCreate(nullptr);
      if (parser_ == nullptr) throw std::bad_alloc();
      XML_SetUserData(parser_, this);
      XML_SetElementHandler(parser_, &XmlImport::on_start, &XmlImport::on_end);
    }
    known_.reserve(128);
    for (const auto& [name, id] : element_ids()) known_.emplace(name, id);
  }
  ~XmlImport() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }
  XmlImport(const XmlImport&) = delete;
  XmlImport& operator=(const XmlImport&) = delete;

  /// Feeds a chunk; false once parsing stopped (syntax error, strict failure, wrong root).
  bool feed(const char* data, std::size_t len, bool last) {
    if (stopped_) return false;
    std::size_t off = 0;
    do {
      const std::size_t part = std::min<std::size_t>(len - off, 1u << 30);
      const bool final_part = last && off + part == len;
      if (XML_Parse(parser_, data + off, static_cast<int>(part), final_part ? 1 : 0) ==
          XML_STATUS_ERROR) {
        stopped_ = true;
        if (XML_GetErrorCode(parser_) != XML_ERROR_ABORTED) syntax_error();
        return false;
      }
      off += part;
    } while (off < len);
    return !stopped_;
  }

  /// After the last chunk: checks the document was complete.
  void finish() {
    if (stopped_) return;
    if (!seen_root_) record_reject(0, "", "", "empty document: not an RNCP/RS XML export");
  }

  /// The events recorded since the last call.
  [[nodiscard]] std::vector<XmlEvent>& events() noexcept { return events_; }
  /// Whether a syntax error was met.
  [[nodiscard]] bool syntax_failed() const noexcept { return syntax_failed_; }
  /// Whether anything but accepted fiches was recorded so far.
  [[nodiscard]] bool any_problem() const noexcept { return problems_ != 0; }
  /// Lines reported are expat's plus @p offset (the head parser skips the chunks' newlines).
  void set_line_offset(std::size_t offset) noexcept { line_offset_ = offset; }
  /// Expat's current line (driven: the line given to drive_start()).
  [[nodiscard]] std::size_t expat_line() const {
    if (parser_ == nullptr) return driven_line_;
    return static_cast<std::size_t>(XML_GetCurrentLineNumber(parser_));
  }

  /// Driven mode: an element starts (on @p line, or 0 when no one will need it).
  void drive_start(const char* name, std::size_t line) {
    driven_line_ = line;
    start(name);
  }
  /// Driven mode: character data (collected only where expat's handler would be installed).
  void drive_text(const char* s, std::size_t len) {
    if (capture_ && !stopped_) text_.append(s, len);
  }
  /// Driven mode: whether character data is collected here.
  [[nodiscard]] bool capturing() const noexcept { return capture_ && !stopped_; }
  /// Driven mode: the current element ends.
  void drive_end() {
    driven_line_ = 0;
    end(nullptr);
  }
  /// Driven mode: whether an element name was met that expat might judge differently (a name
  /// with non-ASCII bytes: expat checks them against XML's name characters, pugixml does not).
  [[nodiscard]] bool odd_name() const noexcept { return odd_name_; }
  /// Whether a fiche (a `FICHE` child of the root) is open.
  [[nodiscard]] bool in_fiche() const noexcept { return in_fiche_; }
  /// The byte index, in this parser's input, of the last `<FICHE>` opened (-1: none yet).
  [[nodiscard]] std::int64_t fiche_index() const noexcept { return fiche_index_; }
  /// The byte index, in this parser's input, where parsing stopped (after a syntax error: the
  /// offending token).
  [[nodiscard]] std::int64_t current_index() const {
    if (parser_ == nullptr) return -1;
    return static_cast<std::int64_t>(XML_GetCurrentByteIndex(parser_));
  }

 private:
  static void XMLCALL on_start(void* ud, const XML_Char* name, const XML_Char** /*attrs*/) {
    static_cast<XmlImport*>(ud)->start(name);
  }
  static void XMLCALL on_end(void* ud, const XML_Char* name) {
    static_cast<XmlImport*>(ud)->end(name);
  }
  static void XMLCALL on_text(void* ud, const XML_Char* s, int len) {
    static_cast<XmlImport*>(ud)->text_.append(s, static_cast<std::size_t>(len));
  }

  /// Text is collected only inside kept elements: elsewhere expat reports no character data.
  void set_capture(bool on) {
    if (on != capture_) {
      capture_ = on;
      if (parser_ != nullptr) {
        XML_SetCharacterDataHandler(parser_, on ? &XmlImport::on_text : nullptr);
      }
    }
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

  std::size_t line() const { return expat_line() + line_offset_; }

  void record_reject(std::size_t line, std::string field, std::string code, std::string reason) {
    XmlEvent e;
    e.kind = XmlEvent::Kind::reject;
    e.line = line;
    e.field = std::move(field);
    e.code = std::move(code);
    e.reason = std::move(reason);
    events_.push_back(std::move(e));
    ++problems_;
    if (strict_) stop();  // the replay throws this one
  }

  void stop() {
    stopped_ = true;
    if (parser_ != nullptr) XML_StopParser(parser_, XML_FALSE);
  }

  // A problem in the current fiche (or outside any fiche).
  void problem(const std::string& reason) {
    if (in_fiche_) {
      if (!fiche_error_) {
        fiche_error_ = Reject{source_, line(), path(), reason, cert_.code};
        if (strict_) record_reject(line(), path(), cert_.code, reason);
      }
      return;
    }
    record_reject(line(), path(), "", reason);
  }

  void syntax_error() {
    const auto code = XML_GetErrorCode(parser_);
    std::string reason = std::string("malformed XML: ") + XML_ErrorString(code);
    if (code == XML_ERROR_INVALID_TOKEN || code == XML_ERROR_UNCLOSED_CDATA_SECTION) {
      reason += " (the export is UTF-8; is this file Latin-1 or binary?)";
    }
    XmlEvent e;
    e.kind = XmlEvent::Kind::syntax;
    e.line = line();
    e.column = static_cast<std::size_t>(XML_GetCurrentColumnNumber(parser_)) + 1;
    e.field = path();
    e.code = in_fiche_ ? cert_.code : std::string();
    e.reason = std::move(reason);
    events_.push_back(std::move(e));
    ++problems_;
    syntax_failed_ = true;
  }

  void start(const XML_Char* name) {
    if (stopped_) return;  // expat may still call back after XML_StopParser
    const std::string_view n(name);
    auto it = known_.find(n);
    if (it == known_.end()) {
      if (parser_ == nullptr &&
          std::any_of(n.begin(), n.end(), [](char c) { return (c & 0x80) != 0; })) {
        odd_name_ = true;
      }
      it = known_.emplace(std::string_view(other_names_.emplace_back(n)), El::other).first;
    }
    const El id = it->second;
    stack_.push_back(Frame{id, it->first});
    text_.clear();
    set_capture(false);
    if (stack_.size() == 1) {
      seen_root_ = true;
      if (id != El::fiches) {
        problem("not an RNCP/RS XML export (root element " + excerpt(n) + ", expected FICHES)");
        stop();
      }
      return;
    }
    if (stack_.size() == 2) {
      if (id == El::fiche) {
        in_fiche_ = true;
        cert_ = Certification{};
        fiche_error_.reset();
        fiche_line_ = line();
        fiche_index_ = current_index();
      } else if (id == El::version_flux) {
        set_capture(true);
      }
      return;
    }
    if (!in_fiche_) return;
    if (in_correspondance_depth_ > 0) {
      set_capture(true);
      return;
    }
    switch (id) {
      case El::bloc_competences: cert_.blocks.emplace_back(); break;
      case El::certificateur: cert_.certifiers.emplace_back(); break;
      case El::statistiques_promotion: cert_.statistics.emplace_back(); break;
      case El::formacode:
      case El::nsf:
      case El::rome:
        if (parent() == El::formacodes || parent() == El::codes_nsf || parent() == El::codes_rome) {
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
      case El::id_fiche_nouvelle: set_capture(true); break;
      default: break;
    }
  }

  std::vector<CodeLabel>& list_for(El id) {
    return id == El::formacode ? cert_.formacode : id == El::nsf ? cert_.nsf : cert_.rome;
  }

  void end(const XML_Char* /*name*/) {
    if (stopped_ || stack_.empty()) return;
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
    set_capture(false);
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
          (id == El::nombre_certifies              ? st.certified
           : id == El::nombre_certifies_vae        ? st.certified_by_vae
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
      fiche_error_ = Reject{source_, fiche_line_, "FICHES/FICHE/NUMERO_FICHE",
                            "fiche without NUMERO_FICHE", ""};
      if (strict_) {
        record_reject(fiche_line_, fiche_error_->field, "", fiche_error_->reason);
        return;
      }
    }
    if (fiche_error_) {
      if (!strict_) {
        record_reject(fiche_error_->line, fiche_error_->field, fiche_error_->record,
                      fiche_error_->reason);
      }
      return;
    }
    std::sort(cert_.statistics.begin(), cert_.statistics.end(),
              [](const PromotionStats& a, const PromotionStats& b) { return a.year < b.year; });
    XmlEvent e;
    e.kind = XmlEvent::Kind::accept;
    e.line = fiche_line_;
    e.cert = std::move(cert_);
    events_.push_back(std::move(e));
  }

  bool strict_;
  std::string source_;
  XML_Parser parser_ = nullptr;
  std::unordered_map<std::string_view, El, NameHash> known_;  // element names seen, with their id
  std::deque<std::string> other_names_;  // storage of the names not in element_ids()
  std::vector<Frame> stack_;
  std::string text_;
  bool capture_ = false;
  bool in_fiche_ = false;
  bool seen_root_ = false;
  bool stopped_ = false;
  bool syntax_failed_ = false;
  bool odd_name_ = false;
  std::size_t driven_line_ = 0;
  std::size_t problems_ = 0;
  std::size_t line_offset_ = 0;
  std::size_t in_correspondance_depth_ = 0;
  std::size_t fiche_line_ = 0;
  std::int64_t fiche_index_ = -1;
  Certification cert_;
  std::optional<Reject> fiche_error_;
  std::vector<XmlEvent> events_;
};

/// Files are read in blocks of 4 MB.
constexpr std::size_t kReadBlock = std::size_t{4} << 20;
/// The default size of a parallel chunk: small enough to keep few bytes in flight.
constexpr std::size_t kChunk = std::size_t{512} << 10;

/// The number of line ends in @p s as expat counts them (LF, CRLF, lone CR).
/// Sixteen bytes at a time (SSE2): each comparison adds 1 to a byte counter of its lane
/// (subtracting the -1 of a match), and the counters are summed (psadbw) before they can wrap.
std::size_t count_lines(std::string_view s) {
  std::size_t n = 0;
  std::size_t i = 0;
  const __m128i lf = _mm_set1_epi8('\n');
  while (s.size() - i >= 16) {
    __m128i counts = _mm_setzero_si128();
    for (int k = 0; k < 255 && s.size() - i >= 16; ++k, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, lf));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  n += static_cast<std::size_t>(
      std::count(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), '\n'));
  for (auto cr = s.find('\r'); cr != std::string_view::npos; cr = s.find('\r', cr + 1)) {
    if (cr + 1 == s.size() || s[cr + 1] != '\n') ++n;
  }
  return n;
}

constexpr std::string_view kFicheOpen = "<FICHE>";
constexpr std::string_view kFicheClose = "</FICHE>";

/// The lenient reader: a syntax error loses only the fiche it is in. Expat cannot go on after
/// one, so the reader rejects that fiche (one reject, the syntax error with its line) and starts a
/// new parser at the next `<FICHE>` after the start of the broken fiche (after the error when it
/// was outside any fiche), fed `<FICHES>` first so that it sees a well-formed document, its lines
/// shifted by the newlines before that point. Every fiche is thus accepted or rejected: a fiche
/// left unclosed swallows the following ones into itself, and those are read again by the next
/// parser. The bytes since the start of the last fiche opened are kept for that restart (a few KB;
/// up to the rest of the file after an unclosed fiche, the one case where the restart needs it).
class LenientXml {
 public:
  LenientXml(ImportSink& sink, std::string source) : sink_(sink), source_(std::move(source)) {
    xml_ = std::make_unique<XmlImport>(false, source_);
  }

  /// Appends input bytes; @p last at the end of the input.
  void feed(std::string_view bytes, bool last) {
    if (done_) return;
    window_.append(bytes);
    while (!done_) {
      if (skipping_) {
        if (!resync(last)) break;  // wait for more bytes
        continue;
      }
      const std::size_t from = parsed_to_ - window_start_;
      const bool ok = xml_->feed(window_.data() + from, window_.size() - from, last);
      parsed_to_ = window_start_ + window_.size();
      replay(sink_, xml_->events(), source_, 0);
      if (!ok) {
        if (!xml_->syntax_failed()) {  // stopped for another reason (not an export)
          done_ = true;
          break;
        }
        // Restart after the start of the broken fiche, or after the error outside fiches.
        search_from_ = xml_->in_fiche() ? to_file(xml_->fiche_index() + 1)
                                        : std::max(to_file(xml_->current_index()),
                                                   parser_start_ + (prefix_ > 0 ? 1 : 0));
        skipping_ = true;
        continue;
      }
      if (last) {
        xml_->finish();
        replay(sink_, xml_->events(), source_, 0);
        done_ = true;
      }
      break;
    }
    trim();
  }

 private:
  /// The file offset of byte @p index of the current parser's input.
  [[nodiscard]] std::size_t to_file(std::int64_t index) const {
    const auto i = std::max<std::int64_t>(index, static_cast<std::int64_t>(prefix_));
    return parser_start_ + static_cast<std::size_t>(i) - prefix_;
  }

  /// Looks for the next `<FICHE>` from search_from_; starts a parser there. False when more
  /// bytes are needed.
  bool resync(bool last) {
    const std::size_t from = std::max(search_from_, window_start_) - window_start_;
    const auto at = window_.find(kOpen, from);
    if (at == std::string::npos) {
      if (last) {
        done_ = true;  // no fiche after the broken one: the rest is the end of the document
      } else if (window_.size() >= kOpen.size()) {
        search_from_ = window_start_ + window_.size() - (kOpen.size() - 1);
      }
      return false;
    }
    const std::size_t start = window_start_ + at;
    xml_ = std::make_unique<XmlImport>(false, source_);
    xml_->set_line_offset(lines_before_window_ +
                          count_lines(std::string_view(window_).substr(0, at)));
    static constexpr std::string_view root = "<FICHES>";
    xml_->feed(root.data(), root.size(), false);
    prefix_ = root.size();
    parser_start_ = start;
    parsed_to_ = start;
    skipping_ = false;
    return true;
  }

  /// Drops the bytes no restart can need: those before the last fiche opened (or before the
  /// parser's start, or before the search point when skipping).
  void trim() {
    std::size_t keep = parser_start_;
    if (skipping_) {
      keep = search_from_;
    } else if (xml_->fiche_index() >= 0) {
      keep = to_file(xml_->fiche_index());
    }
    if (done_) keep = window_start_ + window_.size();
    if (keep <= window_start_) return;
    const std::size_t n = std::min(keep - window_start_, window_.size());
    lines_before_window_ += count_lines(std::string_view(window_).substr(0, n));
    window_.erase(0, n);
    window_start_ += n;
  }

  static constexpr std::string_view kOpen = "<FICHE>";
  ImportSink& sink_;
  std::string source_;
  std::unique_ptr<XmlImport> xml_;
  std::string window_;  // input bytes from file offset window_start_
  std::size_t window_start_ = 0;
  std::size_t lines_before_window_ = 0;
  std::size_t parsed_to_ = 0;     // file offset up to which xml_ was fed
  std::size_t parser_start_ = 0;  // file offset where xml_'s input (after its prefix) starts
  std::size_t prefix_ = 0;        // bytes fed to xml_ before the file's ("<FICHES>")
  std::size_t search_from_ = 0;   // when skipping: where to look for the next "<FICHE>"
  bool skipping_ = false;
  bool done_ = false;
};

/// Feeds @p read's bytes to one sequential parser (strict), or to the resynchronising reader
/// (lenient). @p read(std::string&) appends the next bytes (at most kReadBlock) and returns false
/// at the end.
template <class Read>
void parse_sequential(ImportSink& sink, const std::string& source, Read&& read) {
  std::string buf;
  if (!sink.strict()) {
    LenientXml xml(sink, source);
    while (true) {
      buf.clear();
      const bool more = read(buf);
      xml.feed(buf, !more);
      if (!more) break;
    }
    return;
  }
  XmlImport xml(true, source);
  while (true) {
    buf.clear();
    const bool more = read(buf);
    const bool ok = xml.feed(buf.data(), buf.size(), !more);
    replay(sink, xml.events(), source, 0);
    if (!ok || !more) break;
  }
  xml.finish();
  replay(sink, xml.events(), source, 0);
}

/// Whether the prolog (the bytes before the first `<FICHE>`) lets the chunks be parsed on their
/// own: UTF-8 (no other encoding declared), no DTD, and a well-formed start of a FICHES document
/// ending at depth 1 outside any comment, CDATA section or processing instruction.
bool prolog_allows_chunks(std::string_view prolog) {
  if (prolog.find("<!DOCTYPE") != std::string_view::npos) return false;
  if (prolog.substr(0, 2) == "\xFE\xFF" || prolog.substr(0, 2) == "\xFF\xFE") return false;
  const auto decl_end = prolog.find("?>");
  if (prolog.substr(0, 5) == "<?xml" && decl_end != std::string_view::npos) {
    const auto decl = prolog.substr(0, decl_end);
    const auto enc = decl.find("encoding");
    if (enc != std::string_view::npos) {
      std::string value;
      for (auto c : decl.substr(enc + 8)) {
        if (c == '=' || c == ' ' || c == '"' || c == '\'') {
          if (!value.empty()) break;
          continue;
        }
        value += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      }
      if (value != "UTF-8" && value != "UTF8") return false;
    }
  }
  struct Probe {
    int depth = 0;
    bool root_ok = false;
  } probe;
  XML_Parser p = XML_ParserCreate(nullptr);
  if (p == nullptr) return false;
  XML_SetUserData(p, &probe);
  XML_SetElementHandler(
      p,
      [](void* ud, const XML_Char* name, const XML_Char**) {
        auto* pr = static_cast<Probe*>(ud);
        if (pr->depth++ == 0) pr->root_ok = std::strcmp(name, "FICHES") == 0;
      },
      [](void* ud, const XML_Char*) { --static_cast<Probe*>(ud)->depth; });
  const std::string doc = std::string(prolog) + "</FICHES>";
  const bool ok = XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok && probe.root_ok;
}

/// The length of the entity or character reference at @p p (`&...;`) if pugixml decodes it
/// exactly as expat does without a DTD (the five predefined entities, character references to
/// characters XML allows); 0 otherwise.
std::size_t plain_reference_length(std::string_view s, std::size_t p) {
  for (const std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
    if (s.compare(p, e.size(), e) == 0) return e.size();
  }
  if (s.compare(p, 2, "&#") != 0) return 0;
  std::size_t i = p + 2;
  const bool hex = i < s.size() && s[i] == 'x';
  if (hex) ++i;
  std::uint32_t cp = 0;
  const std::size_t digits = i;
  for (; i < s.size() && i - digits < 8; ++i) {
    const char c = s[i];
    unsigned d = 0;
    if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      break;
    }
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (i == digits || i >= s.size() || s[i] != ';') return 0;
  const bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  return ok ? i + 1 - p : 0;
}

/// Whether a chunk holds only what pugixml and expat read alike, so that pugixml may parse it:
/// valid UTF-8 of characters XML allows, no control character, only plain references (above),
/// no `<!` (comment, CDATA section, DOCTYPE) or `<?` (processing instruction) and no `]]>`.
/// pugixml checks tags and their nesting; what it accepts and expat would not is excluded here
/// (or, for attributes and odd names, while walking the tree), and such chunks go to expat.
/// Sixteen bytes at a time (SSE2): only control characters, `&`, `!`, `?`, `]` and 0xEF (the
/// lead byte of U+FFFE and U+FFFF) are looked at one by one; UTF-8 validity is checked at the end
/// by simdjson's validator.
///
/// The bytes are copied to @p copy (s.size() bytes) on the way, for pugixml to parse in situ
/// while the chunk stays intact for expat: one pass over the chunk instead of two.
bool pugixml_can_read(std::string_view s, char* copy) {
  const auto* const base = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = base + s.size();
  const __m128i zero = _mm_setzero_si128();
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i bang = _mm_set1_epi8('!');
  const __m128i question = _mm_set1_epi8('?');
  const __m128i bracket = _mm_set1_epi8(']');
  const auto special = [&](const unsigned char*& p) {
    const unsigned c = *p;
    if (c == 0xEF) {  // EF BF BE and EF BF BF: U+FFFE and U+FFFF, valid UTF-8 but not XML
      const bool nonchar = end - p >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
      ++p;
      return !nonchar;
    }
    const auto at = static_cast<std::size_t>(p - base);
    if (c == '&') {
      const std::size_t n = plain_reference_length(s, at);
      p += n;
      return n != 0;
    }
    if (c == '!' || c == '?') {
      ++p;
      return at == 0 || s[at - 1] != '<';
    }
    if (c == ']') {
      ++p;
      return s.compare(at, 3, "]]>") != 0;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    ++p;
    return true;
  };
  const unsigned char* p = base;
  const unsigned char* resume = base;  // the bytes before it are checked (multi-byte sequences)
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(copy + (p - base)), v);
    // Control characters: [0, 0x20) but tab, LF, CR (signed compare: bytes >= 0x80 are
    // negative, hence excluded by the first term).
    const __m128i low =
        _mm_andnot_si128(_mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, zero), _mm_cmpeq_epi8(v, tab)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))),
                         _mm_cmplt_epi8(v, space));
    const __m128i marks = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(low, _mm_cmpeq_epi8(v, ef)), _mm_cmpeq_epi8(v, amp)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, question)),
                     _mm_cmpeq_epi8(v, bracket)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(marks));
    while (mask != 0) {
      const unsigned char* q = p + __builtin_ctz(mask);
      mask &= mask - 1;
      if (q < resume) continue;  // within a reference already checked
      if (!special(q)) return false;
      resume = q;  // special() moved q past what it checked
    }
    if (resume > p + 16) {  // a reference ran past the block: copy its last bytes too
      std::memcpy(copy + (p + 16 - base), p + 16, static_cast<std::size_t>(resume - (p + 16)));
    }
    p = std::max(p + 16, resume);
  }
  if (p < resume) std::memcpy(copy + (p - base), p, static_cast<std::size_t>(resume - p));
  p = std::max(p, resume);
  std::memcpy(copy + (p - base), p, static_cast<std::size_t>(end - p));
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x20 || c == 0xEF || c == '&' || c == '!' || c == '?' || c == ']') {
      if (!special(p)) return false;
    } else {
      ++p;
    }
  }
  // UTF-8 validity (no overlong form, surrogate or code point above U+10FFFF, as expat), on the
  // copy now in cache: simdjson's validator (AVX2 or AVX-512 chosen at run time), already a
  // dependency of vaekit.
  return simdjson::validate_utf8(copy, s.size());
}

/// One chunk of fiches, parsed on a worker thread.
struct Chunk {
  std::string text;       // the chunk's bytes when copied from a read buffer (else empty)
  std::string_view view;  // the chunk: text, or a view of a mapped file or of memory
                          // (starts with "<FICHE>", ends after a "</FICHE>" or before a "<FICHE>")
  std::vector<XmlEvent> events;
  std::size_t newlines = 0;
  bool syntax_failed = false;
  bool done = false;
  std::exception_ptr error;
};

/// The parallel import: a reader thread (the caller) cuts the input into chunks at `<FICHE>`,
/// workers parse them, the caller replays them in file order. run() returns false when the import
/// must start over sequentially (see the file comment).
class ParallelXml {
 public:
  ParallelXml(ImportSink& sink, std::string source, unsigned threads, std::size_t chunk_bytes)
      : sink_(sink),
        source_(std::move(source)),
        chunk_bytes_(chunk_bytes),
        max_inflight_(static_cast<std::size_t>(threads) + 1) {
    workers_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ParallelXml() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : workers_) t.join();
  }
  ParallelXml(const ParallelXml&) = delete;
  ParallelXml& operator=(const ParallelXml&) = delete;

  /// Imports @p all (a mapped file, or memory; it must outlive the import), cut into chunks of at
  /// least chunk_bytes_ just before a `<FICHE>`, the last one ending after the last `</FICHE>`;
  /// the chunks are views of @p all. False when the import must start over sequentially.
  /// With @p mapped (@p all is a read-only file mapping), the pages of the chunks replayed are
  /// given back (`MADV_DONTNEED`), so that the resident memory stays that of the chunks in flight.
  bool run(std::string_view all, bool mapped = false) {
    if (mapped) mapped_ = all;
    const auto first = all.find(kFicheOpen);
    const auto last = all.rfind(kFicheClose);
    if (first == std::string_view::npos || last == std::string_view::npos || last < first) {
      return fail();
    }
    if (!start_head(all.substr(0, first))) return false;
    const std::size_t stop = last + kFicheClose.size();
    std::size_t start = first;
    while (start < stop) {
      std::size_t cut = stop;
      if (stop - start > chunk_bytes_)
        cut = std::min(all.find(kFicheOpen, start + chunk_bytes_), stop);
      if (!submit({}, all.substr(start, cut - start))) return false;
      start = cut;
    }
    pending_ = std::string(all.substr(stop));
    return finish_tail();
  }

 private:
  /// The prolog through the head parser; false (start over) if the chunks cannot stand alone.
  bool start_head(std::string_view prolog) {
    if (!prolog_allows_chunks(prolog)) return fail();
    head_ = std::make_unique<XmlImport>(sink_.strict(), source_);
    if (!head_->feed(prolog.data(), prolog.size(), false) || head_->any_problem()) return fail();
    replay(sink_, head_->events(), source_, 0);
    prolog_lines_ = count_lines(prolog);
    line_ = 1 + prolog_lines_;  // the line the first "<FICHE>" starts on
    return true;
  }

  /// Replays the chunks still in flight, then the tail (pending_).
  bool finish_tail() {
    while (!queue_.empty()) {
      if (!replay_front()) return false;
    }
    // The tail (normally "\n</FICHES>\n") through the head parser, lines shifted by the chunks'.
    head_->set_line_offset(line_ - 1 - prolog_lines_);
    head_->feed(pending_.data(), pending_.size(), true);
    head_->finish();
    if (head_->any_problem()) return fail();
    replay(sink_, head_->events(), source_, 0);
    return true;
  }

  bool fail() {
    failed_ = true;
    return false;
  }

  /// Queues a chunk: @p text (owned), or @p view when text is empty.
  bool submit(std::string text, std::string_view view = {}) {
    while (queue_.size() >= max_inflight_) {
      if (!replay_front()) return false;
    }
    auto chunk = std::make_shared<Chunk>();
    chunk->text = std::move(text);
    chunk->view = chunk->text.empty() ? view : std::string_view(chunk->text);
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(chunk);
      todo_.push_back(chunk);
    }
    work_cv_.notify_one();
    return true;
  }

  /// Waits for the oldest chunk and replays it.
  bool replay_front() {
    std::shared_ptr<Chunk> chunk;
    {
      std::unique_lock lock(mutex_);
      done_cv_.wait(lock, [&] { return queue_.front()->done; });
      chunk = queue_.front();
      queue_.pop_front();
    }
    if (chunk->error) std::rethrow_exception(chunk->error);
    if (chunk->syntax_failed) return fail();
    replay(sink_, chunk->events, source_, line_ - 1);
    line_ += chunk->newlines;
    release(chunk->view);
    return true;
  }

  /// Gives back the mapped pages wholly before the end of @p done (a chunk replayed).
  void release(std::string_view done) {
    if (mapped_.empty() || done.data() < mapped_.data()) return;
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const auto end = static_cast<std::size_t>(done.data() + done.size() - mapped_.data());
    const std::size_t upto = end / page * page;
    if (upto > released_ && upto <= mapped_.size()) {
      (void)::madvise(const_cast<char*>(mapped_.data()) + released_, upto - released_,
                      MADV_DONTNEED);
      released_ = upto;
    }
  }

  void work() {
    while (true) {
      std::shared_ptr<Chunk> chunk;
      {
        std::unique_lock lock(mutex_);
        work_cv_.wait(lock, [&] { return quit_ || !todo_.empty(); });
        if (quit_) return;
        chunk = todo_.front();
        todo_.pop_front();
      }
      try {
        parse(*chunk);
      } catch (...) {
        chunk->error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        chunk->done = true;
      }
      done_cv_.notify_all();
    }
  }

  void parse(Chunk& chunk) {
    const std::string_view t = chunk.view;
    if (parse_pugi(chunk)) {
      std::string().swap(chunk.text);
      return;
    }
    chunk.newlines = count_lines(t);
    XmlImport xml(sink_.strict(), source_);
    static constexpr std::string_view open = "<FICHES>";
    static constexpr std::string_view close = "</FICHES>";
    if (xml.feed(open.data(), open.size(), false) && xml.feed(t.data(), t.size(), false)) {
      xml.feed(close.data(), close.size(), true);
    }
    chunk.syntax_failed = xml.syntax_failed();
    chunk.events = std::move(xml.events());
    std::string().swap(chunk.text);  // the bytes are no longer needed
  }

  /// Parses @p chunk with pugixml (in situ, on a copy: expat needs the bytes if pugixml declines)
  /// and replays its tree into a driven XmlImport. False, with nothing recorded, when the chunk
  /// goes to expat instead: pugixml_can_read() refuses it, pugixml finds an error, the tree holds
  /// something expat would judge differently (attributes, comments..., odd names), or a fiche is
  /// not accepted (rejects and errors need expat's positions: the chunk is parsed again by expat).
  /// For the accepted fiches only the line of `<FICHE>` is needed: counted from the chunk's bytes.
  bool parse_pugi(Chunk& chunk) const {
    const std::string_view t = chunk.view;
    std::unique_ptr<char[]> copy(new char[t.size() + 1]);
    if (!pugixml_can_read(t, copy.get())) return false;
    copy[t.size()] = '\0';
    pugi::xml_document doc;
    constexpr unsigned options = pugi::parse_fragment | pugi::parse_escapes | pugi::parse_eol |
                                 pugi::parse_cdata | pugi::parse_comments | pugi::parse_pi |
                                 pugi::parse_declaration | pugi::parse_doctype;
    if (!doc.load_buffer_inplace(copy.get(), t.size(), options, pugi::encoding_utf8)) return false;
    XmlImport xml(sink_.strict(), source_, /*driven=*/true);
    xml.drive_start("FICHES", 0);
    std::size_t counted_to = 0;  // line of the byte counted_to
    std::size_t line = 1;
    for (pugi::xml_node top = doc.first_child(); top; top = top.next_sibling()) {
      if (top.type() == pugi::node_pcdata) continue;  // text between fiches: not captured
      if (top.type() != pugi::node_element || top.first_attribute()) return false;
      std::size_t fiche_line = 0;
      if (std::strcmp(top.name(), "FICHE") == 0) {
        const std::ptrdiff_t at = top.offset_debug();
        if (at <= 0 || static_cast<std::size_t>(at) < counted_to) return false;
        line += count_lines(
            std::string_view(t).substr(counted_to, static_cast<std::size_t>(at) - counted_to));
        counted_to = static_cast<std::size_t>(at);
        fiche_line = line;
      }
      // The subtree, depth first, without recursion.
      xml.drive_start(top.name(), fiche_line);
      pugi::xml_node n = top.first_child();
      pugi::xml_node parent = top;
      while (parent != top || n) {
        if (!n) {  // parent's children done
          xml.drive_end();
          n = parent.next_sibling();
          parent = parent.parent();
          continue;
        }
        switch (n.type()) {
          case pugi::node_pcdata:
            if (xml.capturing()) {
              const char* v = n.value();
              xml.drive_text(v, std::strlen(v));
            }
            n = n.next_sibling();
            break;
          case pugi::node_element:
            if (n.first_attribute()) return false;
            xml.drive_start(n.name(), 0);
            parent = n;
            n = n.first_child();
            break;
          default: return false;  // comments, CDATA...: refused by pugixml_can_read() already
        }
      }
      xml.drive_end();
    }
    if (xml.odd_name() || xml.any_problem()) return false;
    chunk.events = std::move(xml.events());
    chunk.newlines = line - 1 + count_lines(std::string_view(t).substr(counted_to));
    return true;
  }

  ImportSink& sink_;
  std::string source_;
  std::size_t chunk_bytes_;
  std::size_t max_inflight_;
  std::unique_ptr<XmlImport> head_;
  std::string pending_;       // the tail, after the last "</FICHE>"
  std::string_view mapped_;   // run()'s input when it is a file mapping
  std::size_t released_ = 0;  // the bytes of mapped_ given back
  std::size_t line_ = 1;      // file line where the next chunk to replay starts
  std::size_t prolog_lines_ = 0;
  bool failed_ = false;
  std::deque<std::shared_ptr<Chunk>> queue_;  // submitted, in file order (reader side)
  std::mutex mutex_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<std::shared_ptr<Chunk>> todo_;  // not yet taken by a worker
  bool quit_ = false;
  std::vector<std::thread> workers_;
};

unsigned thread_count(unsigned requested) {
  if (requested != 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

/// Reads a whole source through the parallel importer when @p whole (all its bytes: a mapped file
/// or memory) is given, or sequentially (also when the parallel import has to start over).
/// @p open() returns a fresh reader (a callable appending up to kReadBlock bytes to a string,
/// false at the end).
template <class Open>
Registry import_xml(const std::string& source, const XmlOptions& options, std::string_view whole,
                    bool mapped, Open&& open) {
  const unsigned threads = thread_count(options.threads);
  const std::size_t chunk = options.chunk_bytes != 0 ? options.chunk_bytes : kChunk;
  if (threads > 1 && whole.size() > chunk) {  // at least two chunks
    ImportSink sink(options.strict, source);
    bool ok = false;
    {
      ParallelXml px(sink, source, threads, chunk);
      ok = px.run(whole, mapped);
    }
    if (ok) return sink.finish(RegistryFormat::xml);
  }
  ImportSink sink(options.strict, source);
  parse_sequential(sink, source, open());
  return sink.finish(RegistryFormat::xml);
}

/// A file mapped read-only (empty if it cannot be: a pipe, an empty file...), for the parallel
/// import: its chunks are views of the mapping, so the bytes are neither read into a buffer nor
/// copied into chunks.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p =
          ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
        (void)::madvise(p, size_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(data_, size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  /// The bytes (empty if not mapped).
  [[nodiscard]] std::string_view view() const noexcept {
    return data_ == nullptr ? std::string_view()
                            : std::string_view(static_cast<const char*>(data_), size_);
  }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

/// A reader of a file in kReadBlock blocks (POSIX read: no stream buffering, no extra copy).
class FileBlocks {
 public:
  explicit FileBlocks(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw IoError(path, "cannot open " + path);
#ifdef POSIX_FADV_SEQUENTIAL
    (void)::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    path_ = path;
  }
  ~FileBlocks() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileBlocks(FileBlocks&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) {
    o.fd_ = -1;
  }
  FileBlocks(const FileBlocks&) = delete;
  FileBlocks& operator=(const FileBlocks&) = delete;
  FileBlocks& operator=(FileBlocks&&) = delete;

  bool operator()(std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + kReadBlock);
    std::size_t got = 0;
    while (got < kReadBlock) {
      const ssize_t n = ::read(fd_, out.data() + start + got, kReadBlock - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw IoError(path_, "cannot read " + path_ + ": " + std::strerror(errno));
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    out.resize(start + got);
    return got == kReadBlock;  // a short read means the end of the file
  }

 private:
  int fd_;
  std::string path_;
};

}  // namespace

Registry read_xml_plain(const std::string& path, std::string_view data, const std::string& source,
                        const XmlOptions& options) {
  if (path.empty()) {
    // In memory: blocks are views of the data.
    return import_xml(source, options, data, false, [data] {
      return [data, pos = std::size_t{0}](std::string& out) mutable {
        const std::size_t n = std::min(kReadBlock, data.size() - pos);
        out.append(data.substr(pos, n));
        pos += n;
        return pos < data.size();
      };
    });
  }
  // Mapped only for the parallel import (a sequential read needs no more than its 4 MB blocks).
  std::optional<MappedFile> mapped;
  if (thread_count(options.threads) > 1) mapped.emplace(path);
  return import_xml(source, options, mapped ? mapped->view() : std::string_view(), true,
                    [&path] { return FileBlocks(path); });
}

Registry read_xml_zip(const std::string& path, std::string_view data, const std::string& source,
                      const XmlOptions& options) {
  ImportSink sink(options.strict, source);
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
    std::string err;
    if (options.strict) {
      XmlImport xml(true, src);
      bool ok = true;
      err = zip.read(idx, [&](const char* d, std::size_t len) {
        ok = xml.feed(d, len, false);
        replay(sink, xml.events(), src, 0);
        return ok;
      });
      if (err.empty() && ok) {
        xml.feed("", 0, true);
        xml.finish();
        replay(sink, xml.events(), src, 0);
      }
    } else {
      LenientXml xml(sink, src);
      err = zip.read(idx, [&](const char* d, std::size_t len) {
        xml.feed(std::string_view(d, len), false);
        return true;
      });
      if (err.empty()) xml.feed({}, true);
    }
    if (!err.empty()) {
      sink.reject(src, 0, 0, "", "",
                  "cannot read the zip entry (" + err + "); truncated or corrupt archive?");
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
