package importers

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peakstaff/peakstaff/importers/dates"
)

func readString(t *testing.T, name, data string, opts Options) *Set {
	t.Helper()
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	fr, err := Read(name, strings.NewReader(data), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	set := NewSet()
	set.Add(fr)
	checkAccounting(t, set)
	return set
}

const zendeskHeader = "Id,Requester,Requester id,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,Assignee,Group,First reply time in minutes,Contact reason [list],Total time spent (sec) [int]\n"

func TestZendeskCSVFields(t *testing.T) {
	data := zendeskHeader +
		"101,Ann,1,\"Where is my order, please?\",order_status vip,solved,normal,Mail,question,2025-11-28 09:00:00,2025-11-28 12:00:00,2025-11-28 11:30:00,Bo,Tier 1,15,Order status,420\n" +
		"102,Cy,2,\"=HYPERLINK(\"\"x\"\")\",,open,high,Chat,incident,2025-11-28 09:05:00,2025-11-28 09:06:00,,Bo,Tier 1,,-,\n" +
		"103,Di,3,Call me,,new,low,Voice,question,2025-11-28 10:00:00,2025-11-28 10:00:00,,,,,,\n"
	set := readString(t, "z.csv", data, Options{})
	if f := set.Files[0]; f.Format != "zendesk-csv" || f.Kept != 3 || f.Rejected != 0 {
		t.Fatalf("format %s kept %d rejected %d", f.Format, f.Kept, f.Rejected)
	}
	c := set.Collect()[0]
	want := Contact{
		ID: "101", Source: Source{File: "z.csv", Line: 2},
		Created:       utcTime("2025-11-28 09:00:00"),
		FirstResponse: utcTime("2025-11-28 09:15:00"),
		Resolved:      utcTime("2025-11-28 11:30:00"),
		Channel:       ChannelEmail, IssueType: "Order status", Status: "solved", Priority: "normal",
		Agent: "Bo", Group: "Tier 1", HandleSeconds: 420, HandleKnown: true, Count: 1, Family: "zendesk",
	}
	if c != want {
		t.Errorf("contact\n got %+v\nwant %+v", c, want)
	}
	if c := set.Collect()[1]; c.IssueType != "" || c.Channel != ChannelChat || c.HandleKnown || !c.Resolved.IsZero() {
		t.Errorf("second contact: %+v (the list value '-' is empty; no solved time, no handle time)", c)
	}
	if c := set.Collect()[2]; c.Channel != ChannelPhone {
		t.Errorf("Voice channel: %s", c.Channel)
	}
}

func TestRowErrorsArePositioned(t *testing.T) {
	data := zendeskHeader +
		"1,A,1,s,,open,low,Mail,question,2025-11-28 09:00:00,,,,,,,\n" +
		"2,A,1,s,,open,low,Mail,question,,,,,,,,\n" + // created empty: rejected
		"3,A,1,s,,open,low,Mail,question,2025-13-45 09:00:00,,,,,,,\n" + // bad created: rejected
		"4,A,1,s,,open,low,Mail,question,2025-11-28 09:00:00,,yesterday,,,,,\n" + // bad solved: kept, value left empty
		"5,A,1,s,,open,low,Mail\n" + // short row
		"6,A,1,s,,open,low,Mail,question,2025-11-28 10:00:00,,,,,,,abc\n" // bad handle: kept
	set := readString(t, "bad.csv", data, Options{})
	f := set.Files[0]
	if f.Kept != 3 || f.Rejected != 3 || f.FieldErrors != 2 {
		t.Fatalf("kept %d rejected %d field errors %d; want 3, 3, 2", f.Kept, f.Rejected, f.FieldErrors)
	}
	type pos struct {
		line     int
		column   string
		field    string
		rejected bool
	}
	want := []pos{{3, "10", "Created at", true}, {4, "10", "Created at", true}, {5, "12", "Solved at", false}, {6, "", "", true}, {7, "17", "Total time spent (sec) [int]", false}}
	if len(f.Errors) != len(want) {
		for _, e := range f.Errors {
			t.Log(e)
		}
		t.Fatalf("%d errors, want %d", len(f.Errors), len(want))
	}
	for i, w := range want {
		e := f.Errors[i]
		// In text the label is the column's number.
		if e.Diag.Line != w.line || e.ColumnLabel != w.column || (w.column != "" && strconv.Itoa(e.Diag.Column) != w.column) ||
			e.Diag.Field != w.field || e.Rejected != w.rejected || e.Diag.File != "bad.csv" {
			t.Errorf("error %d: %+v (%v), want %+v", i, *e, e, w)
		}
		if !errors.Is(e, ErrInvalidData) {
			t.Errorf("error %d does not wrap ErrInvalidData: %v", i, e)
		}
	}
	if !strings.HasPrefix(f.Errors[0].Error(), "bad.csv:3:10: Created at: ") {
		t.Errorf("message %q", f.Errors[0].Error())
	}
}

// Rows of one ticket merge: first creation, last resolution, newest status.
func TestDuplicatesMerge(t *testing.T) {
	h1 := zendeskHeader +
		"7,A,1,s,,open,low,Mail,question,2025-06-20 09:00:00,2025-06-20 09:00:00,,,,,Returns,\n"
	h2 := zendeskHeader +
		"7,A,1,s,,solved,low,Mail,question,2025-06-20 09:00:00,2025-07-01 10:00:00,2025-07-01 10:00:00,Bo,,30,Returns,300\n" +
		"8,A,1,s,,solved,low,Mail,question,2025-06-21 09:00:00,2025-06-21 10:00:00,2025-06-21 10:00:00,Bo,,,Returns,\n"
	set := NewSet()
	for i, data := range []string{h2, h1} { // newer export first: the newest row still wins
		fr, err := Read([]string{"h2.csv", "h1.csv"}[i], strings.NewReader(data), Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		set.Add(fr)
	}
	checkAccounting(t, set)
	if len(set.Collect()) != 2 || set.Files[1].Duplicates != 1 {
		t.Fatalf("contacts %d, duplicates %d", len(set.Collect()), set.Files[1].Duplicates)
	}
	c := set.Collect()[0]
	if c.Status != "solved" || !c.Resolved.Equal(utcTime("2025-07-01 10:00:00")) || c.HandleSeconds != 300 || c.Agent != "Bo" {
		t.Errorf("merged contact %+v", c)
	}
}

func TestDayMonthOrder(t *testing.T) {
	head := "Id,Requester,Via,Created at\n"
	t.Run("decided by the column", func(t *testing.T) {
		data := head + "1,a,Mail,03/04/2025 10:00\n2,a,Mail,25/04/2025 10:00\n"
		set := readString(t, "dmy.csv", data, Options{})
		if got := set.Collect()[0].Created; !got.Equal(utcTime("2025-04-03 10:00:00")) {
			t.Errorf("03/04 read as %v, want 3 April (the column is day-first)", got)
		}
	})
	t.Run("mixed column is reported, ambiguous values rejected", func(t *testing.T) {
		data := head + "1,a,Mail,03/04/2025 10:00\n2,a,Mail,25/04/2025 10:00\n3,a,Mail,04/26/2025 10:00\n"
		set := readString(t, "mixed.csv", data, Options{})
		f := set.Files[0]
		if f.Kept != 2 || f.Rejected != 1 || len(f.Warnings) == 0 {
			t.Fatalf("kept %d rejected %d warnings %v", f.Kept, f.Rejected, f.Warnings)
		}
		if f.Errors[0].Diag.Line != 2 {
			t.Errorf("rejected line %d, want 2 (03/04 cannot be told)", f.Errors[0].Diag.Line)
		}
	})
	t.Run("forced order", func(t *testing.T) {
		data := head + "1,a,Mail,03/04/2025 10:00\n"
		set := readString(t, "f.csv", data, Options{DateOrder: dates.MonthFirst})
		if got := set.Collect()[0].Created; !got.Equal(utcTime("2025-03-04 10:00:00")) {
			t.Errorf("month-first 03/04 read as %v", got)
		}
	})
}

func TestSummaryRowsAndSeries(t *testing.T) {
	data := "date,count,issue_type,channel\n2025-11-27,120,shipping,email\n2025-11-28,480,shipping,email\n2025-11-28,300,returns,chat\n汇总值,900,,\n"
	set := readString(t, "s.csv", data, Options{})
	f := set.Files[0]
	if f.Format != "series" || f.Kept != 3 || f.Skipped["summary row (汇总值)"] != 1 {
		t.Fatalf("format %s kept %d skipped %v", f.Format, f.Kept, f.Skipped)
	}
	sum := set.Summarize()
	if sum.Contacts != 900 || sum.ByChannel["chat"] != 300 || sum.ByIssueType["shipping"] != 600 {
		t.Errorf("summary %+v", sum)
	}
	if !set.Collect()[0].CreatedDateOnly {
		t.Error("a date-only series row must say so")
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := Read("x.csv", strings.NewReader("foo,bar\n1,2\n"), Options{})
	if !errors.Is(err, ErrUnknownFormat) || !errors.Is(err, ErrInvalidData) {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"x.csv", "zendesk-csv", "--map"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
}

func TestMapAndRules(t *testing.T) {
	spec, err := ParseMap(`created="Opened At",type=Reason,channel=Source,handle="Talk time",handle_unit=minutes`)
	if err != nil {
		t.Fatal(err)
	}
	rules := &TypeRules{Rules: []TypeRule{
		{Type: "gift_card", Values: []string{"Gift card"}, Match: []string{`(?i)gift ?card`}},
		{Type: "shipping", Values: []string{"Shipping", "Delivery"}},
	}}
	if err := rules.Compile(); err != nil {
		t.Fatal(err)
	}
	data := "Opened At;Reason;Source;Talk time\n2025-12-01 10:00;GIFT CARD;Phone;4,5\n2025-12-01 11:00;delivery;Web;\n2025-12-01 12:00;Billing;Email;2\n"
	set := readString(t, "m.csv", data, Options{Format: &MapFormat{Spec: spec}, Rules: rules})
	got := []string{set.Collect()[0].IssueType, set.Collect()[1].IssueType, set.Collect()[2].IssueType}
	if strings.Join(got, ",") != "gift_card,shipping,other" {
		t.Errorf("types %v", got)
	}
	if c := set.Collect()[0]; c.HandleSeconds != 270 || c.Channel != ChannelPhone {
		t.Errorf("handle %v channel %s: want 270 s (4.5 min, decimal comma) and phone", c.HandleSeconds, c.Channel)
	}
	if _, err := ParseMap(`type=Reason`); err == nil {
		t.Error("a map without created must fail")
	}
	if _, err := ParseMap(`created="Opened At`); err == nil {
		t.Error("an unbalanced quote must fail")
	}
}

// A contacts file written by import --out reads back as the same contacts:
// ids that collide across vendors (Freshdesk 7 and Zendesk 7) stay apart.
func TestContactsFileRoundTrip(t *testing.T) {
	set := NewSet()
	fd := "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time\n7,a,Closed,Low,Email,Question,Eve,S,2025-11-29 08:00:00,2025-11-29 10:00:00\n"
	zd := zendeskHeader + "7,Ann,1,s,,open,low,Mail,question,2025-11-28 09:00:00,,,,,,,\n"
	for name, data := range map[string]string{"fd.csv": fd, "zd.csv": zd} {
		fr, err := Read(name, strings.NewReader(data), Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		set.Add(fr)
	}
	if len(set.Collect()) != 2 {
		t.Fatalf("%d contacts, want 2", len(set.Collect()))
	}
	var buf strings.Builder
	if err := WriteCSV(&buf, set.All()); err != nil {
		t.Fatal(err)
	}
	back := readString(t, "contacts.csv", buf.String(), Options{})
	if back.Files[0].Format != "peakstaff" || len(back.Collect()) != 2 || back.Files[0].Duplicates != 0 {
		t.Fatalf("read back %s: %d contacts, %d duplicates", back.Files[0].Format, len(back.Collect()), back.Files[0].Duplicates)
	}
	for i, c := range back.Collect() {
		orig := set.Collect()[i]
		orig.Source, c.Source = Source{}, Source{}
		if !c.Created.Equal(orig.Created) || c.Family != orig.Family || c.ID != orig.ID || c.Channel != orig.Channel {
			t.Errorf("round trip\n got %+v\nwant %+v", c, orig)
		}
	}
	// Read again together with the Zendesk export: the Zendesk ticket merges.
	fr, err := Read("zd.csv", strings.NewReader(zd), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if rep := back.Add(fr); rep.Duplicates != 1 {
		t.Errorf("the Zendesk export's ticket 7 was not merged with the contacts file's: %d duplicates", rep.Duplicates)
	}
}

// Ids are compared as text: "007" and "7" are two tickets; numeric and
// other ids dedupe alike.
func TestDedupeIDKinds(t *testing.T) {
	data := zendeskHeader +
		"7,A,1,s,,open,low,Mail,question,2025-11-28 09:00:00,,,,,,,\n" +
		"007,A,1,s,,open,low,Mail,question,2025-11-28 09:01:00,,,,,,,\n" +
		"AB-7,A,1,s,,open,low,Mail,question,2025-11-28 09:02:00,,,,,,,\n" +
		"AB-7,A,1,s,,solved,low,Mail,question,2025-11-28 09:02:00,,,,,,,\n" +
		"7,A,1,s,,solved,low,Mail,question,2025-11-28 09:00:00,,,,,,,\n" +
		"18446744073709551615,A,1,s,,open,low,Mail,question,2025-11-28 09:03:00,,,,,,,\n"
	set := readString(t, "z.csv", data, Options{})
	if f := set.Files[0]; f.Kept != 4 || f.Duplicates != 2 {
		t.Errorf("kept %d duplicates %d, want 4 and 2", f.Kept, f.Duplicates)
	}
}

// Text that a spreadsheet would run as a formula is written with an
// apostrophe and read back as it was.
func TestContactsFileFormulaText(t *testing.T) {
	in := Contact{ID: "=1+1", Source: Source{File: "f", Line: 2}, Created: utcTime("2025-11-28 09:00:00"), Channel: ChannelEmail,
		IssueType: "+refund", Agent: "@ann", Group: "-ops", Status: "open", Count: 1, Family: "zendesk"}
	var buf strings.Builder
	if err := WriteCSV(&buf, Contacts([]Contact{in})); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "'=1+1") || !strings.Contains(buf.String(), "'@ann") {
		t.Fatalf("not escaped:\n%s", buf.String())
	}
	back := readString(t, "contacts.csv", buf.String(), Options{})
	c := back.Collect()[0]
	if c.ID != in.ID || c.IssueType != in.IssueType || c.Agent != in.Agent || c.Group != in.Group {
		t.Errorf("read back %+v", c)
	}
}
