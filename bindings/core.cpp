// Python bindings of the core area: Date, DateRange, Weekday, FrenchCalendar.
#include <pybind11/numpy.h>
#include <pybind11/operators.h>

#include <datetime.h>

#include "common.hpp"
#include "vaekit/core/calendar.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/core/text.hpp"
#include "vaekit/core/year_month.hpp"

namespace vaekit::python {

void bind_core(py::module_& m) {
  if (!PyDateTimeAPI) PyDateTime_IMPORT;

  py::enum_<Weekday>(m, "Weekday", "Day of the week, numbered as ISO 8601 (MONDAY = 1).")
      .value("MONDAY", Weekday::monday, "lundi")
      .value("TUESDAY", Weekday::tuesday, "mardi")
      .value("WEDNESDAY", Weekday::wednesday, "mercredi")
      .value("THURSDAY", Weekday::thursday, "jeudi")
      .value("FRIDAY", Weekday::friday, "vendredi")
      .value("SATURDAY", Weekday::saturday, "samedi")
      .value("SUNDAY", Weekday::sunday, "dimanche");

  py::class_<Date> date(m, "Date", R"doc(
A civil date (proleptic Gregorian, years 1-9999); a small immutable value.

``Date(2017, 10, 1)``, ``Date("2017-10-01")`` or ``Date(datetime.date(2017, 10, 1))``.
Arithmetic is in whole days: ``d + 30``, ``d - 1``, ``d2 - d1`` (an int). Functions of
vaekit that take a date also accept a ``datetime.date`` or an ISO string.
)doc");
  date.def(py::init<int, int, int>(), py::arg("year"), py::arg("month"), py::arg("day"),
           "The date year-month-day; raises vaekit.InvalidArgument if it does not exist.")
      .def(py::init([](const DateLike& d) { return d.get(); }), py::arg("value"),
           "A date from an ISO string `YYYY-MM-DD` or a datetime.date.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source) {
            return Date::parse(text, source);
          },
          py::arg("text"), py::arg("source") = "",
          "Parses exactly `YYYY-MM-DD`; raises vaekit.ParseError naming the input and column.")
      .def_static("from_days", &Date::from_days, py::arg("days"),
                  "The date `days` days after 1970-01-01.")
      .def_static(
          "today",
          []() {
            auto d = py::module_::import("datetime").attr("date").attr("today")();
            return DateLike{d}.get();
          },
          "Today's date (local time).")
      .def_property_readonly("year", &Date::year, "The year (1-9999).")
      .def_property_readonly("month", &Date::month, "The month (1-12).")
      .def_property_readonly("day", &Date::day, "The day of the month.")
      .def_property_readonly("weekday", &Date::weekday, "The day of the week (a Weekday).")
      .def_property_readonly("day_of_year", &Date::day_of_year, "1 for 1 January.")
      .def_property_readonly("days_since_epoch", &Date::days_since_epoch,
                             "Days since 1970-01-01 (the serial number).")
      .def(
          "to_date",
          [](Date d) {
            return py::reinterpret_steal<py::object>(PyDate_FromDate(d.year(), d.month(), d.day()));
          },
          "The same date as a datetime.date.")
      .def("isoformat", &Date::to_string, "ISO 8601 text, `YYYY-MM-DD`.")
      .def("__str__", &Date::to_string, "ISO 8601 text, `YYYY-MM-DD`.")
      .def(
          "__repr__",
          [](Date d) {
            return "vaekit.Date(" + std::to_string(d.year()) + ", " + std::to_string(d.month()) +
                   ", " + std::to_string(d.day()) + ")";
          },
          "`vaekit.Date(y, m, d)`.")
      .def(
          "__hash__", [](Date d) { return std::hash<Date>{}(d); }, "Hash by day.")
      .def(
          "__add__", [](Date d, std::int64_t n) { return d + n; }, py::arg("days"),
          "The date `days` days later.")
      .def(
          "__radd__", [](Date d, std::int64_t n) { return d + n; }, py::arg("days"),
          "The date `days` days later.")
      .def(
          "__sub__", [](Date a, Date b) { return a - b; }, py::arg("other"),
          "The number of days from `other` to this date.")
      .def(
          "__sub__", [](Date d, std::int64_t n) { return d - n; }, py::arg("days"),
          "The date `days` days earlier.")
      .def(py::self == py::self, "Same day.")
      .def(py::self != py::self, "Different days.")
      .def(py::self < py::self, "Earlier.")
      .def(py::self <= py::self, "Earlier or same.")
      .def(py::self > py::self, "Later.")
      .def(py::self >= py::self, "Later or same.");
  def_json_value_pickle(date);
  py::implicitly_convertible<DateLike, Date>();

  py::class_<YearMonth> year_month(m, "YearMonth", R"doc(
A month of a year (years 1-9999); a small immutable value, ordered in time.

``YearMonth(2025, 3)`` or ``YearMonth("2025-03")`` (ISO 8601); functions of vaekit that take a
month also accept the string ``"2025-03"``. Arithmetic is in whole months: ``ym + 2``,
``ym - 1``, ``later - earlier`` (an int, the months between).
)doc");
  year_month
      .def(py::init<int, int>(), py::arg("year"), py::arg("month"),
           "The month `month` (1-12) of `year`; raises vaekit.InvalidArgument otherwise.")
      .def(py::init([](const std::string& text) { return YearMonth::from_string(text); }),
           py::arg("text"), "The month written `YYYY-MM`; raises vaekit.InvalidArgument.")
      .def_static(
          "from_string", [](const std::string& text) { return YearMonth::from_string(text); },
          py::arg("text"), "The month written `YYYY-MM`; raises vaekit.InvalidArgument.")
      .def_static(
          "of", [](const DateLike& d) { return YearMonth::of(d.get()); }, py::arg("date"),
          "The month that contains `date`.")
      .def_property_readonly("year", &YearMonth::year, "The year (1-9999).")
      .def_property_readonly("month", &YearMonth::month, "The month of the year (1-12).")
      .def_property_readonly("index", &YearMonth::index, "The month index `year * 12 + month - 1`.")
      .def_property_readonly("days", &YearMonth::days, "The number of days of the month.")
      .def_property_readonly("first_day", &YearMonth::first_day, "The first day (a vaekit.Date).")
      .def_property_readonly("last_day", &YearMonth::last_day, "The last day (a vaekit.Date).")
      .def("plus_months", &YearMonth::plus_months, py::arg("months"),
           "The month `months` months later (earlier when negative).")
      .def("months_until", &YearMonth::months_until, py::arg("later"),
           "The number of months from this month to `later` (negative if earlier).")
      .def(
          "__contains__", [](YearMonth ym, const DateLike& d) { return ym.contains(d.get()); },
          py::arg("date"), "Whether the date falls in this month.")
      .def("isoformat", &YearMonth::to_string, "ISO 8601 text, `YYYY-MM`.")
      .def("__str__", &YearMonth::to_string, "ISO 8601 text, `YYYY-MM`.")
      .def(
          "__repr__",
          [](YearMonth ym) {
            return "vaekit.YearMonth(" + std::to_string(ym.year()) + ", " +
                   std::to_string(ym.month()) + ")";
          },
          "`vaekit.YearMonth(y, m)`.")
      .def(
          "__hash__", [](YearMonth ym) { return std::hash<YearMonth>{}(ym); }, "Hash by month.")
      .def(
          "__add__", [](YearMonth ym, int n) { return ym.plus_months(n); }, py::arg("months"),
          "The month `months` months later.")
      .def(
          "__radd__", [](YearMonth ym, int n) { return ym.plus_months(n); }, py::arg("months"),
          "The month `months` months later.")
      .def(
          "__sub__", [](YearMonth a, YearMonth b) { return b.months_until(a); }, py::arg("other"),
          "The number of months from `other` to this month.")
      .def(
          "__sub__", [](YearMonth ym, int n) { return ym.plus_months(-n); }, py::arg("months"),
          "The month `months` months earlier.")
      .def(py::self == py::self, "Same month.")
      .def(py::self != py::self, "Different months.")
      .def(py::self < py::self, "Earlier.")
      .def(py::self <= py::self, "Earlier or same.")
      .def(py::self > py::self, "Later.")
      .def(py::self >= py::self, "Later or same.");
  def_json_value_pickle(year_month);
  py::implicitly_convertible<py::str, YearMonth>();

  py::class_<DateRange> range(m, "DateRange", R"doc(
A closed range of dates, both ends included: ``DateRange("2017-01-01", "2017-12-31")`` has
365 days. Never empty. Iterating yields every date of the range.
)doc");
  range
      .def(py::init(
               [](const DateLike& a, const DateLike& b) { return DateRange(a.get(), b.get()); }),
           py::arg("first"), py::arg("last"),
           "The range first..last; raises vaekit.InvalidArgument if last < first.")
      .def_static("single", &DateRange::single, py::arg("date"), "The one-day range [date, date].")
      .def_static(
          "parse", [](const std::string& text) { return DateRange::parse(text); }, py::arg("text"),
          "Parses `YYYY-MM-DD/YYYY-MM-DD`.")
      .def_property_readonly("first", &DateRange::first, "The first day.")
      .def_property_readonly("last", &DateRange::last, "The last day (included).")
      .def_property_readonly("days", &DateRange::length_days, "Number of days, both ends included.")
      .def(
          "__len__", [](const DateRange& r) { return static_cast<std::size_t>(r.length_days()); },
          "Number of days, both ends included.")
      .def(
          "__contains__", [](const DateRange& r, const DateLike& d) { return r.contains(d.get()); },
          py::arg("date"), "Whether the date lies within the range.")
      .def(
          "__iter__",
          [](const DateRange& r) {
            py::list out;
            for (std::int64_t k = 0; k < r.length_days(); ++k) out.append(r.first() + k);
            return py::iter(out);
          },
          "Every date of the range, in order.")
      .def("overlaps", &DateRange::overlaps, py::arg("other"),
           "Whether the two ranges share at least one day.")
      .def("covers", py::overload_cast<const DateRange&>(&DateRange::contains, py::const_),
           py::arg("other"), "Whether `other` lies entirely within this range.")
      .def("intersection", &DateRange::intersection, py::arg("other"),
           "The days common to both ranges, or None.")
      .def("__str__", &DateRange::to_string, "`YYYY-MM-DD/YYYY-MM-DD`.")
      .def(
          "__repr__",
          [](const DateRange& r) {
            return "vaekit.DateRange('" + r.first().to_string() + "', '" + r.last().to_string() +
                   "')";
          },
          "`vaekit.DateRange('first', 'last')`.")
      .def(
          "__hash__", [](const DateRange& r) { return std::hash<DateRange>{}(r); }, "Hash.")
      .def(py::self == py::self, "Same first and last day.")
      .def(py::self != py::self, "Different ranges.")
      .def(py::self < py::self, "Ordered by first day, then last day.");
  def_json_value_pickle(range);

  m.def("union_of", &union_of, py::arg("ranges"),
        "The union of date ranges as sorted, disjoint ranges (touching ranges merge).");
  m.def("covered_days", &covered_days, py::arg("ranges"),
        "The number of distinct days the ranges cover, each day counted once.");

  py::enum_<ReadMode>(m, "ReadMode", "How a reader treats a bad record.")
      .value("STRICT", ReadMode::strict, "The first bad record raises vaekit.ParseError.")
      .value("LENIENT", ReadMode::lenient, "Bad records go to a rejects list; reading goes on.");

  py::class_<Reject>(m, "Reject", R"doc(
A record a lenient reader set aside, and why (every reader of vaekit uses this type):
``source``, ``line``, ``field``, ``reason`` and ``record`` (the record's identifier when known,
e.g. a fiche code). Readers keep ``read == accepted + rejected``.
)doc")
      .def_property_readonly(
          "source", [](const Reject& r) { return text_to_python(r.source); },
          "File (and zip entry) name, or '<string>'.")
      .def_readonly("line", &Reject::line, "1-based line; 0 for a whole-file problem.")
      .def_property_readonly(
          "field", [](const Reject& r) { return text_to_python(r.field); },
          "The offending field, column or element path, or ''.")
      .def_property_readonly(
          "reason", [](const Reject& r) { return text_to_python(r.reason); },
          "Why (never personal data).")
      .def_property_readonly(
          "record", [](const Reject& r) { return text_to_python(r.record); },
          "The record's identifier when known, else ''.")
      .def(py::self == py::self, "Same fields.")
      .def(
          "__str__",
          [](const Reject& r) {
            std::string out = r.source + ":" + std::to_string(r.line) + ": ";
            if (!r.field.empty()) out += r.field + ": ";
            if (!r.record.empty()) out += "[" + r.record + "] ";
            return text_to_python(out + r.reason);
          },
          "`source:line: field: [record] reason`.")
      .def(
          "__repr__",
          [](const Reject& r) {
            return text_to_python("vaekit.Reject('" + r.source + ":" + std::to_string(r.line) +
                                  "', field='" + r.field + "')");
          },
          "`vaekit.Reject('source:line', field='...')`.");

  m.def("normalize_words", &normalize_words, py::arg("text"),
        "The search normalisation of every vaekit search (registry, community): NFKD, case\n"
        "folding, marks removed, oe/ae ligatures spelt out, punctuation as separators.");

  m.def(
      "write_file_atomic",
      [](const std::string& path, const py::object& content) {
        std::string data = py::isinstance<py::bytes>(content)
                               ? content.cast<std::string>()
                               : py::str(content).cast<std::string>();
        py::gil_scoped_release release;
        write_file_atomic(path, data);
      },
      py::arg("path"), py::arg("content"),
      "Writes text (UTF-8) or bytes to path atomically: a temporary file beside it is written,\n"
      "fsync'ed and renamed over it; readers never see a partial file.");

  py::enum_<CalendarRegion>(m, "CalendarRegion", "Which French public-holiday list applies.")
      .value("METROPOLITAN", CalendarRegion::metropolitan, "Metropolitan France.")
      .value("ALSACE_MOSELLE", CalendarRegion::alsace_moselle,
             "Bas-Rhin, Haut-Rhin, Moselle: adds Good Friday and 26 December.");

  py::class_<Holiday>(m, "Holiday", "A public holiday: its date and French name.")
      .def_readonly("date", &Holiday::date, "The day.")
      .def_readonly("name", &Holiday::name, "Its French name, e.g. 'Lundi de Pâques'.")
      .def(
          "__repr__",
          [](const Holiday& h) {
            return "vaekit.Holiday(" + h.date.to_string() + ", '" + h.name + "')";
          },
          "`vaekit.Holiday(date, 'name')`.")
      .def(py::self == py::self, "Same date and name.");

  py::class_<Closure>(m, "Closure", "A period when an office is closed, with the reason.")
      .def_readonly("period", &Closure::period, "The closed days (a DateRange).")
      .def_readonly("reason", &Closure::reason, "Why.")
      .def(
          "__repr__",
          [](const Closure& c) {
            return "vaekit.Closure(" + c.period.to_string() + ", '" + c.reason + "')";
          },
          "`vaekit.Closure(period, 'reason')`.")
      .def(py::self == py::self, "Same period and reason.");

  py::class_<FrenchCalendar> cal(m, "FrenchCalendar", R"doc(
French working-day calendar: public holidays by rule (Easter computed), weekends, and closures.

Holidays: 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday (not 2005-2007),
14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec; ``region="alsace_moselle"`` adds Good Friday and
26 Dec. The list holds from 1982 (8 May restored); earlier dates raise vaekit.OutOfRange.
Working days are Monday-Friday that are neither holidays nor closures.
)doc");
  cal.def(py::init<CalendarRegion>(),
          py::arg_v("region", CalendarRegion::metropolitan, "CalendarRegion.METROPOLITAN"),
          "A calendar for the region, with no closures.")
      .def(py::init([](const std::string& region) {
             return FrenchCalendar(calendar_region_from_string(region));
           }),
           py::arg("region"), "A calendar for 'metropolitan' or 'alsace_moselle'.")
      .def_property_readonly("region", &FrenchCalendar::region, "The holiday list in use.")
      .def_static("easter_sunday", &FrenchCalendar::easter_sunday, py::arg("year"),
                  "Easter Sunday of the year (Gregorian computus, 1583-9999).")
      .def("holidays", &FrenchCalendar::holidays, py::arg("year"),
           "The public holidays of the year, in date order.")
      .def(
          "is_holiday",
          [](const FrenchCalendar& c, const DateLike& d) { return c.is_holiday(d.get()); },
          py::arg("date"), "Whether the date is a public holiday.")
      .def(
          "holiday_name",
          [](const FrenchCalendar& c, const DateLike& d) { return c.holiday_name(d.get()); },
          py::arg("date"), "The French name of the holiday on that date, or None.")
      .def(
          "is_closed",
          [](const FrenchCalendar& c, const DateLike& d) { return c.is_closed(d.get()); },
          py::arg("date"), "Whether the date falls in a closure.")
      .def(
          "is_working_day",
          [](const FrenchCalendar& c, const DateLike& d) { return c.is_working_day(d.get()); },
          py::arg("date"), "Monday-Friday, not a holiday, not closed.")
      .def(
          "add_working_days",
          [](const FrenchCalendar& c, const DateLike& d, std::int64_t n) {
            const Date start = d.get();
            py::gil_scoped_release release;
            return c.add_working_days(start, n);
          },
          py::arg("date"), py::arg("n"),
          "The working day n working days after the date (before if n < 0); n = 0 returns it.")
      .def(
          "working_days_between",
          [](const FrenchCalendar& c, const DateLike& a, const DateLike& b) {
            const Date from = a.get(), to = b.get();
            py::gil_scoped_release release;
            return c.working_days_between(from, to);
          },
          py::arg("start"), py::arg("end"),
          "Working days in (start, end]; negative if end < start.")
      .def(
          "next_working_day",
          [](const FrenchCalendar& c, const DateLike& d) { return c.next_working_day(d.get()); },
          py::arg("date"), "The first working day on or after the date.")
      .def("working_days", &FrenchCalendar::working_days, py::arg("period"),
           py::call_guard<py::gil_scoped_release>(), "Every working day of the period, in order.")
      .def(
          "working_days_in",
          [](const FrenchCalendar& c, const DateRange& r) { return c.working_days_in(r); },
          py::arg("period"), "The number of working days in the period (both ends included).")
      .def(
          "count_working_days",
          [](const FrenchCalendar& c, const py::object& begin, const py::object& end) {
            // Same convention as numpy.busday_count: days in [begin, end); negative if end < begin.
            auto np = py::module_::import("numpy");
            auto as_days = [&](const py::object& x) {
              return py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>(
                  np.attr("asarray")(x, "datetime64[D]").attr("astype")("int64"));
            };
            auto b = as_days(begin);
            auto e = as_days(end);
            if (b.size() != e.size()) throw InvalidArgument("begin and end differ in length");
            py::array_t<std::int64_t> out(b.size());
            const auto* pb = b.data();
            const auto* pe = e.data();
            auto* po = out.mutable_data();
            const auto n = static_cast<std::size_t>(b.size());
            {
              py::gil_scoped_release release;
              for (std::size_t i = 0; i < n; ++i) {
                const Date d0 = Date::from_days(pb[i]);
                const Date d1 = Date::from_days(pe[i]);
                po[i] = c.working_days_between(d0 - 1, d1 - 1);
              }
            }
            return out.reshape(py::array(b).request().shape);
          },
          py::arg("begin"), py::arg("end"),
          "Working days in [begin, end) for arrays of dates (numpy.busday_count's convention);\n"
          "accepts anything numpy converts to datetime64[D]; returns an int64 array.")
      .def("add_closure", &FrenchCalendar::add_closure, py::arg("period"), py::arg("reason") = "",
           "Adds a closure period (an overlay on the holiday rules).")
      .def_property_readonly("closures", &FrenchCalendar::closures, "The closures added.")
      .def(py::self == py::self, "Same region and closures.")
      .def(
          "__repr__",
          [](const FrenchCalendar& c) {
            return "vaekit.FrenchCalendar('" + std::string(to_string(c.region())) + "', " +
                   std::to_string(c.closures().size()) + " closures)";
          },
          "Region and number of closures.");
  def_json_io<FrenchCalendar>(cal, "FrenchCalendar");
  def_json_pickle<FrenchCalendar>(cal);
}

}  // namespace vaekit::python
