// Package dates reads the timestamps and durations of helpdesk and
// telephony exports, whose formats depend on the vendor, the exporting
// user's locale and the file type.
//
// # Dates
//
// A Column parses the values of one column; it learns the day/month order
// from the column itself, because one file is written with one locale
// setting and a single value such as 13/05/2025 settles the order for all
// of them. Accepted forms (case-insensitive, surrounding blanks ignored):
//
//   - Year first, never ambiguous: 2025-11-28, 2025-11-28 14:05,
//     2025-11-28 14:05:09, 2025-11-28T14:05:09Z, fractions (.000,
//     .123456), offsets (+08:00, +0800, +08, Z, UTC, GMT), 2025/11/28
//     14:05:09, 2025.11.28, 2025/11/28 4:51 PM.
//   - Numeric day/month first with /, - or . : 3/1/2025, 03-01-2025,
//     28.11.2025 14:05, 11/28/25 4:51 PM. Two-digit years are 20yy when
//     yy < 70, else 19yy. When both leading numbers are 12 or less and
//     differ, the value is ambiguous and waits (Result.Pending) until the
//     column proves an order, or Finish assumes one: day-first when every
//     numeric date of the column is dotted (no locale writes month-first
//     dots), else the vendor's default or month-first.
//   - Month names in English, Spanish, Portuguese, German, French, Italian
//     and Dutch, abbreviated or not, with or without a dot: Jira's
//     10/Nov/25 4:51 PM and 10/nov/25 16:51, 10 Nov 2025 16:51,
//     10. November 2025, 10 de nov. de 2025, Nov 10, 2025 4:51 PM,
//     November 10, 2025, RFC 1123 (Mon, 10 Nov 2025 16:51:00 +0000) and
//     ctime (Tue Nov 10 16:51:00 2025). A leading weekday is ignored.
//   - Chinese: 2025年11月11日 and 2025年11月11日 00:00:05; a date without a
//     year (11月11日) is refused, not given the current year.
//   - Times h:mm or h:mm:ss with an optional fraction and AM/PM marker
//     (AM, p.m., "p. m.", 上午/下午 before or after the time).
//   - Unix times: 10 digits (seconds) or 13 digits (milliseconds) between
//     2000 and 2100.
//   - Excel serial dates when Options.Serial is set (XLSX): days since
//     1899-12-30, the fraction being the time of day in the column's zone.
//
// Impossible values (31/02/2025, hour 25, month 13) are errors and are
// never normalised; years must lie in 1970..2100. Values without an offset
// are wall times in Options.Location, converted with Go's rules for DST
// gaps and overlaps; values with an offset keep their instant.
//
// The year-first form with a time, the bulk of every export, is parsed by
// hand without allocating; the zone offset is cached per zone period so a
// million-row column costs a handful of zone lookups.
//
// # Durations
//
// ReadDuration reads handle and response times into seconds: plain
// numbers in a given unit (decimal comma and thousands separators
// accepted), clocks with hours past 24 (36:15:00), "1 day 02:00:00",
// spelled units (2d 3h 4m 5s, 90 min, 3.5 hrs) and Excel day fractions
// from XLSX (1.655E-3 = 143 s). Zendesk Explore brackets such as "1-8 hrs"
// are ErrBracket: they are categories, and a midpoint would be invented
// data.
//
// # Errors
//
// Every error is a *ValueError (the rejected text and what was expected)
// unwrapping to ErrBadDate, ErrAmbiguousOrder, ErrBadDuration, ErrBracket
// or ErrBadOrder; the caller adds the file position. No input panics.
package dates
