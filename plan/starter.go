package plan

import (
	"bytes"
	"fmt"
	"iter"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/peakstaff/peakstaff/forecast"
	"github.com/peakstaff/peakstaff/importers"
	"github.com/peakstaff/peakstaff/internal/civil"
	"github.com/peakstaff/peakstaff/internal/textsafe"
)

// Starter is what a starter plan (peakstaff init) is written from: the
// season, the zone, and what the exports showed and how they were read.
type Starter struct {
	// TZ is the plan's zone: --tz, else the zone the exports' vendor
	// writes its times in (Infer; ZoneNote says which), else the
	// machine's (Default).
	TZ        string
	ZoneNote  string
	Season    forecast.Range
	EventNote string // why the season was proposed
	Files     []importers.FileReport
	Channels  []string
	Types     []string // issue types found, most frequent first
	TypesFile string   // the issue-type rules the exports were read with
	// How the exports were read: the day/month order, the channel of
	// contacts they do not place, and the day the history ends.
	DateOrder, Channel, HistoryEnd string
}

// Infer fills the starter from the contacts of the exports: the files,
// the channels and issue types found, and the season after the history.
func (inf *Starter) Infer(set *importers.Set) {
	sum := set.Summarize()
	for _, f := range set.Files {
		inf.Files = append(inf.Files, *f)
	}
	inf.Channels = importers.SortedKeys(sum.ByChannel)
	for _, t := range importers.SortedKeys(sum.ByIssueType) {
		if t != importers.UnsetType {
			inf.Types = append(inf.Types, t)
		}
	}
	inf.Season, inf.EventNote = proposeSeason(set.All(), sum.Last)
	inf.proposeZone()
}

// proposeZone sets TZ, when --tz did not, to the zone of the exports'
// vendor (filesZone).
func (inf *Starter) proposeZone() {
	if inf.TZ == "" {
		inf.TZ, inf.ZoneNote = filesZone(inf.Files)
	}
}

// filesZone is the zone of the exports whose vendor fixes one (Qianniu:
// China time) when they hold most of the contacts, with the words that
// say so; "" otherwise.
func filesZone(files []importers.FileReport) (zone, note string) {
	by, all := map[string]int{}, 0
	title := map[string]string{}
	for _, f := range files {
		all += f.Contacts
		if z := importers.FormatZone(f.Format); z != "" {
			by[z] += f.Contacts
			title[z] = f.FormatTitle
		}
	}
	for z, n := range by {
		if 2*n > all {
			return z, fmt.Sprintf("the zone %s writes its times in", title[z])
		}
	}
	return "", ""
}

// DefaultZone is the zone a starter plan proposes when neither --tz nor
// the exports give one: the machine's, or America/New_York on a machine
// set to UTC (a server's zone says nothing about the shop's).
func DefaultZone() string {
	if l := time.Local.String(); l != "Local" && l != "UTC" {
		return l
	}
	return "America/New_York"
}

// NextSeason is the season a plan without history starts from: the week
// before the next Black Friday after now to the week after Cyber Monday.
func NextSeason(now time.Time) forecast.Range {
	bf := forecast.BlackFriday(now.Year())
	if !civil.DateOf(now).Before(bf) {
		bf = forecast.BlackFriday(now.Year() + 1)
	}
	return forecast.Range{Start: bf.AddDays(-7), End: forecast.CyberMonday(bf.Year).AddDays(6)}
}

// proposeSeason picks the next season after the history: around the event
// whose days were busiest relative to the history's average day.
func proposeSeason(cs iter.Seq[*importers.Contact], last time.Time) (forecast.Range, string) {
	perDay := map[civil.Date]float64{}
	for c := range cs {
		if !c.Outbound {
			perDay[civil.DateOf(c.Created)] += float64(c.Count)
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
	d11 := forecast.Range{Start: civil.Date{Year: year, Month: time.November, Day: 1}, End: civil.Date{Year: year, Month: time.November, Day: 20}}
	lift := func(on func(int) civil.Date) float64 {
		best := 0.0
		for y := year - 3; y < year; y++ {
			if v := perDay[on(y)]; mean > 0 && v/mean > best {
				best = v / mean
			}
		}
		return best
	}
	bf := lift(forecast.BlackFriday)
	d := lift(func(y int) civil.Date { return civil.Date{Year: y, Month: time.November, Day: 11} })
	if d > bf && d > 1.2 {
		return d11, fmt.Sprintf("Double 11 was the history's busiest event (%.1fx an average day)", d)
	}
	if bf > 0 {
		return bfcm, fmt.Sprintf("Black Friday was %.1fx an average day in the history", bf)
	}
	return bfcm, "the history has no Black Friday or Double 11; the next Black Friday / Cyber Monday is proposed"
}

// YAML writes the starter plan, every key commented; out is where the plan
// is written ("" for standard output): the exports' paths are written
// relative to it.
func (inf Starter) YAML(out string) string {
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
	p("  start: %s             # first day to plan", inf.Season.Start)
	p("  end: %s               # last day (inclusive)", inf.Season.End)
	if inf.EventNote != "" {
		p("  # proposed because %s", inf.EventNote)
	}
	p("  time_zone: %s", inf.TZ)
	if inf.ZoneNote != "" {
		p("  # proposed because it is %s", inf.ZoneNote)
	}
	p("  interval: 30m                 # 15m, 30m or 60m")
	p("")
	p("# Last year's exports, as downloaded (paths relative to this file).")
	p("history:")
	if len(inf.Files) == 0 {
		p("  - file: tickets_last_year.csv  # any export peakstaff import reads")
		p("  #   format: zendesk-csv         # optional: detected from the header")
		p("  #   tz: Asia/Shanghai           # optional: the zone of this file's times")
	}
	for _, f := range inf.Files {
		writeHistoryEntry(p, f, inf, out)
	}
	if inf.HistoryEnd != "" {
		p("history_end: %s          # the contacts after this day are left out", inf.HistoryEnd)
	} else {
		p("# history_end: 2025-10-31       # leave out the contacts after this day (plan as of a date)")
	}
	p("")
	if inf.Types != nil && inf.TypesFile != "" {
		p("types: %s             # the issue-type rules the exports were read with", yamlString(relTo(out, inf.TypesFile)))
	} else {
		p("# types: types.yaml             # map the exports' types, tags and subjects to your issue types")
	}
	if len(inf.Types) > 0 {
		n := min(len(inf.Types), 12)
		shown := make([]string, n)
		for i, t := range inf.Types[:n] {
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
	chans := append([]string(nil), inf.Channels...)
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
func writeHistoryEntry(p func(string, ...any), f importers.FileReport, src Starter, out string) {
	p("  - file: %s", yamlString(relTo(out, f.Path)))
	span := fmt.Sprintf("%d contacts %s..%s", f.Contacts, f.First.Format("2006-01-02"), f.Last.Format("2006-01-02"))
	settings := map[string]string{}
	if src.DateOrder != "" {
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
	if src.Channel != "" {
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
