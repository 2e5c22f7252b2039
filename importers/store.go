package importers

import (
	"encoding/binary"
	"math"
	"time"
)

// store holds contacts in a compact layout without pointers: 80 bytes a
// contact, in chunks that are never copied as they grow, strings interned
// in tables, ids as numbers or in a byte arena, times as Unix nanoseconds.
// The garbage collector has nothing to scan in it, so a ten-million-row
// import does not make every collection walk ten million records (a
// Contact holds nine strings and three times with zones: 250 bytes and
// twelve pointers). A contact the layout cannot hold exactly (a time
// outside 1678-2261, a count above 4 billion, a 257th channel name...)
// is kept whole on the side, so decoding always gives back the very
// Contact that was stored.
type store struct {
	chunks [][]packed
	n      int

	big   strTable // file, issue type, agent, group
	mid   strTable // status, priority
	small strTable // channel, family
	locs  []*time.Location
	ids   [][]byte // arena of non-numeric ids, each prefixed by its length
	wide  []Contact

	// the last string of each field, for idCached
	lastFile, lastIssue, lastAgent, lastGroup, lastStatus, lastPriority, lastChannel, lastFamily lastString
}

// packed is one contact in a store.
type packed struct {
	id       uint64 // the numeric id, an arena reference, or an index in wide
	created  int64  // Unix nanoseconds; noTime when zero
	first    int64
	resolved int64
	updated  int64 // last-update time (Unix seconds), 0 when unknown
	handle   float64
	count    uint32
	line     uint32
	file     uint32
	issue    uint32
	agent    uint32
	group    uint32
	status   uint16
	priority uint16
	channel  uint8
	family   uint8
	loc      uint8 // the zone of all three times
	flags    uint8
}

const (
	flagID       uint8 = 1 << iota // the contact has an id
	flagStringID                   // ... kept in the arena, not as a number
	flagDateOnly
	flagHandle
	flagOutbound
	flagWide // the contact is wide[id]
)

const (
	chunkBits = 15 // 32,768 contacts (2.6 MB) a chunk
	chunkSize = 1 << chunkBits
	arenaSize = 1 << 20
	noTime    = math.MinInt64
)

// strTable interns strings; index 0 is "".
type strTable struct {
	index map[string]uint32
	list  []string
}

// lastString remembers one field's last string and its index: a column
// often repeats its value from row to row (one file name, one status),
// and comparing with the last one costs less than a map lookup.
type lastString struct {
	s string
	i uint32
}

// idCached is id with f's last string tried first.
func (t *strTable) idCached(f *lastString, s string, limit int) (uint32, bool) {
	if s == f.s {
		return f.i, true
	}
	i, ok := t.id(s, limit)
	if ok {
		f.s, f.i = t.list[i], i // the table's copy: s may be a slice of the parser's line
	}
	return i, ok
}

func (t *strTable) id(s string, limit int) (uint32, bool) {
	if s == "" {
		return 0, true
	}
	if i, ok := t.index[s]; ok {
		return i, true
	}
	if len(t.list) == 0 {
		t.list = append(t.list, "")
		t.index = map[string]uint32{}
	}
	if len(t.list) >= limit {
		return 0, false
	}
	s = string([]byte(s)) // a copy: s is often a slice of the parser's line
	t.index[s] = uint32(len(t.list))
	t.list = append(t.list, s)
	return uint32(len(t.list) - 1), true
}

func (t *strTable) str(i uint32) string {
	if i == 0 {
		return ""
	}
	return t.list[i]
}

func newStore() *store { return &store{} }

func (s *store) len() int { return s.n }

func (s *store) at(i int) *packed { return &s.chunks[i>>chunkBits][i&(chunkSize-1)] }

// add appends c.
func (s *store) add(c *Contact) {
	if s.n>>chunkBits == len(s.chunks) {
		s.chunks = append(s.chunks, make([]packed, chunkSize))
	}
	s.n++
	*s.at(s.n - 1) = packed{} // a slot past a truncation may hold an old contact
	s.set(s.n-1, c)
}

// set stores c as contact i.
func (s *store) set(i int, c *Contact) {
	p := s.at(i)
	if !s.pack(p, c) {
		// a wide contact that is packed again keeps its slot in wide
		if p.flags&flagWide == 0 {
			p.id = uint64(len(s.wide))
			s.wide = append(s.wide, Contact{})
		}
		p.flags = flagWide
		s.wide[p.id] = *c
	}
}

// The instants a packed time holds: 1678-01-01 to 2261-12-31 UTC, well
// inside what Unix nanoseconds can count.
const (
	minPackedSeconds = -9214560000 // 1678-01-01T00:00:00Z
	maxPackedSeconds = 9214646399  // 2261-12-31T23:59:59Z
)

// timeNanos is t in Unix nanoseconds when that is exact.
func timeNanos(t time.Time) (int64, bool) {
	if t.IsZero() {
		return noTime, true
	}
	sec := t.Unix()
	if sec < minPackedSeconds || sec > maxPackedSeconds {
		return 0, false
	}
	return sec*1e9 + int64(t.Nanosecond()), true
}

// pack encodes c into p, keeping p's last-update time; false (p
// unchanged) when c does not fit the layout.
func (s *store) pack(p *packed, c *Contact) bool {
	var ok bool
	var flags uint8
	q := packed{handle: c.HandleSeconds}
	if q.created, ok = timeNanos(c.Created); !ok {
		return false
	}
	if q.first, ok = timeNanos(c.FirstResponse); !ok {
		return false
	}
	if q.resolved, ok = timeNanos(c.Resolved); !ok {
		return false
	}
	// the three times share one zone (they come from one file)
	var loc *time.Location
	for _, t := range [...]time.Time{c.Created, c.FirstResponse, c.Resolved} {
		if t.IsZero() {
			continue
		}
		if loc == nil {
			loc = t.Location()
		} else if t.Location() != loc {
			return false
		}
	}
	if loc != nil {
		if q.loc, ok = s.locIndex(loc); !ok {
			return false
		}
	}
	if c.Count < 0 || c.Count > math.MaxUint32 || c.Source.Line < 0 || c.Source.Line > math.MaxUint32 {
		return false
	}
	q.count, q.line = uint32(c.Count), uint32(c.Source.Line)
	var i32 uint32
	if q.file, ok = s.big.idCached(&s.lastFile, c.Source.File, math.MaxUint32); !ok {
		return false
	}
	if q.issue, ok = s.big.idCached(&s.lastIssue, c.IssueType, math.MaxUint32); !ok {
		return false
	}
	if q.agent, ok = s.big.idCached(&s.lastAgent, c.Agent, math.MaxUint32); !ok {
		return false
	}
	if q.group, ok = s.big.idCached(&s.lastGroup, c.Group, math.MaxUint32); !ok {
		return false
	}
	if i32, ok = s.mid.idCached(&s.lastStatus, c.Status, math.MaxUint16+1); !ok {
		return false
	}
	q.status = uint16(i32)
	if i32, ok = s.mid.idCached(&s.lastPriority, c.Priority, math.MaxUint16+1); !ok {
		return false
	}
	q.priority = uint16(i32)
	if i32, ok = s.small.idCached(&s.lastChannel, string(c.Channel), math.MaxUint8+1); !ok {
		return false
	}
	q.channel = uint8(i32)
	if i32, ok = s.small.idCached(&s.lastFamily, c.Family, math.MaxUint8+1); !ok {
		return false
	}
	q.family = uint8(i32)
	if c.ID != "" {
		flags |= flagID
		if v, num := numericID(c.ID); num {
			q.id = v
		} else {
			flags |= flagStringID
			q.id = s.putID(c.ID)
		}
	}
	if c.CreatedDateOnly {
		flags |= flagDateOnly
	}
	if c.HandleKnown {
		flags |= flagHandle
	}
	if c.Outbound {
		flags |= flagOutbound
	}
	q.flags = flags
	q.updated = p.updated // the engine and the merge set it apart
	*p = q
	return true
}

func (s *store) locIndex(loc *time.Location) (uint8, bool) {
	for i, l := range s.locs {
		if l == loc {
			return uint8(i), true
		}
	}
	if len(s.locs) > math.MaxUint8 {
		return 0, false
	}
	s.locs = append(s.locs, loc)
	return uint8(len(s.locs) - 1), true
}

// putID copies a non-numeric id into the arena and returns its reference
// (chunk << 32 | offset).
func (s *store) putID(id string) uint64 {
	need := binary.MaxVarintLen64 + len(id)
	if len(s.ids) == 0 || cap(s.ids[len(s.ids)-1])-len(s.ids[len(s.ids)-1]) < need {
		s.ids = append(s.ids, make([]byte, 0, max(arenaSize, need)))
	}
	k := len(s.ids) - 1
	b := s.ids[k]
	ref := uint64(k)<<32 | uint64(len(b))
	b = binary.AppendUvarint(b, uint64(len(id)))
	s.ids[k] = append(b, id...)
	return ref
}

// idBytes returns the bytes of an arena id.
func (s *store) idBytes(ref uint64) []byte {
	b := s.ids[ref>>32][uint32(ref):]
	n, w := binary.Uvarint(b)
	return b[w : w+int(n)]
}

// get decodes contact i into c.
func (s *store) get(i int, c *Contact) {
	p := s.at(i)
	if p.flags&flagWide != 0 {
		*c = s.wide[p.id]
		return
	}
	var loc *time.Location
	if len(s.locs) > 0 {
		loc = s.locs[p.loc]
	}
	*c = Contact{
		Source:          Source{File: s.big.str(p.file), Line: int(p.line)},
		Created:         nanosTime(p.created, loc),
		FirstResponse:   nanosTime(p.first, loc),
		Resolved:        nanosTime(p.resolved, loc),
		Channel:         Channel(s.small.str(uint32(p.channel))),
		IssueType:       s.big.str(p.issue),
		Status:          s.mid.str(uint32(p.status)),
		Priority:        s.mid.str(uint32(p.priority)),
		Agent:           s.big.str(p.agent),
		Group:           s.big.str(p.group),
		HandleSeconds:   p.handle,
		Count:           int(p.count),
		Family:          s.small.str(uint32(p.family)),
		CreatedDateOnly: p.flags&flagDateOnly != 0,
		HandleKnown:     p.flags&flagHandle != 0,
		Outbound:        p.flags&flagOutbound != 0,
	}
	c.ID = s.id(p)
}

// id returns a packed contact's id.
func (s *store) id(p *packed) string {
	switch {
	case p.flags&flagWide != 0:
		return s.wide[p.id].ID
	case p.flags&flagID == 0:
		return ""
	case p.flags&flagStringID != 0:
		return string(s.idBytes(p.id))
	}
	return formatUint(p.id)
}

func formatUint(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return string(b[i:])
}

func nanosTime(ns int64, loc *time.Location) time.Time {
	if ns == noTime {
		return time.Time{}
	}
	return time.Unix(0, ns).In(loc)
}

// updatedAt and setUpdated read and write a contact's last-update time.
func (s *store) updatedAt(i int) int64 { return s.at(i).updated }

func (s *store) setUpdated(i int, u int64) { s.at(i).updated = u }

// keep removes the contacts for which keep(i) is false, in place.
func (s *store) keep(keep func(i int) bool) {
	w := 0
	for i := 0; i < s.n; i++ {
		if keep(i) {
			if w != i {
				*s.at(w) = *s.at(i)
			}
			w++
		}
	}
	s.truncate(w)
}

// truncate keeps the first n contacts and frees the chunks past them.
func (s *store) truncate(n int) {
	s.n = n
	used := (n + chunkSize - 1) >> chunkBits
	clear(s.chunks[used:])
	s.chunks = s.chunks[:used]
}

// all decodes every contact in turn into one Contact, which the caller
// must copy to keep.
func (s *store) all(yield func(*Contact) bool) {
	var c Contact
	for i := 0; i < s.n; i++ {
		s.get(i, &c)
		if !yield(&c) {
			return
		}
	}
}

// collect decodes every contact.
func (s *store) collect() []Contact {
	out := make([]Contact, s.n)
	for i := range out {
		s.get(i, &out[i])
	}
	return out
}

// translation maps one store's table indices to another's, built as
// contacts move from a file's store into a set's.
type translation struct {
	big, mid, small []uint32
	locs            []int
}

const untranslated = math.MaxUint32

func (x *translation) index(xs *[]uint32, i uint32, from, to *strTable, limit int) (uint32, bool) {
	if i == 0 {
		return 0, true
	}
	for len(*xs) <= int(i) {
		*xs = append(*xs, untranslated)
	}
	if v := (*xs)[i]; v != untranslated {
		return v, true
	}
	v, ok := to.id(from.list[i], limit)
	if ok {
		(*xs)[i] = v
	}
	return v, ok
}

// appendFrom appends contact i of src, with its last-update time and the
// family given when it has none, translating its tables into s's.
func (s *store) appendFrom(src *store, i int, x *translation, family string) {
	p := src.at(i)
	if p.flags&flagWide != 0 {
		s.appendDecoded(src, i, family)
		return
	}
	q := *p
	ok := true
	var v uint32
	for _, f := range [...]*uint32{&q.file, &q.issue, &q.agent, &q.group} {
		if v, ok = x.index(&x.big, *f, &src.big, &s.big, math.MaxUint32); !ok {
			break
		}
		*f = v
	}
	if ok {
		if v, ok = x.index(&x.mid, uint32(q.status), &src.mid, &s.mid, math.MaxUint16+1); ok {
			q.status = uint16(v)
			v, ok = x.index(&x.mid, uint32(q.priority), &src.mid, &s.mid, math.MaxUint16+1)
			q.priority = uint16(v)
		}
	}
	if ok {
		if q.family == 0 && family != "" {
			v, ok = s.small.id(family, math.MaxUint8+1)
		} else {
			v, ok = x.index(&x.small, uint32(q.family), &src.small, &s.small, math.MaxUint8+1)
		}
		q.family = uint8(v)
	}
	if ok {
		v, ok = x.index(&x.small, uint32(q.channel), &src.small, &s.small, math.MaxUint8+1)
		q.channel = uint8(v)
	}
	if ok && len(src.locs) > 0 {
		for len(x.locs) <= int(q.loc) {
			x.locs = append(x.locs, -1)
		}
		if x.locs[q.loc] < 0 {
			l, found := s.locIndex(src.locs[q.loc])
			if found {
				x.locs[q.loc] = int(l)
			}
			ok = found
		}
		if ok {
			q.loc = uint8(x.locs[q.loc])
		}
	}
	if ok && q.flags&flagStringID != 0 {
		q.id = s.putID(string(src.idBytes(p.id)))
	}
	if !ok {
		s.appendDecoded(src, i, family)
		return
	}
	if s.n>>chunkBits == len(s.chunks) {
		s.chunks = append(s.chunks, make([]packed, chunkSize))
	}
	*s.at(s.n) = q
	s.n++
}

func (s *store) appendDecoded(src *store, i int, family string) {
	var c Contact
	src.get(i, &c)
	if c.Family == "" {
		c.Family = family
	}
	s.add(&c)
	s.setUpdated(s.n-1, src.updatedAt(i))
}
