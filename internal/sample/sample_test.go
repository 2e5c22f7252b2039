package sample_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/peakstaff/peakstaff/internal/sample"
)

// The tests read the files back as an importer would (encoding/csv, the
// vendor's header and value formats) and measure what the story promises.
// Statistical tolerances are stated at each check; they are several
// standard errors wide for the counts involved, so a seed change does not
// break them but a wrong model does.

// render writes every file of opts into memory.
func render(t testing.TB, opts sample.Options) map[string][]byte {
	t.Helper()
	files, err := sample.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = b.Bytes()
	}
	return out
}

var (
	fullOnce  sync.Once
	fullFiles map[string][]byte
)

// full is the default sample (seed 1, scale 1), generated once per test
// binary; under -short a quarter-scale sample stands in. SAMPLE_SEED=N runs
// the statistical checks on another seed (they must hold for any).
func full(t *testing.T) map[string][]byte {
	t.Helper()
	fullOnce.Do(func() {
		opts := sample.DefaultOptions()
		if s := os.Getenv("SAMPLE_SEED"); s != "" {
			seed, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				t.Fatalf("SAMPLE_SEED: %v", err)
			}
			opts.Seed = seed
		}
		if testing.Short() {
			opts.Scale = 0.25
		}
		fullFiles = render(t, opts)
	})
	if fullFiles == nil {
		t.Fatal("sample generation failed")
	}
	return fullFiles
}

func small() sample.Options {
	o := sample.DefaultOptions()
	o.Scale = 0.03
	return o
}

// table is a parsed CSV: header and rows, with a column lookup.
type table struct {
	header []string
	rows   [][]string
	col    map[string]int
}

func parse(t *testing.T, data []byte) *table {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tb := &table{header: all[0], rows: all[1:], col: map[string]int{}}
	for i, h := range tb.header {
		tb.col[h] = i
	}
	return tb
}

func (tb *table) get(row []string, name string) string { return row[tb.col[name]] }

func gbkTable(t *testing.T, data []byte) *table {
	t.Helper()
	utf, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, utf)
}

const wallLayout = "2006-01-02 15:04:05"

func wall(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(wallLayout, s)
	if err != nil {
		t.Fatalf("bad timestamp %q: %v", s, err)
	}
	return v
}

func dayOf(v time.Time) time.Time { return v.Truncate(24 * time.Hour) }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func inDays(v, from, to time.Time) bool { return !v.Before(from) && v.Before(to) }

// Default file names.
const (
	freshdeskFile = "freshdesk_tickets_2024.csv"
	zendeskH1File = "zendesk_tickets_2025H1.csv"
	zendeskH2File = "zendesk_tickets_2025H2.csv"
	aircallFile   = "aircall_calls.csv"
	qianniuFile   = "qianniu_chats_2024-2025.csv"
	ordersFile    = "orders_daily.csv"
)

func TestFileNamesAndRows(t *testing.T) {
	files, err := sample.Files(small())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{freshdeskFile, zendeskH1File, zendeskH2File, aircallFile, qianniuFile, ordersFile, "types.yaml", "README.md"}
	if len(files) != len(want) {
		t.Fatalf("%d files, want %d", len(files), len(want))
	}
	for i, f := range files {
		if f.Name != want[i] {
			t.Errorf("file %d is %s, want %s", i, f.Name, want[i])
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(f.Name, ".csv") {
			continue
		}
		var tb *table
		if f.Name == qianniuFile {
			tb = gbkTable(t, b.Bytes())
		} else {
			tb = parse(t, b.Bytes())
		}
		if len(tb.rows) != f.Rows {
			t.Errorf("%s: File.Rows = %d, the file has %d records", f.Name, f.Rows, len(tb.rows))
		}
	}
}

// TestDeterministic: the same seed gives byte-identical files (also when a
// File is written twice); another seed changes every data file.
func TestDeterministic(t *testing.T) {
	hashes := func(m map[string][]byte) map[string][32]byte {
		h := map[string][32]byte{}
		for k, v := range m {
			h[k] = sha256.Sum256(v)
		}
		return h
	}
	a, b := hashes(render(t, small())), hashes(render(t, small()))
	for name := range a {
		if a[name] != b[name] {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	other := small()
	other.Seed = 2
	c := hashes(render(t, other))
	for name := range a {
		if strings.HasSuffix(name, ".csv") && a[name] == c[name] {
			t.Errorf("%s is the same for seeds 1 and 2", name)
		}
	}
	files, _ := sample.Files(small())
	var first, second bytes.Buffer
	files[0].Write(&first)
	files[0].Write(&second)
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("writing a File twice gives different bytes")
	}
}

func TestHeaders(t *testing.T) {
	m := render(t, small())
	tests := []struct {
		file, header string
		bom, crlf    bool
	}{
		{freshdeskFile, "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product,Full name,Email,Contact ID,Company Name", false, false},
		{zendeskH1File, "Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes,First resolution time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours,Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,Requester wait time in minutes within business hours,On hold time in minutes,On hold time in minutes within business hours,Contact reason [list],Order number [txt],Total time spent (sec) [int],Time spent last update (sec) [int]", false, true},
		{aircallFile, "Call ID (UUID),Call direction,Call type,Answered,Unanswered Call Reason,Started at,Answered at,Ended at,Duration (total),Duration (in call),User,Team,Line,Tags", true, false},
		{ordersFile, "date,orders,web_orders,tmall_orders", false, false},
	}
	for _, tc := range tests {
		data := m[tc.file]
		if got := bytes.HasPrefix(data, []byte("\ufeff")); got != tc.bom {
			t.Errorf("%s: BOM %v, want %v", tc.file, got, tc.bom)
		}
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
		eol := "\n"
		if tc.crlf {
			eol = "\r\n"
		}
		if !bytes.HasPrefix(data, []byte(tc.header+eol)) {
			t.Errorf("%s: header is %q", tc.file, data[:min(len(data), len(tc.header)+2)])
		}
	}
}

// TestQianniuGBK: the file is GBK (not valid UTF-8), CRLF, decodes to the
// exact header, and ends with the 汇总值 and 平均值 summary rows whose figures
// agree with the rows.
func TestQianniuGBK(t *testing.T) {
	data := render(t, small())[qianniuFile]
	if utf8.Valid(data) {
		t.Fatal("the Qianniu file is valid UTF-8; it must be GBK")
	}
	utf, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	const header = "会话ID,客服,买家,咨询时间,首次响应时间,结束时间,接待时长(秒),咨询类型,是否转化,满意度\r\n"
	if !bytes.HasPrefix(utf, []byte(header)) {
		t.Fatalf("decoded header %q", utf[:60])
	}
	if bytes.Count(utf, []byte("\n")) != bytes.Count(utf, []byte("\r\n")) {
		t.Error("line ends are not all CRLF")
	}
	tb := parse(t, utf)
	n := len(tb.rows)
	total, avg := tb.rows[n-2], tb.rows[n-1]
	if total[0] != "汇总值" || avg[0] != "平均值" {
		t.Fatalf("last rows start %q and %q", total[0], avg[0])
	}
	for _, r := range [][]string{total, avg} {
		for i, v := range r {
			if i != 0 && i != 6 && i != 8 && v != "-" {
				t.Errorf("summary row %s: column %d is %q, want -", r[0], i, v)
			}
		}
	}
	var sum, yes int
	types := map[string]int{}
	for _, r := range tb.rows[:n-2] {
		h, err := strconv.Atoi(tb.get(r, "接待时长(秒)"))
		if err != nil {
			t.Fatal(err)
		}
		sum += h
		if tb.get(r, "是否转化") == "是" {
			yes++
		}
		types[tb.get(r, "咨询类型")]++
	}
	if total[6] != strconv.Itoa(sum) || total[8] != strconv.Itoa(yes) {
		t.Errorf("汇总值 row %v; rows sum to %d seconds and %d conversions", total, sum, yes)
	}
	for _, want := range []string{"物流查询", "订单状态", "退换货", "商品咨询", "优惠券", "付款问题", "账户问题"} {
		if types[want] == 0 {
			t.Errorf("no chat of type %s", want)
		}
	}
}

// TestZendeskOverlap: the two Zendesk exports share exactly the tickets
// created June 15-30, with the same ids, creation times and subjects, and
// some of them have moved on to a later status in H2.
func TestZendeskOverlap(t *testing.T) {
	m := render(t, small())
	h1, h2 := parse(t, m[zendeskH1File]), parse(t, m[zendeskH2File])
	from, july := date(2025, time.June, 15), date(2025, time.July, 1)
	byID := func(tb *table) map[string][]string {
		out := map[string][]string{}
		for _, r := range tb.rows {
			out[tb.get(r, "Id")] = r
		}
		return out
	}
	ids1, ids2 := byID(h1), byID(h2)
	shared, changed := 0, 0
	rank := map[string]int{"new": 0, "open": 1, "pending": 1, "hold": 1, "solved": 2, "closed": 3}
	for id, r1 := range ids1 {
		created := wall(t, h1.get(r1, "Created at"))
		if !created.Before(july) {
			t.Fatalf("H1 holds ticket %s created %s", id, created)
		}
		r2, ok := ids2[id]
		if ok != !created.Before(from) {
			t.Fatalf("ticket %s created %s: in H2 = %v", id, created, ok)
		}
		if !ok {
			continue
		}
		shared++
		for _, col := range []string{"Created at", "Subject", "Requester", "Via", "Contact reason [list]", "Total time spent (sec) [int]"} {
			if h1.get(r1, col) != h2.get(r2, col) {
				t.Errorf("ticket %s: %s %q in H1, %q in H2", id, col, h1.get(r1, col), h2.get(r2, col))
			}
		}
		s1, s2 := h1.get(r1, "Status"), h2.get(r2, "Status")
		if rank[s2] < rank[s1] {
			t.Errorf("ticket %s went back from %s to %s", id, s1, s2)
		}
		if s1 != s2 {
			changed++
		}
	}
	for id, r2 := range ids2 {
		if wall(t, h2.get(r2, "Created at")).Before(from) {
			t.Fatalf("H2 holds ticket %s created before June 15", id)
		}
	}
	if shared == 0 || changed == 0 {
		t.Errorf("%d shared tickets, %d with a later status in H2; want both > 0", shared, changed)
	}
}

// TestFreshdeskQuirks: formula-looking text, multi-line descriptions,
// comma-separated tags in one cell, open tickets at the export only from
// the last days of December, durations in the documented formats.
func TestFreshdeskQuirks(t *testing.T) {
	tb := parse(t, full(t)[freshdeskFile])
	var formula, multiline, multiTag, open int
	for _, r := range tb.rows {
		subj, name := tb.get(r, "Subject"), tb.get(r, "Full name")
		if strings.HasPrefix(subj, "=") || strings.HasPrefix(subj, "+") || strings.HasPrefix(name, "=") || strings.HasPrefix(name, "+") {
			formula++
		}
		if strings.Contains(tb.get(r, "Description"), "\n") {
			multiline++
		}
		if strings.Contains(tb.get(r, "Tags"), ",") {
			multiTag++
		}
		switch tb.get(r, "Status") {
		case "Open", "Pending":
			open++
			if created := wall(t, tb.get(r, "Created time")); created.Before(date(2024, time.December, 15)) {
				t.Errorf("ticket %s created %s is still open at the export", tb.get(r, "Ticket ID"), created)
			}
			if tb.get(r, "Resolved time") != "" {
				t.Errorf("open ticket %s has a resolved time", tb.get(r, "Ticket ID"))
			}
		case "Resolved", "Closed":
			if tb.get(r, "Resolved time") == "" {
				t.Errorf("solved ticket %s has no resolved time", tb.get(r, "Ticket ID"))
			}
		default:
			t.Errorf("status %q", tb.get(r, "Status"))
		}
		if v := tb.get(r, "Time tracked"); v != "" && !isClock(v, 2) {
			t.Errorf("Time tracked %q is not HH:MM", v)
		}
		if v := tb.get(r, "First response time (in hrs)"); v != "" && !isClock(v, 3) {
			t.Errorf("First response time %q is not HH:MM:SS", v)
		}
		if tb.get(r, "Source") == "Phone" {
			t.Error("phone tickets belong to the Aircall file")
		}
	}
	if formula == 0 || multiline == 0 || multiTag == 0 || open == 0 {
		t.Errorf("formula-looking %d, multi-line %d, multi-tag %d, open %d: want all > 0", formula, multiline, multiTag, open)
	}
}

func isClock(s string, parts int) bool {
	p := strings.Split(s, ":")
	if len(p) != parts {
		return false
	}
	for _, x := range p {
		if _, err := strconv.Atoi(x); err != nil || len(x) < 2 {
			return false
		}
	}
	return true
}

// TestAircallQuirks: answered calls and only they have a talk time; Sunday
// calls are all out of business hours; callbacks are outbound.
func TestAircallQuirks(t *testing.T) {
	tb := parse(t, full(t)[aircallFile])
	reasons := map[string]bool{"": true, "short_abandoned": true, "no_available_agent": true, "out_of_opening_hours": true, "agents_did_not_answer": true}
	var outbound, sunday int
	for _, r := range tb.rows {
		answered := tb.get(r, "Answered") == "Yes"
		if (tb.get(r, "Duration (in call)") != "") != answered || (tb.get(r, "Answered at") != "") != answered {
			t.Fatalf("call %s: answered %v but in-call %q", tb.get(r, "Call ID (UUID)"), answered, tb.get(r, "Duration (in call)"))
		}
		if !reasons[tb.get(r, "Unanswered Call Reason")] {
			t.Fatalf("unknown reason %q", tb.get(r, "Unanswered Call Reason"))
		}
		started, ended := wall(t, tb.get(r, "Started at")), wall(t, tb.get(r, "Ended at"))
		total, err := strconv.Atoi(tb.get(r, "Duration (total)"))
		if err != nil || total < 0 || math.Abs(ended.Sub(started).Seconds()-float64(total)) > 3600 {
			t.Fatalf("call %s: total %q for %s..%s", tb.get(r, "Call ID (UUID)"), tb.get(r, "Duration (total)"), started, ended)
		}
		if tb.get(r, "Call direction") == "Outbound" {
			outbound++
			continue
		}
		if started.Weekday() == time.Sunday {
			sunday++
			if tb.get(r, "Call type") != "Out of business hours" {
				t.Errorf("a Sunday call is %q", tb.get(r, "Call type"))
			}
		}
	}
	if share := float64(outbound) / float64(len(tb.rows)); share < 0.005 || share > 0.15 {
		t.Errorf("outbound callbacks are %.1f%% of calls", 100*share)
	}
	if sunday == 0 {
		t.Error("no call on a Sunday")
	}
}

// contact is what the statistics below need from any file.
type contact struct {
	created time.Time
	kind    string // email, chat, messaging, social, phone, tmall
	typ     string // canonical type or ""
	handle  float64
}

// webTickets reads Freshdesk 2024 and the merged Zendesk 2025 exports.
func webTickets(t *testing.T, m map[string][]byte) []contact {
	var out []contact
	fd := parse(t, m[freshdeskFile])
	fdKind := map[string]string{"Email": "email", "Portal": "email", "Feedback Widget": "email", "Chat": "chat", "Facebook": "social", "Twitter": "social"}
	fdType := map[string]string{"Order status": "order_status", "Shipping & delivery": "shipping_delivery", "Returns & refunds": "returns_refunds",
		"Payment": "payment", "Product question": "product_question", "Gift card": "gift_card", "Account": "account", "Discount code": "discount_code"}
	for _, r := range fd.rows {
		c := contact{created: wall(t, fd.get(r, "Created time")), kind: fdKind[fd.get(r, "Source")], typ: fdType[fd.get(r, "Type")], handle: math.NaN()}
		if v := fd.get(r, "Time tracked"); v != "" {
			hm := strings.Split(v, ":")
			h, _ := strconv.Atoi(hm[0])
			mi, _ := strconv.Atoi(hm[1])
			c.handle = float64(h*3600 + mi*60)
		}
		out = append(out, c)
	}
	zKind := map[string]string{"Mail": "email", "Web form": "email", "Chat": "chat", "Native Messaging": "messaging", "WhatsApp": "messaging",
		"Facebook": "social", "Twitter": "social", "Instagram DM": "social"}
	zType := map[string]string{"Order status": "order_status", "Shipping": "shipping_delivery", "Returns": "returns_refunds",
		"Payment": "payment", "Product question": "product_question", "Gift card": "gift_card", "Account": "account", "Discount code": "discount_code"}
	seen := map[string]bool{}
	for _, name := range []string{zendeskH2File, zendeskH1File} {
		z := parse(t, m[name])
		for _, r := range z.rows {
			if seen[z.get(r, "Id")] {
				continue
			}
			seen[z.get(r, "Id")] = true
			reason, _, _ := strings.Cut(z.get(r, "Contact reason [list]"), "::")
			c := contact{created: wall(t, z.get(r, "Created at")), kind: zKind[z.get(r, "Via")], typ: zType[reason], handle: math.NaN()}
			if v := z.get(r, "Total time spent (sec) [int]"); v != "" {
				c.handle, _ = strconv.ParseFloat(v, 64)
			}
			out = append(out, c)
		}
	}
	return out
}

func inboundCalls(t *testing.T, m map[string][]byte) []contact {
	tb := parse(t, m[aircallFile])
	tags := map[string]string{"order-status": "order_status", "shipping": "shipping_delivery", "returns": "returns_refunds", "payment": "payment",
		"product-question": "product_question", "gift-card": "gift_card", "account": "account", "discount-code": "discount_code"}
	var out []contact
	for _, r := range tb.rows {
		if tb.get(r, "Call direction") != "Inbound" {
			continue
		}
		c := contact{created: wall(t, tb.get(r, "Started at")), kind: "phone", typ: tags[tb.get(r, "Tags")], handle: math.NaN()}
		if v := tb.get(r, "Duration (in call)"); v != "" {
			c.handle, _ = strconv.ParseFloat(v, 64)
		}
		out = append(out, c)
	}
	return out
}

func tmallChats(t *testing.T, m map[string][]byte) []contact {
	tb := gbkTable(t, m[qianniuFile])
	var out []contact
	for _, r := range tb.rows[:len(tb.rows)-2] {
		out = append(out, contact{created: wall(t, tb.get(r, "咨询时间")), kind: "tmall", typ: tb.get(r, "咨询类型")})
	}
	return out
}

// perDay counts contacts of the given kinds per day.
func perDay(cs []contact, kinds ...string) map[time.Time]float64 {
	out := map[time.Time]float64{}
	for _, c := range cs {
		for _, k := range kinds {
			if c.kind == k {
				out[dayOf(c.created)]++
			}
		}
	}
	return out
}

func sumDays(counts map[time.Time]float64, from, to time.Time) float64 {
	var s float64
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		s += counts[d]
	}
	return s
}

// TestVolumes: about 150k-200k contacts in 24 months, and the contact ratio
// of the story (0.08 web contacts per web order, 0.05 Tmall chats per Tmall
// order; tolerance 12%: holidays, elasticities and noise move the yearly ratio).
func TestVolumes(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the full-scale sample")
	}
	m := full(t)
	web := append(webTickets(t, m), inboundCalls(t, m)...)
	tmall := tmallChats(t, m)
	if n := len(web) + len(tmall); n < 150000 || n > 200000 {
		t.Errorf("%d contacts, want 150k-200k", n)
	}
	orders := parse(t, m[ordersFile])
	if len(orders.rows) != 731 {
		t.Fatalf("%d order days, want 731", len(orders.rows))
	}
	var webOrders, tmallOrders float64
	for _, r := range orders.rows {
		w, _ := strconv.Atoi(orders.get(r, "web_orders"))
		tm, _ := strconv.Atoi(orders.get(r, "tmall_orders"))
		all, _ := strconv.Atoi(orders.get(r, "orders"))
		if all != w+tm {
			t.Fatalf("%s: orders %d != %d + %d", r[0], all, w, tm)
		}
		webOrders += float64(w)
		tmallOrders += float64(tm)
	}
	// Event multipliers on orders against the same weekday in October 1-21:
	// Black Friday 4x, Cyber Monday 3x, Double 11 15x, times the month's
	// season (November 1.05, December 1.0 vs October 1.0); tolerance 20%
	// (one day's shock has log-sd 0.04: the ratio's sd is about 4.6%).
	ordersOn := map[time.Time][2]float64{}
	for _, r := range orders.rows {
		w, _ := strconv.ParseFloat(orders.get(r, "web_orders"), 64)
		tm, _ := strconv.ParseFloat(orders.get(r, "tmall_orders"), 64)
		ordersOn[wall(t, orders.get(r, "date")+" 00:00:00")] = [2]float64{w, tm}
	}
	octoberSameWeekday := func(d time.Time, store int) float64 {
		var sum, n float64
		for o := date(d.Year(), time.October, 1); o.Day() <= 21; o = o.AddDate(0, 0, 1) {
			if o.Weekday() == d.Weekday() {
				sum += ordersOn[o][store]
				n++
			}
		}
		return sum / n
	}
	for _, y := range []int{2024, 2025} {
		bf := date(y, time.November, 29)
		if y == 2025 {
			bf = date(2025, time.November, 28)
		}
		cm, d11 := bf.AddDate(0, 0, 3), date(y, time.November, 11)
		checks := []struct {
			what  string
			day   time.Time
			store int
			want  float64
		}{
			{"Black Friday web orders", bf, 0, 4 * 1.05},
			{"Cyber Monday web orders", cm, 0, 3},
			{"Double 11 Tmall orders", d11, 1, 15 * 1.05},
		}
		for _, c := range checks {
			got := ordersOn[c.day][c.store] / octoberSameWeekday(c.day, c.store)
			if math.Abs(got/c.want-1) > 0.20 {
				t.Errorf("%d %s: %.2fx an October %s, want %.2f ± 20%%", y, c.what, got, c.day.Weekday(), c.want)
			}
		}
	}
	if r := float64(len(web)) / webOrders; math.Abs(r/0.08-1) > 0.12 {
		t.Errorf("web contact ratio %.4f, want 0.08 ± 12%%", r)
	}
	if r := float64(len(tmall)) / tmallOrders; math.Abs(r/0.05-1) > 0.12 {
		t.Errorf("Tmall contact ratio %.4f, want 0.05 ± 12%%", r)
	}
	// Growth: 2025 has about 15% more contacts than 2024 (tolerance 5 points).
	var y24, y25 float64
	for _, c := range web {
		if c.created.Year() == 2024 {
			y24++
		} else {
			y25++
		}
	}
	if g := y25/y24 - 1; math.Abs(g-0.15) > 0.05 {
		t.Errorf("web growth 2024->2025 %.1f%%, want 15 ± 5", 100*g)
	}
}

// normalWeeks are weeks without events in both years (Feb 5 - Apr 28 and
// Sep 9 - Oct 27 2024 and 2025 shifted to Mondays), for weekday and intraday checks.
func normalDay(d time.Time) bool {
	m := d.Month()
	return (m >= time.February && m <= time.April) || (m == time.September && d.Day() > 8) || m == time.October
}

// TestWeekdayPattern: web e-mail tickets on Monday-Friday vs the weekend,
// expected (1.28+1.16+1.08+1.04+0.98)/5 / ((0.74+0.72)/2) = 1.52 (tolerance
// 10%); Monday is the busiest day; the phone line gets few calls on Sunday.
func TestWeekdayPattern(t *testing.T) {
	m := full(t)
	counts := perDay(webTickets(t, m), "email")
	var byDow [7]float64
	var nDow [7]float64
	for d, n := range counts {
		if normalDay(d) && !holiday(d) {
			byDow[d.Weekday()] += n
			nDow[d.Weekday()]++
		}
	}
	var mean [7]float64
	for i := range mean {
		mean[i] = byDow[i] / nDow[i]
	}
	weekday := (mean[1] + mean[2] + mean[3] + mean[4] + mean[5]) / 5
	weekend := (mean[0] + mean[6]) / 2
	if r := weekday / weekend; math.Abs(r/1.52-1) > 0.10 {
		t.Errorf("e-mail weekday/weekend ratio %.2f, want 1.52 ± 10%%", r)
	}
	for i := 2; i <= 6; i++ {
		if mean[i%7] >= mean[1] {
			t.Errorf("%s (%.1f) is busier than Monday (%.1f)", time.Weekday(i%7), mean[i%7], mean[1])
		}
	}
	if !testing.Short() && (weekday < 70 || weekday > 100) {
		t.Errorf("%.1f e-mail tickets on a normal weekday, want about 80", weekday)
	}
	phone := perDay(inboundCalls(t, m), "phone")
	var sun, mon float64
	for d, n := range phone {
		if normalDay(d) {
			switch d.Weekday() {
			case time.Sunday:
				sun += n
			case time.Monday:
				mon += n
			}
		}
	}
	if sun > 0.3*mon {
		t.Errorf("Sunday calls %v vs Monday %v: want under 30%%", sun, mon)
	}
}

func holiday(d time.Time) bool {
	// US holidays and shopping weekends inside the normal months.
	for _, h := range []time.Time{date(2024, 5, 27), date(2025, 5, 26), date(2024, 9, 2), date(2025, 9, 1)} {
		if !d.Before(h.AddDate(0, 0, -2)) && !d.After(h) {
			return true
		}
	}
	return false
}

// TestIntradayDoubleHump: on normal weekdays, e-mail arrivals per hour in
// 10:00-12:00 and 14:00-16:00 exceed the lunch dip 12:30-13:30 (expected
// ratios 1.55 and 1.34 from the profile; checked above 1.2) and the early
// morning 07:00-08:00 by more than 2x.
func TestIntradayDoubleHump(t *testing.T) {
	m := full(t)
	var minutes [1440]float64
	for _, c := range webTickets(t, m) {
		d := dayOf(c.created)
		if c.kind != "email" || !normalDay(d) || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		minutes[c.created.Hour()*60+c.created.Minute()]++
	}
	perHour := func(from, to int) float64 {
		var s float64
		for i := from; i < to; i++ {
			s += minutes[i]
		}
		return s * 60 / float64(to-from)
	}
	morning, dip, afternoon, early := perHour(600, 720), perHour(750, 810), perHour(840, 960), perHour(420, 480)
	if morning < 1.2*dip || afternoon < 1.2*dip {
		t.Errorf("per hour: 10-12 %.0f, 12:30-13:30 %.0f, 14-16 %.0f: want both humps 1.2x the dip", morning, dip, afternoon)
	}
	if morning < 2*early || afternoon < 2*early {
		t.Errorf("humps %.0f and %.0f vs 07-08 %.0f: want 2x", morning, afternoon, early)
	}
}

// TestDouble11Spikes: on 11-11 the Qianniu chats spike right after
// midnight (expected 15.3% of the day in 00:00-01:00 vs 2.7% normally;
// checked >= 10% and <= 4%) and after 23:00 (9.9% vs 3.6%; checked >= 6.5%),
// and the day brings about 10x a normal September day (checked >= 7x).
func TestDouble11Spikes(t *testing.T) {
	m := full(t)
	chats := tmallChats(t, m)
	type tally struct{ all, midnight, late float64 }
	var festival [2]tally
	var normal tally
	sept := [2]float64{}
	for _, c := range chats {
		d := dayOf(c.created)
		h := c.created.Hour()
		var tl *tally
		switch {
		case d.Month() == time.November && d.Day() == 11:
			tl = &festival[d.Year()-2024]
		case d.Month() == time.September || (d.Month() == time.October && d.Day() < 20):
			tl = &normal
			if d.Month() == time.September {
				sept[d.Year()-2024]++
			}
		default:
			continue
		}
		tl.all++
		if h == 0 {
			tl.midnight++
		}
		if h == 23 {
			tl.late++
		}
	}
	for i, f := range festival {
		if s := f.midnight / f.all; s < 0.10 {
			t.Errorf("%d-11-11: %.1f%% of chats at 00:00-01:00, want >= 10%%", 2024+i, 100*s)
		}
		if s := f.late / f.all; s < 0.065 {
			t.Errorf("%d-11-11: %.1f%% of chats at 23:00-24:00, want >= 6.5%%", 2024+i, 100*s)
		}
		if r := f.all / (sept[i] / 30); r < 7 {
			t.Errorf("%d-11-11: %.1fx a September day, want >= 7x", 2024+i, r)
		}
	}
	if s := normal.midnight / normal.all; s > 0.04 {
		t.Errorf("normal days: %.1f%% of chats at 00:00-01:00, want <= 4%%", 100*s)
	}
}

// TestBlackFridayPeak: web tickets in the week after Cyber Monday vs the
// average October week: expected +81% (Influx reports +79% across 10
// brands; tolerance 1.55..2.1); Black Friday above 2x an October Friday
// (expected 2.46x); chats on the Saturday after Black Friday about half of Black Friday
// (expected -52%, LiveChat's 2015 report -53%; checked 0.3..0.65, the two days' noise is large).
func TestBlackFridayPeak(t *testing.T) {
	m := full(t)
	tickets := webTickets(t, m)
	all := perDay(tickets, "email", "chat", "messaging", "social")
	chats := perDay(tickets, "chat", "messaging")
	var satSum, bfSum float64
	for _, y := range []int{2024, 2025} {
		bf := date(y, time.November, 29)
		if y == 2025 {
			bf = date(2025, time.November, 28)
		}
		cm := bf.AddDate(0, 0, 3)
		october := sumDays(all, date(y, time.October, 1), date(y, time.October, 29)) / 4
		after := sumDays(all, cm.AddDate(0, 0, 1), cm.AddDate(0, 0, 8))
		if r := after / october; r < 1.55 || r > 2.1 {
			t.Errorf("%d: week after Cyber Monday %.0f tickets = %.2fx an October week, want 1.55..2.1", y, after, r)
		}
		var fridays, nFridays float64
		for d := date(y, time.October, 1); d.Month() == time.October; d = d.AddDate(0, 0, 1) {
			if d.Weekday() == time.Friday {
				fridays += all[d]
				nFridays++
			}
		}
		fridays /= nFridays
		if all[bf] < 2*fridays {
			t.Errorf("%d: Black Friday %v tickets vs %.0f on an October Friday", y, all[bf], fridays)
		}
		satSum += chats[bf.AddDate(0, 0, 1)]
		bfSum += chats[bf]
	}
	if r := satSum / bfSum; r < 0.3 || r > 0.65 {
		t.Errorf("chats on the Saturday after Black Friday = %.2f x Black Friday, want about 0.48", r)
	}
}

// TestDiscountCodesSpikeAtPeaks: discount-code questions are a larger
// share of web tickets on Black Friday and Cyber Monday than in October
// (checked >= 1.5x), and of Tmall chats on 11-11 (>= 1.5x).
func TestDiscountCodesSpikeAtPeaks(t *testing.T) {
	m := full(t)
	share := func(cs []contact, typ string, pick func(time.Time) bool) float64 {
		var n, k float64
		for _, c := range cs {
			if c.typ != "" && pick(dayOf(c.created)) {
				n++
				if c.typ == typ {
					k++
				}
			}
		}
		return k / n
	}
	web := webTickets(t, m)
	peak := share(web, "discount_code", func(d time.Time) bool {
		return d.Equal(date(2024, 11, 29)) || d.Equal(date(2024, 12, 2)) || d.Equal(date(2025, 11, 28)) || d.Equal(date(2025, 12, 1))
	})
	oct := share(web, "discount_code", func(d time.Time) bool { return d.Month() == time.October })
	if peak < 1.5*oct {
		t.Errorf("discount-code share %.3f at BFCM vs %.3f in October", peak, oct)
	}
	tm := tmallChats(t, m)
	d11 := share(tm, "优惠券", func(d time.Time) bool { return d.Month() == time.November && d.Day() == 11 })
	sep := share(tm, "优惠券", func(d time.Time) bool { return d.Month() == time.September })
	if d11 < 1.5*sep {
		t.Errorf("Tmall 优惠券 share %.3f on 11.11 vs %.3f in September", d11, sep)
	}
}

// TestHandleTimes: in December gift-card handle time is about 10x the other
// types' (a shop's field report; the expectation from Expected is computed for the
// month's actual mix, the measured ratio must be within 20% of it and the
// expectation within 15% of 10); handle times are longer at peak (e-mail
// tickets of the same type in Black Friday week vs October: expected 1.18,
// checked 1.08..1.3; the spread over seeds is about 0.025).
func TestHandleTimes(t *testing.T) {
	m := full(t)
	web := webTickets(t, m)
	calls := inboundCalls(t, m)
	exp, err := sample.Expected(sample.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	expectedRatio := func(s sample.Stream, year int) float64 {
		var gN, gH, oN, oH float64
		for _, e := range exp {
			if e.Stream != s || e.Date.Year() != year || e.Date.Month() != time.December {
				continue
			}
			for i := range sample.NumTypes {
				n, h := e.Contacts[i], e.HandleSeconds[i]
				if sample.IssueType(i) == sample.GiftCard {
					gN, gH = gN+n, gH+n*h
				} else {
					oN, oH = oN+n, oH+n*h
				}
			}
		}
		return (gH / gN) / (oH / oN)
	}
	measured := func(cs []contact, kind string, year int) float64 {
		var gN, gH, oN, oH float64
		for _, c := range cs {
			if c.kind != kind || c.typ == "" || math.IsNaN(c.handle) || c.created.Year() != year || c.created.Month() != time.December {
				continue
			}
			if c.typ == "gift_card" {
				gN, gH = gN+1, gH+c.handle
			} else {
				oN, oH = oN+1, oH+c.handle
			}
		}
		return (gH / gN) / (oH / oN)
	}
	checks := []struct {
		name   string
		cs     []contact
		kind   string
		stream sample.Stream
		year   int
	}{
		{"Freshdesk e-mail 2024", web, "email", sample.WebEmail, 2024},
		{"Zendesk e-mail 2025", web, "email", sample.WebEmail, 2025},
		{"Aircall 2025", calls, "phone", sample.WebPhone, 2025},
	}
	for _, c := range checks {
		want := expectedRatio(c.stream, c.year)
		got := measured(c.cs, c.kind, c.year)
		if math.Abs(want/10-1) > 0.15 {
			t.Errorf("%s: expected December gift-card ratio %.2f, want 10 ± 15%%", c.name, want)
		}
		if math.Abs(got/want-1) > 0.20 {
			t.Errorf("%s: measured December gift-card ratio %.2f, expected %.2f ± 20%%", c.name, got, want)
		}
	}
	// Peak vs October per issue type (gift cards excluded: December changes
	// them), combined weighted by the peak counts so the type mix cancels.
	meanHandle := func(typ string, from, to time.Time) (float64, float64) {
		var n, s float64
		for _, c := range web {
			if c.kind == "email" && c.typ == typ && !math.IsNaN(c.handle) && inDays(c.created, from, to) {
				n++
				s += c.handle
			}
		}
		return s / n, n
	}
	for _, y := range []int{2024, 2025} {
		bf := date(y, time.November, 29)
		if y == 2025 {
			bf = date(2025, time.November, 28)
		}
		var num, den float64
		for _, typ := range []string{"order_status", "shipping_delivery", "returns_refunds", "payment", "product_question", "account", "discount_code"} {
			peak, n := meanHandle(typ, bf.AddDate(0, 0, -4), bf.AddDate(0, 0, 10))
			oct, _ := meanHandle(typ, date(y, time.October, 1), date(y, time.November, 1))
			num += n * peak / oct
			den += n
		}
		if r := num / den; r < 1.08 || r > 1.3 {
			t.Errorf("%d: handle time at BFCM = %.2fx October, want about 1.18", y, r)
		}
	}
}

// TestExpectedCoversEveryStream: Expected has one entry per stream and day.
func TestExpectedCoversEveryStream(t *testing.T) {
	exp, err := sample.Expected(small())
	if err != nil {
		t.Fatal(err)
	}
	if len(exp) != sample.NumStreams*731 {
		t.Errorf("%d expectations, want %d", len(exp), sample.NumStreams*731)
	}
	for _, e := range exp {
		for i, v := range e.Contacts {
			if !(v >= 0) || !(e.HandleSeconds[i] > 0) {
				t.Fatalf("%s %s: contacts %v, handle %v", e.Stream, e.Date, v, e.HandleSeconds[i])
			}
		}
	}
}

// ExampleFiles lists the files of a small sample; a command writes each
// with File.Write.
func ExampleFiles() {
	opts := sample.DefaultOptions()
	opts.Scale = 0.01
	files, err := sample.Files(opts)
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		fmt.Println(f.Name)
	}
	// Output:
	// freshdesk_tickets_2024.csv
	// zendesk_tickets_2025H1.csv
	// zendesk_tickets_2025H2.csv
	// aircall_calls.csv
	// qianniu_chats_2024-2025.csv
	// orders_daily.csv
	// types.yaml
	// README.md
}

func BenchmarkFiles(b *testing.B) {
	opts := sample.DefaultOptions()
	var bytesOut int64
	for b.Loop() {
		files, err := sample.Files(opts)
		if err != nil {
			b.Fatal(err)
		}
		bytesOut = 0
		for _, f := range files {
			cw := &countingWriter{}
			if err := f.Write(cw); err != nil {
				b.Fatal(err)
			}
			bytesOut += cw.n
		}
	}
	b.ReportMetric(float64(bytesOut)/1e6, "MB/op")
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)
