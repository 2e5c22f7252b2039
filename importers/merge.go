package importers

import (
	"fmt"
	"hash/maphash"
	"iter"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/peakstaff/peakstaff/internal/civil"
)

// Set gathers the contacts of several files and counts each contact once:
// rows with the same id in the same family (a ticket repeated by Explore, an
// event log's updates, overlapping exports) merge into one contact that keeps
// the first creation and the last resolution, when their creation agrees
// (sameCreation); a row of a known id created at another time is another
// contact (two accounts numbering from 1, ids a spreadsheet rounded).
//
// The contacts are held compactly (store.go): Len, Contact and All read
// them one at a time, Collect decodes them all.
type Set struct {
	Files []*FileReport

	contacts *store
	index    map[string]*idIndex // family -> its ids' positions in contacts
	// others holds, per position in index, the later contacts of the same
	// id and family that were created at another time (kept apart, see
	// sameCreation); rare, so a map.
	others map[int32][]int32
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
func NewSet() *Set { return &Set{index: map[string]*idIndex{}, contacts: newStore()} }

// Len is the number of contacts (records after merging; an aggregated
// record stands for Count contacts).
func (s *Set) Len() int {
	if s.contacts == nil {
		return 0
	}
	return s.contacts.len()
}

// Contact returns contact i, 0 <= i < Len().
func (s *Set) Contact(i int) Contact {
	var c Contact
	s.contacts.get(i, &c)
	return c
}

// All yields every contact in order, decoded into one Contact that the
// next step overwrites: copy it to keep it. Reading ten million contacts
// this way holds one at a time.
func (s *Set) All() iter.Seq[*Contact] {
	if s.contacts == nil {
		return func(func(*Contact) bool) {}
	}
	return s.contacts.all
}

// Collect decodes every contact into a slice (small sets, tests).
func (s *Set) Collect() []Contact {
	if s.contacts == nil {
		return nil
	}
	return s.contacts.collect()
}

// Contacts yields the contacts of a slice as Set.All does, for the
// functions that read either.
func Contacts(cs []Contact) iter.Seq[*Contact] {
	return func(yield func(*Contact) bool) {
		for i := range cs {
			if !yield(&cs[i]) {
				return
			}
		}
	}
}

// idIndex finds a family's contacts by id. Numeric ids (most helpdesks'
// ticket numbers) are dense and mostly increasing, so they live in a slice
// indexed by id - base while the range stays within four slots per id:
// a million lookups then walk memory in order instead of missing the cache
// in a million-entry map. Other ids (and numbers far outside the range) go
// to maps. Other ids are found by a 64-bit hash (a map without pointers,
// which the collector does not scan) and compared with the stored id, so
// a collision costs a lookup in a small map of its own, never a wrong
// merge.
type idIndex struct {
	base     uint64
	dense    []int32 // position+1 of the contact with id base+i; 0 = none
	count    int     // ids in dense
	num      map[uint64]int32
	hashed   map[uint64]int32 // non-numeric ids by hash
	collided map[string]int32 // non-numeric ids whose hash another id holds
}

func newIDIndex(n int) *idIndex {
	return &idIndex{dense: make([]int32, 0, min(max(n, 16), 1<<22)), num: map[uint64]int32{}, hashed: map[uint64]int32{}}
}

// hashID hashes non-numeric ids (with a seed of the process's own; tests
// swap in a colliding hash).
var hashID = func() func(string) uint64 {
	seed := maphash.MakeSeed()
	return func(s string) uint64 { return maphash.String(seed, s) }
}()

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

// get finds id; idAt returns the id of the contact at a position.
func (x *idIndex) get(id string, idAt func(int32) string) (int32, bool) {
	v, ok := numericID(id)
	if !ok {
		if j, found := x.hashed[hashID(id)]; found && idAt(j) == id {
			return j, true
		}
		j, found := x.collided[id]
		return j, found
	}
	return x.getNum(v)
}

func (x *idIndex) getNum(v uint64) (int32, bool) {
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

// put adds id at position j; get must have missed it.
func (x *idIndex) put(id string, j int32) {
	v, ok := numericID(id)
	if !ok {
		h := hashID(id)
		if _, taken := x.hashed[h]; !taken {
			x.hashed[h] = j
			return
		}
		if x.collided == nil {
			x.collided = map[string]int32{}
		}
		x.collided[strings.Clone(id)] = j
		return
	}
	x.putNum(v, j)
}

func (x *idIndex) putNum(v uint64, j int32) {
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
	records := fr.records
	fr.records = nil
	if records == nil {
		records = newStore()
	}
	rep := newFileReport(fr)
	if s.index == nil {
		s.index = map[string]*idIndex{}
	}
	m := s.newMerger(records, rep, fr)
	for i := 0; i < records.len(); i++ {
		m.record(i)
	}
	if m.inPlace {
		m.dst.truncate(m.write)
	}
	if w := m.conflicts.warning(); w != "" {
		rep.Warnings = append(rep.Warnings, w)
	}
	s.Files = append(s.Files, rep)
	return rep
}

// newFileReport starts a file's report from what reading it found.
func newFileReport(fr *FileResult) *FileReport {
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
	return rep
}

// merger moves one file's records into a set, record by record: the
// file's time span, then the merge of a duplicate id into the contact
// seen before (duplicate), else the record kept as a new contact (keep).
type merger struct {
	s            *Set
	records, dst *store
	rep          *FileReport
	family       string // the file's dedupe namespace
	mergeHandle  bool   // duplicates sum their handle times
	// inPlace: the set's first file, whose store becomes the set's and is
	// merged in place (write never passes the record read)
	inPlace bool
	write   int
	idAt    func(int32) string
	x       translation
	c, into Contact
	// the file's first and last created times; packed ones are compared
	// as nanoseconds, wide ones as times (firstNs and lastNs then hold the
	// nearest nanoseconds)
	firstNs, lastNs int64
	conflicts       idConflicts
}

func (s *Set) newMerger(records *store, rep *FileReport, fr *FileResult) *merger {
	m := &merger{s: s, records: records, rep: rep, family: fr.Family, mergeHandle: fr.MergeHandle,
		firstNs: math.MaxInt64, lastNs: math.MinInt64}
	if m.family == "" {
		m.family = fr.Format
	}
	// Later files' contacts are moved over one by one.
	m.inPlace = s.Len() == 0
	if m.inPlace {
		s.contacts = records
		if len(s.index) == 0 {
			s.index[m.family] = newIDIndex(records.len()) // sized once: no rehashing garbage
		}
	}
	dst := s.contacts
	m.dst = dst
	m.idAt = func(j int32) string { return dst.id(dst.at(int(j))) } // only on a hash hit
	return m
}

// record merges record i.
func (m *merger) record(i int) {
	p := m.records.at(i)
	wide := p.flags&flagWide != 0
	if wide {
		m.records.get(i, &m.c)
	}
	// the file's time span
	switch c := &m.c; {
	case wide && !c.Created.IsZero():
		m.spanWide(c.Created)
	case !wide && p.created != noTime:
		if p.created < m.firstNs {
			m.rep.First, m.firstNs = nanosTime(p.created, m.records.locs[p.loc]), p.created
		}
		if p.created > m.lastNs {
			m.rep.Last, m.lastNs = nanosTime(p.created, m.records.locs[p.loc]), p.created
		}
	}
	count, outbound, hasID := int(p.count), p.flags&flagOutbound != 0, p.flags&flagID != 0
	fam := ""
	if wide {
		count, outbound, hasID, fam = m.c.Count, m.c.Outbound, m.c.ID != "", m.c.Family
	} else {
		fam = m.records.small.str(uint32(p.family))
	}
	if fam == "" {
		fam = m.family
	}
	if hasID && count == 1 && m.duplicate(i, p, wide, fam) {
		m.rep.Duplicates++
		return
	}
	m.keep(i, p, wide, fam)
	m.rep.Kept++
	m.rep.Contacts += count
	if outbound {
		m.rep.Outbound += count
	}
}

// spanWide widens the file's first and last created times to a wide
// record's.
func (m *merger) spanWide(created time.Time) {
	rep := m.rep
	if rep.First.IsZero() || created.Before(rep.First) {
		rep.First, m.firstNs = created, clampNanos(created)
	}
	if created.After(rep.Last) {
		rep.Last, m.lastNs = created, clampNanos(created)
	}
}

// duplicate merges record i into the contact of the same id and family
// seen before and reports true; else it notes the id at the position the
// record is about to be kept at and reports false.
func (m *merger) duplicate(i int, p *packed, wide bool, fam string) bool {
	ids := m.s.index[fam]
	if ids == nil {
		ids = newIDIndex(0)
		m.s.index[fam] = ids
	}
	var j int32
	var found bool
	num, isNum := p.id, !wide && p.flags&flagStringID == 0
	var sid string
	if isNum {
		j, found = ids.getNum(num)
	} else {
		if !wide {
			sid = string(m.records.idBytes(p.id))
		} else {
			sid = m.c.ID
		}
		j, found = ids.get(sid, m.idAt)
	}
	pos := int32(m.write)
	if !m.inPlace {
		pos = int32(m.dst.len())
	}
	if found {
		c, into, dst := &m.c, &m.into, m.dst
		m.records.get(i, c)
		k, same := m.sameContact(j, c)
		if !same {
			// the same id created at another time: another contact, kept
			m.conflicts.add(c, into)
			if m.s.others == nil {
				m.s.others = map[int32][]int32{}
			}
			m.s.others[j] = append(m.s.others[j], pos)
			return false
		}
		if c.Family == "" {
			c.Family = m.family
		}
		upd := m.records.updatedAt(i)
		mergeInto(into, c, dst.updatedAt(int(k)), upd, m.mergeHandle)
		dst.set(int(k), into)
		if upd > dst.updatedAt(int(k)) {
			dst.setUpdated(int(k), upd)
		}
		return true
	}
	if isNum {
		ids.putNum(num, pos)
	} else {
		ids.put(sid, pos)
	}
	return false
}

// sameContact finds, among the contact at position j and the contacts of
// its id kept apart from it, the one row c repeats, decoded into m.into.
// When none is, m.into holds the contact at j (for the warning).
func (m *merger) sameContact(j int32, c *Contact) (int32, bool) {
	m.dst.get(int(j), &m.into)
	// Rows of a message or call-leg export are parts of one contact:
	// their times differ by nature.
	if m.mergeHandle || sameCreation(&m.into, c) {
		return j, true
	}
	for _, k := range m.s.others[j] {
		m.dst.get(int(k), &m.into)
		if sameCreation(&m.into, c) {
			return k, true
		}
	}
	m.dst.get(int(j), &m.into)
	return j, false
}

// creationTolerance is how far apart two rows of one id may say the
// contact was created and still be the same contact: exports write the
// same instant to the second or to the minute.
const creationTolerance = time.Minute

// sameCreation reports whether two rows of one id describe the same
// contact: created within creationTolerance; when one has a date only,
// the other on that day (in either row's zone); when both have, less
// than a day apart (the same date read in two zones). A row without a
// created time agrees with any.
func sameCreation(a, b *Contact) bool {
	if a.Created.IsZero() || b.Created.IsZero() {
		return true
	}
	tolerance := creationTolerance
	switch {
	case a.CreatedDateOnly && b.CreatedDateOnly:
		tolerance = 24*time.Hour - time.Nanosecond
	case a.CreatedDateOnly:
		return onDay(a.Created, b.Created)
	case b.CreatedDateOnly:
		return onDay(b.Created, a.Created)
	}
	d := a.Created.Sub(b.Created)
	return d <= tolerance && d >= -tolerance
}

// onDay reports whether t falls on the date day, in day's zone or as t
// itself is written.
func onDay(day, t time.Time) bool {
	return sameDay(day, t.In(day.Location())) || sameDay(day, t)
}

// idConflicts counts a file's rows whose id an earlier contact has, but
// whose creation time does not fit it: they are kept as contacts of their
// own, and the file's report says so with the first example.
type idConflicts struct {
	rows          int
	id            string
	row, earlier  Source
	rowAt, seenAt time.Time
	// apart is the difference all of them share (a file read in the wrong
	// zone), or -1 once two differ
	apart time.Duration
}

func (k *idConflicts) add(row, earlier *Contact) {
	d := row.Created.Sub(earlier.Created)
	if d < 0 {
		d = -d
	}
	k.rows++
	if k.rows == 1 {
		k.id, k.row, k.earlier = row.ID, row.Source, earlier.Source
		k.rowAt, k.seenAt = row.Created, earlier.Created
		k.apart = d
	} else if k.apart != d {
		k.apart = -1
	}
}

// warning words the conflicts for the file's report; "" when there were
// none.
func (k *idConflicts) warning() string {
	if k.rows == 0 {
		return ""
	}
	rows := "1 row shares its id"
	if k.rows > 1 {
		rows = fmt.Sprintf("%d rows share their id", k.rows)
	}
	w := fmt.Sprintf("%s with an earlier contact created at another time (more than %s apart): kept as separate contacts, not merged as duplicates; e.g. id %q at %s (created %s) and at %s (created %s). "+
		"Two accounts or brands that number their tickets alike, or ids a spreadsheet rounded, look like this; the same ticket in overlapping exports merges, as its creation agrees",
		rows, civil.FormatDuration(creationTolerance), k.id, k.row, k.rowAt.Format("2006-01-02 15:04:05 MST"), k.earlier, k.seenAt.Format("2006-01-02 15:04:05 MST"))
	if k.apart > 0 && k.apart <= 14*time.Hour && k.apart%(15*time.Minute) == 0 {
		w += fmt.Sprintf("; every one is exactly %s apart: if these are the same tickets read in different time zones, give each file its zone (FILE@ZONE or --tz)", civil.FormatDuration(k.apart))
	}
	return w
}

// keep stores record i as a new contact of family fam: moved down in
// place, or appended to the set's store.
func (m *merger) keep(i int, p *packed, wide bool, fam string) {
	if !m.inPlace {
		m.dst.appendFrom(m.records, i, &m.x, m.family)
		return
	}
	dst, c := m.dst, &m.c
	w := m.write
	m.write++
	if w != i {
		*dst.at(w) = *p
	}
	switch {
	case fam != "" && !wide && p.family == 0:
		if v, ok := dst.small.id(fam, math.MaxUint8+1); ok {
			dst.at(w).family = uint8(v)
			return
		}
		m.records.get(i, c)
		c.Family = fam
		upd := dst.updatedAt(w)
		dst.set(w, c)
		dst.setUpdated(w, upd)
	case wide && c.Family == "":
		c.Family = fam
		dst.set(w, c)
	}
}

// clampNanos is t in Unix nanoseconds, or the nearest end of that range.
func clampNanos(t time.Time) int64 {
	if ns, ok := timeNanos(t); ok {
		return ns
	}
	if t.Year() < 1678 {
		return math.MinInt64 + 1
	}
	return math.MaxInt64
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
	for c := range s.All() {
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
		o.HeldContacts = set.Len() // the files share the memory budget
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
	if s.contacts == nil {
		return 0
	}
	cut := 0
	// A date-only contact is a calendar day, not the instant of its
	// midnight: it is cut when its day is on or after end's.
	endDay := civil.DateOf(end)
	var c Contact
	s.contacts.keep(func(i int) bool {
		s.contacts.get(i, &c)
		if c.CreatedDateOnly && !civil.DateOf(c.Created).Before(endDay) || !c.CreatedDateOnly && !c.Created.Before(end) {
			cut += c.Count
			return false
		}
		return true
	})
	if cut > 0 {
		s.index, s.others = map[string]*idIndex{}, nil
	}
	return cut
}
