package plancmd

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/cmd/internal/cmdutil"
	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/diag"
	"github.com/peakstaff/peakstaff/internal/iostreams"
	"github.com/peakstaff/peakstaff/internal/outfile"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// InitOptions are the inputs of the init command.
type InitOptions struct {
	IO *iostreams.IOStreams

	Source cmdutil.Source
	Out    string
	Force  bool
	Now    func() time.Time
}

// NewCmdInit builds the command; runF replaces the work in tests.
func NewCmdInit(ios *iostreams.IOStreams, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: ios, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "init [--from EXPORT...] [--out plan.yaml]",
		Short: "Write a commented starter plan, inferred from your exports",
		Long: `Write a starter plan file with every key commented. With --from, the exports
are read (as import reads them) and the plan lists them with their detected
formats, and proposes the season (the next Black Friday / Cyber Monday or
Double 11 after the history, whichever the history's busiest event was),
the channels found and the issue types found (most frequent first).

Without --out the plan is printed. Exit codes: 0 ok; 2 bad flags; 3 an
export cannot be read; 1 other errors.`,
		Example: `  peakstaff init --from tickets_2025.csv --from calls.csv --tz America/New_York --out plan.yaml
  peakstaff init > plan.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := cmdutil.ValidateSource(&opts.Source); err != nil {
				return err
			}
			if opts.Out != "" && !strings.HasSuffix(strings.ToLower(opts.Out), ".yaml") && !strings.HasSuffix(strings.ToLower(opts.Out), ".yml") {
				return diag.Usagef("--out %s: expected a .yaml file", opts.Out)
			}
			// a file name is taken as given: "tickets, 2025.csv" is one
			// file; several go in repeated flags or a list with the OS's
			// separator (: or ;)
			var files []string
			for _, v := range opts.Source.Files {
				files = append(files, filepath.SplitList(v)...)
			}
			opts.Source.Files = files
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Source.Files, "from", nil, "exports of last year's contacts to infer the plan from (repeat the flag for several)")
	cmdutil.AddSourceFlags(f, &opts.Source)
	f.StringVarP(&opts.Out, "out", "o", "", "write the plan to this file (default: print it)")
	f.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists")
	return cmd
}

type inferred struct {
	files     []importers.FileReport
	source    *cmdutil.Source
	tz        string
	season    forecast.Range
	channels  []string
	types     []string
	first     time.Time
	last      time.Time
	eventNote string
	typesFile string
}

func initRun(opts *InitOptions) error {
	inf := inferred{tz: opts.Source.TZ, typesFile: opts.Source.Types, source: &opts.Source}
	if inf.tz == "" {
		inf.tz = "America/New_York"
		if l := time.Local.String(); l != "Local" && l != "UTC" {
			inf.tz = l
		}
	}
	var inputs []string
	if len(opts.Source.Files) > 0 {
		set, paths, err := cmdutil.Load(opts.IO, &opts.Source)
		if err != nil {
			return err
		}
		inputs = paths
		sum := set.Summarize()
		for _, f := range set.Files {
			inf.files = append(inf.files, *f)
		}
		inf.first, inf.last = sum.First, sum.Last
		inf.channels = importers.SortedKeys(sum.ByChannel)
		for _, t := range importers.SortedKeys(sum.ByIssueType) {
			if t != importers.UnsetType {
				inf.types = append(inf.types, t)
			}
		}
		inf.season, inf.eventNote = proposeSeason(set.All(), inf.last)
	} else {
		now := opts.Now()
		bf := forecast.BlackFriday(now.Year())
		if !forecast.DateOf(now).Before(bf) {
			bf = forecast.BlackFriday(now.Year() + 1)
		}
		inf.season = forecast.Range{Start: bf.AddDays(-7), End: forecast.CyberMonday(bf.Year).AddDays(6)}
	}
	text := starterPlan(inf, opts.Out)
	if opts.Out == "" {
		_, err := io.WriteString(opts.IO.Out, text)
		return err
	}
	if err := outfile.WriteFileAtomic(opts.Out, opts.Force, inputs, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: check the season, targets and scenarios, then run peakstaff plan %s --out out/\n", opts.Out, opts.Out)
	return nil
}

// proposeSeason picks the next season after the history: around the event
// whose days were busiest relative to the history's average day.
func proposeSeason(cs iter.Seq[*importers.Contact], last time.Time) (forecast.Range, string) {
	perDay := map[forecast.Date]float64{}
	for c := range cs {
		if !c.Outbound {
			perDay[forecast.DateOf(c.Created)] += float64(c.Count)
		}
	}
	mean := 0.0
	for _, v := range perDay {
		mean += v
	}
	if len(perDay) > 0 {
		mean /= float64(len(perDay))
	}
	year := last.Year() + 1
	if last.Month() < time.October {
		year = last.Year()
	}
	bfcm := forecast.Range{Start: forecast.BlackFriday(year).AddDays(-7), End: forecast.CyberMonday(year).AddDays(6)}
	d11 := forecast.Range{Start: forecast.Date{Year: year, Month: time.November, Day: 1}, End: forecast.Date{Year: year, Month: time.November, Day: 20}}
	lift := func(on func(int) forecast.Date) float64 {
		best := 0.0
		for y := year - 3; y < year; y++ {
			if v := perDay[on(y)]; mean > 0 && v/mean > best {
				best = v / mean
			}
		}
		return best
	}
	bf := lift(forecast.BlackFriday)
	d := lift(func(y int) forecast.Date { return forecast.Date{Year: y, Month: time.November, Day: 11} })
	if d > bf && d > 1.2 {
		return d11, fmt.Sprintf("Double 11 was the history's busiest event (%.1fx an average day)", d)
	}
	if bf > 0 {
		return bfcm, fmt.Sprintf("Black Friday was %.1fx an average day in the history", bf)
	}
	return bfcm, "the history has no Black Friday or Double 11; the next Black Friday / Cyber Monday is proposed"
}

func starterPlan(inf inferred, out string) string {
	var b bytes.Buffer
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	p("# peakstaff plan — written by peakstaff init. Every key is explained; see")
	p("# testdata/demo/plan.yaml in the peakstaff sources for a complete example.")
	p("# Run it:  peakstaff plan %s --out out/", or(out, "plan.yaml"))
	p("")
	p("name: Peak season plan")
	p("lang: en                        # en or zh")
	p("")
	p("season:")
	p("  start: %s             # first day to plan", inf.season.Start)
	p("  end: %s               # last day (inclusive)", inf.season.End)
	if inf.eventNote != "" {
		p("  # proposed because %s", inf.eventNote)
	}
	p("  time_zone: %s", inf.tz)
	p("  interval: 30m                 # 15m, 30m or 60m")
	p("")
	p("# Last year's exports, as downloaded (paths relative to this file).")
	p("history:")
	if len(inf.files) == 0 {
		p("  - file: tickets_last_year.csv  # any export peakstaff import reads")
		p("  #   format: zendesk-csv         # optional: detected from the header")
		p("  #   tz: Asia/Shanghai           # optional: the zone of this file's times")
	}
	for _, f := range inf.files {
		writeHistoryEntry(p, f, inf.source, out)
	}
	if inf.source != nil && inf.source.HistoryEnd != "" {
		p("history_end: %s          # the contacts after this day are left out", inf.source.HistoryEnd)
	} else {
		p("# history_end: 2025-10-31       # leave out the contacts after this day (plan as of a date)")
	}
	p("")
	if inf.types != nil && inf.typesFile != "" {
		p("types: %s             # the issue-type rules the exports were read with", yamlString(relTo(out, inf.typesFile)))
	} else {
		p("# types: types.yaml             # map the exports' types, tags and subjects to your issue types")
	}
	if len(inf.types) > 0 {
		n := min(len(inf.types), 12)
		shown := make([]string, n)
		for i, t := range inf.types[:n] {
			shown[i] = textsafe.Clip(t, 40) // a comment stays one line
		}
		p("# issue types found, most frequent first: %s", strings.Join(shown, ", "))
	}
	p("")
	p("forecast:")
	p("  # events: [black-friday, cyber-monday, double-11]   # default: every built-in event near the season; none for no event")
	p("  # growth: 1.15                # volume vs last year; measured when absent")
	p("  quantile: 0.5                 # 0.9 staffs to the P90 forecast")
	p("  # orders: {file: orders_daily.csv, total: 110000}   # driver model: contacts per order x orders")
	p("  #   map: {date: Fecha, orders: total_reservations}  # the orders file's columns, when their names do not say")
	p("  # intraday: retail            # shape of the day for history without times of day (retail, or a file of hour,share)")
	p("")
	p("# Service targets per channel (defaults: phone 80/20s, chat 80/60s with")
	p("# concurrency 2, email and other tickets a 24-hour deadline).")
	p("channels:")
	chans := append([]string(nil), inf.channels...)
	if len(chans) == 0 {
		chans = []string{"phone", "chat", "email"}
	}
	sort.SliceStable(chans, func(i, j int) bool { return channelOrder(chans[i]) < channelOrder(chans[j]) })
	for _, ch := range chans {
		p("  %s:", ch)
		switch ch {
		case "phone":
			p("    service_level: 80/20s")
			p("    max_occupancy: 85%%")
			p("    # patience: 3m              # mean time before callers hang up (Erlang A)")
			p("    # max_abandon: 5%%")
			p("    # hours: \"mon-sun 08:00-22:00\"")
		case "chat", "messaging":
			p("    kind: chat")
			p("    service_level: 80/60s")
			p("    concurrency: 2")
		default:
			p("    deadline: 24h               # business hours")
			p("    # hours: \"mon-fri 08:00-20:00\"")
		}
	}
	p("")
	p("shrinkage: 30%%                  # breaks, meetings, training, absence")
	p("")
	p("# What-if variants for peakstaff compare.")
	p("scenarios:")
	p("  - name: volume +30%%")
	p("    volume_change: 0.3")
	p("  - name: P90 staffing")
	p("    quantile: 0.9")
	return b.String()
}

func channelOrder(c string) int {
	for i, ch := range importers.Channels {
		if string(ch) == c {
			return i
		}
	}
	return len(importers.Channels)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// relTo writes path relative to the plan file's folder (plan paths resolve
// there), or absolute when that is not possible.
func relTo(planFile, path string) string {
	dir, err := filepath.Abs(filepath.Dir(or(planFile, "plan.yaml")))
	if err != nil {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return abs
}

// writeHistoryEntry writes one export of the history: its file, and how
// to read it the way init read it: the detected format, or the column map
// (given with --map or guessed from the header), the channel and
// day/month order given on the command line.
func writeHistoryEntry(p func(string, ...any), f importers.FileReport, src *cmdutil.Source, out string) {
	p("  - file: %s", yamlString(relTo(out, f.Path)))
	span := fmt.Sprintf("%d contacts %s..%s", f.Contacts, f.First.Format("2006-01-02"), f.Last.Format("2006-01-02"))
	settings := map[string]string{}
	if src != nil && src.DateOrder != "" {
		settings["date_order"] = src.DateOrder
	}
	var columns []string // field: column lines, in the map's order
	if f.Map != "" {
		spec, err := importers.ParseMap(f.Map)
		if err == nil {
			for _, pair := range strings.Split(spec.String(), ",") {
				k, v, _ := strings.Cut(pair, "=")
				if k == "default_channel" || k == "date_order" || k == "handle_unit" {
					settings[k] = v
					continue
				}
				columns = append(columns, fmt.Sprintf("%s: %s", k, yamlString(strings.Trim(v, `"`))))
			}
		}
	}
	switch {
	case len(columns) > 0:
		how := "given with --map"
		if f.Format == "guessed" {
			how = "guessed from the header: check each column"
		}
		p("    map:                        # %s; %s", how, span)
		for _, c := range columns {
			p("      %s", c)
		}
	default:
		p("    format: %s   # detected: %s; %s", f.Format, f.FormatTitle, span)
	}
	if len(settings) > 0 {
		if len(columns) == 0 {
			p("    map:")
		}
		for _, k := range []string{"default_channel", "date_order", "handle_unit"} {
			if v, ok := settings[k]; ok {
				p("      %s: %s", k, yamlString(v))
			}
		}
	}
	if src != nil && src.Channel != "" {
		p("    channel: %s                 # contacts the export does not place", src.Channel)
	}
	if f.SwappedDates > 0 {
		p("    # %d dates look swapped by a spreadsheet (see peakstaff import %s); date_order: swapped in the map reads them back", f.SwappedDates, textsafe.Clip(relTo(out, f.Path), 200))
	}
}

// yamlString writes a value as a YAML string scalar through the YAML
// encoder, which quotes it when it needs it ("Q4 export #2.csv" is not
// cut at the #, "true" stays a string); a line break is escaped inside
// double quotes, so a value never starts a new key.
func yamlString(v string) string {
	n := yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	if strings.ContainsAny(v, "\n\r") || strings.TrimSpace(v) != v || !utf8.ValidString(v) {
		n.Style = yaml.DoubleQuotedStyle
	}
	b, err := yaml.Marshal(&n)
	if err != nil || bytes.Count(b, []byte("\n")) != 1 {
		return strconv.Quote(v)
	}
	return strings.TrimSuffix(string(b), "\n")
}
