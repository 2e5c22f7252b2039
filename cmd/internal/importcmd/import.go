// Package importcmd implements `peakstaff import`.
package importcmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/importers/dates"
	"github.com/peakstaff/peakstaff/importers/table"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/term"
	"github.com/peakstaff/peakstaff/internal/textsafe"
	"github.com/peakstaff/peakstaff/plan/config"
)

// Options are the inputs of the import command.
type Options struct {
	IO *iostreams.IOStreams

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
	Strict              bool
	Out                 string
	Force               bool
	JSON                bool
}

// shownErrors is how many row errors are printed; the rest are counted.
const shownErrors = 20

// NewCmdImport builds the command; runF replaces the work in tests.
func NewCmdImport(ios *iostreams.IOStreams, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: ios}
	cmd := &cobra.Command{
		Use:   "import FILE[@ZONE]... [flags]",
		Short: "Read helpdesk exports and summarise the contacts they hold",
		Long: `Read helpdesk exports as they are downloaded and normalize them into one record
per contact (ticket, conversation or call).

The format is detected from each file's header; --format forces one. Files may
be CSV (any of , ; tab |, UTF-8 with or without BOM, UTF-16, GBK/GB18030), XLSX,
JSON/NDJSON, Parquet (a warehouse's export: see "From your warehouse" in the
README), or a zip or gzip holding one of them.

Formats: ` + strings.Join(importers.FormatNames(), ", ") + `.
Any other file: the columns are guessed from their names (English, Spanish,
Portuguese, German, French, Italian, Dutch, Chinese) and values (dates, a
time of day, ids, categories, channel words, durations). When the created
column is clear the file is read with the guessed map (format "guessed"),
printed as a warning and in --json as a --map string to check and keep;
when it is not, the import fails and shows the best guess. Name the
columns yourself with --map, e.g.
  --map created="Opened At",type=Reason,channel=Source,handle="Talk time"
or a YAML file of field: column pairs (--map map.yaml). Fields: id, created,
time (a separate time-of-day column), first_response,
first_response_minutes, resolved, closed, updated, channel, type, category,
tags, subject, status, priority, agent, group, handle, count, direction;
settings: default_channel, handle_unit, date_order.

Day/month order: learnt from each date column (13/05 proves day-first).
Where ticket ids grow with time, dates that break their order and fit it
with day and month swapped (a spreadsheet round-trip) are counted in a
warning with the months affected; --date-order swapped (date_order: swapped
in a map) reads the ambiguous dates of such a column the other way.

A contact is counted once however many rows or files repeat it. Bad rows are
reported with file, line, column and reason (the first 20, then a count);
rows that are not contacts (summary footers) are skipped and counted.

--json prints one object:
  files[]: path, format, encoding, rows, contacts, duplicates, rejected,
           rejected_by_reason{}, skipped{}, field_errors, first, last,
           warnings[], errors[] (line, column, field, error; first 20),
           map (the column map read with, given or guessed), swapped_dates
  contacts, outbound, first, last (RFC 3339), by_channel{}, by_issue_type{},
  by_month{"2025-11": N}

Exit codes: 0 ok; 2 bad flags; 3 invalid data (unknown format, no contact
read, or any bad row with --strict); 1 other errors.`,
		Example: `  peakstaff import tickets.csv calls.csv --tz America/New_York
  peakstaff import export.csv --types types.yaml --out contacts.csv
  peakstaff import cases.xlsx --map created="Opened",type="Reason" --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return diag.Usagef("import needs at least one FILE")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := ValidateSource(opts); err != nil {
				return err
			}
			if opts.Out != "" {
				ext := strings.ToLower(filepath.Ext(opts.Out))
				if ext != ".csv" && ext != ".jsonl" {
					return diag.Usagef("--out %s: expected a .csv or .jsonl file", opts.Out)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	f := cmd.Flags()
	AddSourceFlags(f, opts)
	f.BoolVar(&opts.Strict, "strict", false, "fail (exit 3) on any bad row or value")
	f.StringVarP(&opts.Out, "out", "o", "", "write the normalized contacts to this .csv or .jsonl file")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	f.BoolVar(&opts.JSON, "json", false, "print the summary as JSON")
	return cmd
}

// AddSourceFlags registers the flags that say how to read exports; the
// commands that start from exports (forecast, plan) share them.
func AddSourceFlags(f *pflag.FlagSet, opts *Options) {
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
}

// sourceLimits turns the --max-* flags into table limits (zero fields keep
// the defaults).
func sourceLimits(opts *Options) (table.Limits, error) {
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
func ValidateSource(opts *Options) error {
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

// Load reads opts.Files with the source flags, prints warnings and the
// first row errors to stderr, and returns the merged contacts and the
// input paths (which no output may overwrite).
func Load(opts *Options) (*importers.Set, []string, error) {
	iopts, specs, paths, err := fileSpecs(opts)
	if err != nil {
		return nil, nil, err
	}
	set, err := importFiles(specs, iopts, opts.IO.In)
	if err != nil {
		return nil, nil, err
	}
	cutHistory(opts, set)
	printErrors(opts.IO.ErrOut, set)
	printPlausibility(opts.IO.ErrOut, set)
	if set.Len() == 0 {
		return nil, nil, fmt.Errorf("%w: no contact could be read from %s", importers.ErrInvalidData, strings.Join(opts.Files, ", "))
	}
	return set, paths, nil
}

// fileSpecs turns the source flags and FILE[@ZONE] arguments into importer
// options and file specs; every file must exist.
func fileSpecs(opts *Options) (importers.Options, []importers.FileSpec, []string, error) {
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

// importFiles reads every file ("-" is standard input) and merges their
// contacts, as importers.ImportFiles does for files. A file that hit a
// size cap fails the import: its rows after the cap were never read.
func importFiles(specs []importers.FileSpec, iopts importers.Options, stdin io.Reader) (*importers.Set, error) {
	set := importers.NewSet()
	for _, spec := range specs {
		o := iopts
		o.FileLocation = spec.Location
		var fr *importers.FileResult
		var err error
		if spec.Path == "-" {
			if stdin == nil {
				stdin = os.Stdin
			}
			fr, err = importers.Read("-", stdin, o)
		} else {
			fr, err = importers.ReadFile(spec.Path, o)
		}
		if err != nil {
			return nil, err
		}
		if err := fr.LimitError(); err != nil {
			return nil, err
		}
		set.Add(fr)
	}
	return set, nil
}

// buildOptions turns flags into importer options.
func buildOptions(opts *Options) (importers.Options, error) {
	var io importers.Options
	lim, err := sourceLimits(opts)
	if err != nil {
		return io, err
	}
	// the importers open files with the table package's defaults
	table.DefaultLimits = mergeLimits(table.DefaultLimits, lim)
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

func importRun(opts *Options) error {
	iopts, specs, paths, err := fileSpecs(opts)
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := outfile.CheckOutputPath(opts.Out, opts.Force, paths); err != nil {
			return err
		}
	}
	set, err := importFiles(specs, iopts, opts.IO.In)
	if err != nil {
		return err
	}
	cutHistory(opts, set)
	sum := set.Summarize()

	errCount := 0
	for _, f := range set.Files {
		errCount += f.ErrorCount
	}
	printErrors(opts.IO.ErrOut, set)
	printPlausibility(opts.IO.ErrOut, set)

	if opts.JSON {
		if err := term.PrintJSON(opts.IO.Out, toJSON(set, sum)); err != nil {
			return err
		}
	} else if err := printSummary(opts.IO, set, sum); err != nil {
		return err
	}

	if opts.Strict && errCount > 0 {
		return fmt.Errorf("%w: %d bad rows or values (--strict); nothing written", importers.ErrBadRows, errCount)
	}
	if sum.Contacts == 0 {
		return fmt.Errorf("%w: no contact could be read from %s", importers.ErrInvalidData, strings.Join(opts.Files, ", "))
	}
	if opts.Out != "" {
		write := importers.WriteCSV
		if strings.EqualFold(filepath.Ext(opts.Out), ".jsonl") {
			write = importers.WriteJSONL
		}
		err := outfile.WriteFileAtomic(opts.Out, opts.Force, paths, func(w io.Writer) error {
			return write(w, set.All())
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "wrote %d contacts to %s\n", set.Len(), opts.Out)
	}
	return nil
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

// cutHistory applies --history-end and notes what it left out.
func cutHistory(opts *Options, set *importers.Set) {
	end := HistoryEnd(opts.HistoryEnd, opts.TZ)
	if end.IsZero() {
		return
	}
	if n := set.CutAfter(end); n > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "note: --history-end %s: %d contacts created after it left out\n", opts.HistoryEnd, n)
	}
}

// printPlausibility warns about contacts that read but cannot be right.
func printPlausibility(w io.Writer, set *importers.Set) {
	for _, msg := range importers.Plausibility(set.All()) {
		term.Warnf(w, "%s", textsafe.Message(msg))
	}
}

// printErrors writes warnings and the first row errors to stderr.
func printErrors(w io.Writer, set *importers.Set) {
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
			if shown == shownErrors {
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

// mergeLimits takes the non-zero fields of l over d.
func mergeLimits(d, l table.Limits) table.Limits {
	if l.RecordBytes > 0 {
		d.RecordBytes = l.RecordBytes
	}
	if l.Fields > 0 {
		d.Fields = l.Fields
	}
	if l.Expansion > 0 {
		d.Expansion = l.Expansion
	}
	if l.DecompressedBytes > 0 {
		d.DecompressedBytes = l.DecompressedBytes
	}
	return d
}
