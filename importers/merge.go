package importers

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
)

// Set gathers the contacts of several files and counts each contact once:
// rows with the same id in the same family (a ticket repeated by Explore, an
// event log's updates, overlapping exports) merge into one contact that keeps
// the first creation and the last resolution.
type Set struct {
	Contacts []Contact
	Files    []*FileReport

	updated []int64
	index   map[string]*idIndex // family -> its ids' positions in Contacts
}

// FileReport accounts for every row of one file:
// Rows = Kept + Duplicates + Rejected + the Skipped rows.
type FileReport struct {
	Path        string
	Format      string
	FormatTitle string
	Encoding    string
	Delimiter   string
	Sheet       string

	Rows       int            // data rows read
	Blank      int            // empty lines ignored
	Skipped    map[string]int // rows that are not contacts, by reason
	Kept       int            // rows that became a new contact
	Contacts   int            // contacts the kept rows stand for (aggregated rows count their Count)
	Duplicates int            // rows merged into a contact seen before (in this file or an earlier one)
	Outbound   int            // kept contacts started by the business (outbound calls)

	Rejected         int
	RejectedByReason map[string]int
	FieldErrors      int // values left empty on kept rows
	Errors           []*RowError
	ErrorCount       int

	First, Last time.Time // earliest and latest created time of the file's accepted rows
	Warnings    []string
	// SwappedDates counts created dates that look swapped by a spreadsheet
	// (a warning says which and how to fix them).
	SwappedDates int
	// Map is the column map the file was read with (given or guessed) in
	// the --map syntax; "" for a built-in format.
	Map string
}

// NewSet returns an empty set.
func NewSet() *Set { return &Set{index: map[string]*idIndex{}} }

// idIndex finds a family's contacts by id. Numeric ids (most helpdesks'
// ticket numbers) are dense and mostly increasing, so they live in a slice
// indexed by id - base while the range stays within four slots per id:
// a million lookups then walk memory in order instead of missing the cache
// in a million-entry map. Other ids (and numbers far outside the range) go
// to maps.
type idIndex struct {
	base  uint64
	dense []int32 // position+1 of the contact with id base+i; 0 = none
	count int     // ids in dense
	num   map[uint64]int32
	str   map[string]int32
}

func newIDIndex(n int) *idIndex {
	return &idIndex{dense: make([]int32, 0, min(max(n, 16), 1<<22)), num: map[uint64]int32{}, str: map[string]int32{}}
}

// numericID reads an id of 1-19 digits without a leading zero (so that
// "007" and "7" stay different ids).
func numericID(id string) (uint64, bool) {
	if len(id) == 0 || len(id) > 19 || (id[0] == '0' && len(id) > 1) {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

func (x *idIndex) get(id string) (int32, bool) {
	v, ok := numericID(id)
	if !ok {
		j, found := x.str[id]
		return j, found
	}
	if v >= x.base && v-x.base < uint64(len(x.dense)) {
		if p := x.dense[v-x.base]; p != 0 {
			return p - 1, true
		}
	}
	if len(x.num) == 0 {
		return 0, false
	}
	j, found := x.num[v]
	return j, found
}

func (x *idIndex) put(id string, j int32) {
	v, ok := numericID(id)
	if !ok {
		x.str[id] = j
		return
	}
	if x.count == 0 && len(x.dense) == 0 {
		x.base = v
	}
	if v >= x.base {
		off := v - x.base
		if off >= uint64(len(x.dense)) && off < uint64(4*(x.count+1)+4096) {
			x.dense = append(x.dense, make([]int32, int(off)+1-len(x.dense))...)
		}
		if off < uint64(len(x.dense)) {
			x.dense[off] = j + 1
			x.count++
			return
		}
	}
	x.num[v] = j
}

// Add merges one file's records into the set and returns its report. It
// takes the records over: fr.Records must not be used afterwards.
func (s *Set) Add(fr *FileResult) *FileReport {
	records, updated := fr.Records, fr.updated
	fr.Records, fr.updated = nil, nil
	rep := &FileReport{
		Path: fr.Path, Format: fr.Format, FormatTitle: fr.FormatTitle,
		Encoding: fr.Info.Encoding, Sheet: fr.Info.Sheet,
		Rows: fr.Rows, Blank: fr.Blank, Skipped: fr.Skipped,
		Rejected: fr.Rejected, RejectedByReason: fr.RejectedByReason, FieldErrors: fr.FieldErrors,
		Errors: fr.Errors, ErrorCount: fr.ErrorCount, Warnings: append(fr.Warnings, fr.Info.Warnings...),
		SwappedDates: fr.SwappedDates, Map: fr.Map,
	}
	if fr.Info.Delimiter != 0 {
		rep.Delimiter = string(fr.Info.Delimiter)
	}
	if s.index == nil {
		s.index = map[string]*idIndex{}
	}
	family, mergeHandle := fr.Family, fr.MergeHandle
	if family == "" {
		family = fr.Format
	}
	if len(s.Contacts) == 0 {
		// The first file's records become the set's in place (the write
		// index never passes the read index), so a million-row file is
		// held once, not twice.
		s.Contacts, s.updated = records[:0], updated[:0]
		if len(s.index) == 0 {
			s.index[family] = newIDIndex(len(records)) // sized once: no rehashing garbage
		}
	} else {
		// Grow once: appending a million records one by one re-copies
		// them many times over.
		s.Contacts = slices.Grow(s.Contacts, len(records))
		s.updated = slices.Grow(s.updated, len(records))
	}
	for i := range records {
		c := records[i]
		upd := updated[i]
		if rep.First.IsZero() || c.Created.Before(rep.First) {
			rep.First = c.Created
		}
		if c.Created.After(rep.Last) {
			rep.Last = c.Created
		}
		if c.Family == "" {
			c.Family = family
		}
		if c.ID != "" && c.Count == 1 {
			ids := s.index[c.Family]
			if ids == nil {
				ids = newIDIndex(0)
				s.index[c.Family] = ids
			}
			if j, ok := ids.get(c.ID); ok {
				mergeInto(&s.Contacts[j], &c, s.updated[j], upd, mergeHandle)
				if upd > s.updated[j] {
					s.updated[j] = upd
				}
				rep.Duplicates++
				continue
			}
			ids.put(c.ID, int32(len(s.Contacts)))
		}
		s.Contacts = append(s.Contacts, c)
		s.updated = append(s.updated, upd)
		rep.Kept++
		rep.Contacts += c.Count
		if c.Outbound {
			rep.Outbound += c.Count
		}
	}
	s.Files = append(s.Files, rep)
	return rep
}

// mergeInto folds a later row n of the same contact into c. The first
// creation and first response and the last resolution are kept; for the
// descriptive fields the newest row wins (by last-update time when the
// export has one, else by reading order).
func mergeInto(c, n *Contact, cUpd, nUpd int64, sumHandle bool) {
	if n.Created.Before(c.Created) || (n.Created.Equal(c.Created) && c.CreatedDateOnly && !n.CreatedDateOnly) {
		c.Created, c.CreatedDateOnly = n.Created, n.CreatedDateOnly
	} else if c.CreatedDateOnly && !n.CreatedDateOnly && sameDay(c.Created, n.Created) {
		c.Created, c.CreatedDateOnly = n.Created, false
	}
	if !n.FirstResponse.IsZero() && (c.FirstResponse.IsZero() || n.FirstResponse.Before(c.FirstResponse)) {
		c.FirstResponse = n.FirstResponse
	}
	if n.Resolved.After(c.Resolved) {
		c.Resolved = n.Resolved
	}
	newer := nUpd >= cUpd
	pick := func(dst *string, v string) {
		if v != "" && (newer || *dst == "") {
			*dst = v
		}
	}
	pick(&c.Status, n.Status)
	pick(&c.Priority, n.Priority)
	pick(&c.Agent, n.Agent)
	pick(&c.Group, n.Group)
	if n.IssueType != "" && (c.IssueType == "" || (newer && n.IssueType != OtherType)) {
		c.IssueType = n.IssueType
	}
	if c.Channel == ChannelOther && n.Channel != ChannelOther {
		c.Channel = n.Channel
	}
	if n.HandleKnown {
		switch {
		case sumHandle && c.HandleKnown:
			c.HandleSeconds += n.HandleSeconds
		case !c.HandleKnown || newer:
			c.HandleSeconds = n.HandleSeconds
		}
		c.HandleKnown = true
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// Summary is the overview the import command prints.
type Summary struct {
	Contacts    int            `json:"contacts"`
	Outbound    int            `json:"outbound"`
	First       time.Time      `json:"first"`
	Last        time.Time      `json:"last"`
	ByChannel   map[string]int `json:"by_channel"`
	ByIssueType map[string]int `json:"by_issue_type"`
	ByMonth     map[string]int `json:"by_month"`
}

// UnsetType labels contacts whose export gave no issue type, in summaries.
const UnsetType = "(none)"

// Summarize counts the set's contacts by channel, issue type and month
// (months in each contact's own time zone).
func (s *Set) Summarize() Summary {
	sum := Summary{ByChannel: map[string]int{}, ByIssueType: map[string]int{}, ByMonth: map[string]int{}}
	for i := range s.Contacts {
		c := &s.Contacts[i]
		sum.Contacts += c.Count
		if c.Outbound {
			sum.Outbound += c.Count
		}
		if sum.First.IsZero() || c.Created.Before(sum.First) {
			sum.First = c.Created
		}
		if c.Created.After(sum.Last) {
			sum.Last = c.Created
		}
		sum.ByChannel[string(c.Channel)] += c.Count
		t := c.IssueType
		if t == "" {
			t = UnsetType
		}
		sum.ByIssueType[t] += c.Count
		sum.ByMonth[c.Created.Format("2006-01")] += c.Count
	}
	return sum
}

// SortedKeys returns a count map's keys, largest count first (ties by name).
func SortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// FileSpec names a file to import and, optionally, its own time zone.
type FileSpec struct {
	Path     string
	Location *time.Location
}

// ParseFileSpec reads FILE or FILE@ZONE (a zone name such as Asia/Shanghai).
// A path that exists as given is never split.
func ParseFileSpec(arg string) (FileSpec, error) {
	if _, err := os.Stat(arg); err == nil {
		return FileSpec{Path: arg}, nil
	}
	i := strings.LastIndex(arg, "@")
	if i <= 0 {
		return FileSpec{Path: arg}, nil
	}
	loc, err := time.LoadLocation(arg[i+1:])
	if err != nil {
		return FileSpec{}, fmt.Errorf("%s: %q after @ is not a time zone such as Asia/Shanghai", arg, arg[i+1:])
	}
	return FileSpec{Path: arg[:i], Location: loc}, nil
}

// ImportFiles reads every file and merges their contacts. A file that cannot
// be read as a whole (missing, unknown format) stops the import: the user
// must see it, not get a plan built on part of the history.
func ImportFiles(files []FileSpec, opts Options) (*Set, error) {
	set := NewSet()
	for _, f := range files {
		o := opts
		o.FileLocation = f.Location
		fr, err := ReadFile(f.Path, o)
		if err != nil {
			return nil, err
		}
		set.Add(fr)
	}
	return set, nil
}

// CutAfter removes the contacts created at or after end (history_end: plan
// as of a date) and returns how many contacts (by Count) it removed. It
// ends the set: files added afterwards no longer merge with the contacts
// kept. The file reports keep their counts as read.
func (s *Set) CutAfter(end time.Time) int {
	cut := 0
	kept, upd := s.Contacts[:0], s.updated[:0]
	for i, c := range s.Contacts {
		if !c.Created.Before(end) {
			cut += c.Count
			continue
		}
		kept = append(kept, c)
		if i < len(s.updated) {
			upd = append(upd, s.updated[i])
		}
	}
	s.Contacts, s.updated = kept, upd
	if cut > 0 {
		s.index = map[string]*idIndex{}
	}
	return cut
}
