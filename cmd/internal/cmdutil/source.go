package cmdutil

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/term"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/plan"
	"github.com/peakstaff/peakstaff/plan/config"
)

// Source is how a command reads exports: the files and the flags that
// say how to read them (import, forecast and init share them).
type Source struct {
	Files     []string
	Format    string
	TZ        string
	Map       string
	Types     string
	Encoding  string
	Sheet     string
	Delimiter string
	DateOrder string
	// HistoryEnd (YYYY-MM-DD) leaves out the contacts created after that
	// day; Channel places the contacts an export does not.
	HistoryEnd string
	Channel    string
	// Limits raise the caps that protect memory and time from hostile
	// files (--max-record-size, --max-fields, --max-expansion,
	// --max-decompressed-size); "" or 0 keeps the default.
	MaxRecordSize       string
	MaxFields           int
	MaxExpansion        int64
	MaxDecompressedSize string
	// MaxContacts is the memory budget: the most contacts an import holds
	// (--max-contacts); 0 takes the default from the address-space limit.
	MaxContacts int
}

// ShownErrors is how many row errors are printed; the rest are counted.
const ShownErrors = 20

// AddSourceFlags registers the flags that say how to read exports; the
// commands that start from exports (import, forecast, init) share them.
func AddSourceFlags(f *pflag.FlagSet, opts *Source) {
	f.StringVar(&opts.Format, "format", "", "force the format instead of detecting it (one of the formats listed above)")
	f.StringVar(&opts.TZ, "tz", "", "time zone of timestamps without an offset, e.g. America/New_York (default: local); formats with a zone of their own (Qianniu: China time) keep it; FILE@ZONE sets one file's zone")
	f.StringVar(&opts.Map, "map", "", "column map: field=column pairs, or a YAML map file")
	f.StringVar(&opts.Types, "types", "", "issue-type rules file (YAML) mapping types, tags and subjects to your issue types")
	f.StringVar(&opts.Encoding, "encoding", "", "force the text encoding: utf-8, utf-16le, utf-16be, gbk, gb18030, windows-1252")
	f.StringVar(&opts.Sheet, "sheet", "", "XLSX sheet to read (default: the first sheet with a header row)")
	f.StringVar(&opts.Delimiter, "delimiter", "", "force the CSV delimiter (default: sniffed among , ; tab |)")
	f.StringVar(&opts.HistoryEnd, "history-end", "", "leave out the contacts created after this day (YYYY-MM-DD, in --tz): plan or backtest as of a date")
	f.StringVar(&opts.Channel, "channel", "", "channel of the contacts an export does not place (no channel column, or an unknown label): phone, chat, email, messaging, social")
	f.StringVar(&opts.DateOrder, "date-order", "", "day/month order of numeric dates when the data cannot tell: dmy or mdy; swapped reads the ambiguous dates of a column the other way (a spreadsheet swapped them)")
	d := table.DefaultLimits
	f.StringVar(&opts.MaxRecordSize, "max-record-size", "", fmt.Sprintf("largest record (a line, or a quoted value with its line breaks) a file may hold, e.g. 64MiB (default %dMiB)", d.RecordBytes>>20))
	f.IntVar(&opts.MaxFields, "max-fields", 0, fmt.Sprintf("most fields a record (most columns a JSON file) may have (default %d)", d.Fields))
	f.Int64Var(&opts.MaxExpansion, "max-expansion", 0, fmt.Sprintf("most times a gzip, zip or workbook may expand its file's size (default %d)", d.Expansion))
	f.StringVar(&opts.MaxDecompressedSize, "max-decompressed-size", "", fmt.Sprintf("most bytes an archive may expand to, e.g. 32GiB (default %dGiB)", d.DecompressedBytes>>30))
	f.IntVar(&opts.MaxContacts, importers.FlagMaxContacts[2:], 0, "most contacts an import holds in memory, all files together (default: what the address-space limit, ulimit -v, leaves; none without a limit)")
}

// sourceLimits turns the --max-* flags into table limits (zero fields keep
// the defaults).
func sourceLimits(opts *Source) (table.Limits, error) {
	var l table.Limits
	var err error
	if l.RecordBytes, err = parseSize(opts.MaxRecordSize); err != nil {
		return l, diag.Usagef("--max-record-size: %v", err)
	}
	if l.DecompressedBytes, err = parseSize(opts.MaxDecompressedSize); err != nil {
		return l, diag.Usagef("--max-decompressed-size: %v", err)
	}
	if opts.MaxFields < 0 {
		return l, diag.Usagef("--max-fields %d: expected a positive number", opts.MaxFields)
	}
	if opts.MaxExpansion < 0 {
		return l, diag.Usagef("--max-expansion %d: expected a positive number", opts.MaxExpansion)
	}
	if opts.MaxContacts < 0 {
		return l, diag.Usagef("%s %d: expected a positive number", importers.FlagMaxContacts, opts.MaxContacts)
	}
	l.Fields, l.Expansion = opts.MaxFields, opts.MaxExpansion
	return l, nil
}

// parseSize reads a byte count: 1048576, 512KiB, 64MiB, 2GiB (KB, MB and
// GB are read as the binary units too); "" is 0.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	mult := int64(1)
	upper := strings.ToUpper(t)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			mult, t = u.mult, strings.TrimSpace(t[:len(t)-len(u.suffix)])
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q: expected a positive size such as 64MiB or 2GiB", s)
	}
	return n * mult, nil
}

// ValidateSource checks the source flags (usage errors, exit 2).
func ValidateSource(opts *Source) error {
	if opts.DateOrder != "" {
		if _, err := dates.ParseOrder(opts.DateOrder); err != nil {
			return diag.Usagef("--date-order: %v", err)
		}
	}
	if opts.HistoryEnd != "" {
		if _, err := time.Parse(time.DateOnly, opts.HistoryEnd); err != nil {
			return diag.Usagef("--history-end %q: expected a day YYYY-MM-DD", opts.HistoryEnd)
		}
	}
	if opts.Channel != "" {
		if _, err := importers.ParseChannel(opts.Channel); err != nil {
			return diag.Usagef("--channel: %v", err)
		}
	}
	if opts.Delimiter != "" && len([]rune(unescapeDelim(opts.Delimiter))) != 1 {
		return diag.Usagef("--delimiter: expected one character such as ';' or '\\t', got %q", opts.Delimiter)
	}
	if _, err := sourceLimits(opts); err != nil {
		return err
	}
	stdin := 0
	for _, f := range opts.Files {
		if f == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return diag.Usagef("standard input (-) can be read only once")
	}
	return nil
}

// LoadContext reads opts.Files with the source flags, prints warnings and
// the first row errors to stderr, and returns the merged contacts and the
// input paths (which no output may overwrite). It stops, with an error
// wrapping diag.ErrInterrupted (exit 130), once ctx is done.
func LoadContext(ctx context.Context, ios *iostreams.IOStreams, opts *Source) (*importers.Set, []string, error) {
	set, paths, err := ReadContext(ctx, ios, opts)
	if err != nil {
		return nil, nil, err
	}
	PrintReadErrors(ios.ErrOut, set)
	PrintPlausibility(ios.ErrOut, set)
	if set.Len() == 0 {
		return nil, nil, fmt.Errorf("%w: no contact could be read from %s", importers.ErrInvalidData, strings.Join(opts.Files, ", "))
	}
	return set, paths, nil
}

// ReadContext reads opts.Files with the source flags (standard input for
// "-") and applies --history-end, noting on stderr what it left out; it
// returns the merged contacts and the input paths, and stops once ctx is
// done, as LoadContext.
func ReadContext(ctx context.Context, ios *iostreams.IOStreams, opts *Source) (*importers.Set, []string, error) {
	iopts, specs, paths, err := FileSpecs(opts)
	if err != nil {
		return nil, nil, err
	}
	set, err := plan.ReadExports(ctx, specs, iopts, ios.In)
	if err != nil {
		return nil, nil, err
	}
	CutHistory(ios.ErrOut, opts, set)
	return set, paths, nil
}

// FileSpecs turns the source flags and FILE[@ZONE] arguments into importer
// options and file specs; every file must exist.
func FileSpecs(opts *Source) (importers.Options, []importers.FileSpec, []string, error) {
	iopts, err := buildOptions(opts)
	if err != nil {
		return iopts, nil, nil, err
	}
	var specs []importers.FileSpec
	var paths []string
	for _, arg := range opts.Files {
		spec, err := importers.ParseFileSpec(arg)
		if err != nil {
			return iopts, nil, nil, diag.Usagef("%v", err)
		}
		if spec.Path == "-" {
			specs = append(specs, spec)
			continue
		}
		if _, err := os.Stat(spec.Path); err != nil {
			return iopts, nil, nil, err
		}
		specs = append(specs, spec)
		paths = append(paths, spec.Path)
	}
	return iopts, specs, paths, nil
}

func unescapeDelim(s string) string {
	switch s {
	case `\t`, "tab", "TAB":
		return "\t"
	}
	return s
}

// buildOptions turns flags into importer options.
func buildOptions(opts *Source) (importers.Options, error) {
	var io importers.Options
	lim, err := sourceLimits(opts)
	if err != nil {
		return io, err
	}
	io.Limits = lim
	io.MaxContacts = opts.MaxContacts
	if opts.TZ != "" {
		loc, err := time.LoadLocation(opts.TZ)
		if err != nil {
			return io, diag.Usagef("--tz %q: not a time zone name such as Europe/Berlin or Asia/Shanghai", opts.TZ)
		}
		io.Location = loc
	}
	if opts.DateOrder != "" {
		io.DateOrder, _ = dates.ParseOrder(opts.DateOrder)
	}
	if opts.Channel != "" {
		io.DefaultChannel, _ = importers.ParseChannel(opts.Channel)
	}
	io.Encoding, io.Sheet = opts.Encoding, opts.Sheet
	if opts.Delimiter != "" {
		io.Delimiter = []rune(unescapeDelim(opts.Delimiter))[0]
	}
	if opts.Format != "" && opts.Map != "" {
		return io, diag.Usagef("--format and --map exclude each other: a map describes the format")
	}
	if opts.Format != "" {
		f, err := importers.FormatByName(opts.Format)
		if err != nil {
			return io, diag.Usagef("--format: %v", err)
		}
		io.Format = f
	}
	if opts.Map != "" {
		spec, err := loadMap(opts.Map)
		if err != nil {
			return io, err
		}
		io.Format = &importers.MapFormat{Spec: spec}
	}
	if opts.Types != "" {
		rules, err := config.LoadTypeRules(opts.Types)
		if err != nil {
			return io, err
		}
		io.Rules = rules
	}
	return io, nil
}

func loadMap(m string) (*importers.MapSpec, error) {
	lower := strings.ToLower(m)
	if strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") {
		return config.LoadMap(m)
	}
	if st, err := os.Stat(m); err == nil && !st.IsDir() && !strings.Contains(m, "=") {
		return config.LoadMap(m)
	}
	spec, err := importers.ParseMap(m)
	if err != nil {
		return nil, &diag.UsageError{Err: err}
	}
	return spec, nil
}

// HistoryEnd is the instant --history-end ends at: midnight after the day
// in --tz (or the machine's zone); zero without the flag.
func HistoryEnd(day, tz string) time.Time {
	if day == "" {
		return time.Time{}
	}
	loc := time.Local
	if l, err := time.LoadLocation(tz); err == nil && tz != "" {
		loc = l
	}
	d, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
}

// CutHistory applies --history-end and notes what it left out.
func CutHistory(w io.Writer, opts *Source, set *importers.Set) {
	end := HistoryEnd(opts.HistoryEnd, opts.TZ)
	if end.IsZero() {
		return
	}
	if n := set.CutAfter(end); n > 0 {
		fmt.Fprintf(w, "note: --history-end %s: %d contacts created after it left out\n", opts.HistoryEnd, n)
	}
}

// PrintPlausibility warns about contacts that read but cannot be right.
func PrintPlausibility(w io.Writer, set *importers.Set) {
	for _, msg := range importers.Plausibility(set.All()) {
		term.Warnf(w, "%s", textsafe.Message(msg))
	}
}

// PrintReadErrors writes the files' warnings and the first row errors
// (ShownErrors, then a count) to w.
func PrintReadErrors(w io.Writer, set *importers.Set) {
	shown, total := 0, 0
	for _, f := range set.Files {
		for _, warn := range f.Warnings {
			term.Warnf(w, "%s: %s", f.Path, warn)
		}
		total += f.ErrorCount
	}
	if total == 0 {
		return
	}
	for _, f := range set.Files {
		for _, e := range f.Errors {
			if shown == ShownErrors {
				break
			}
			action := "value left empty"
			if e.Rejected {
				action = "row rejected"
			}
			fmt.Fprintf(w, "%s [%s]\n", textsafe.Message(e.Error()), action)
			shown++
		}
	}
	if total > shown {
		fmt.Fprintf(w, "... and %d more bad rows or values\n", total-shown)
	}
}
