package importers

import (
	"strings"
	"testing"
	"time"
)

// TestMapOverDetectedFormat: a --map on a file a built-in format fits
// replaces only the fields it names; the format's id still merges the
// repeated rows, its other columns and labels stay, and a warning says so.
func TestMapOverDetectedFormat(t *testing.T) {
	in := "Ticket ID,Status,Source,Type,Created time,Resolved time,Time tracked,Opened (local)\n" +
		"3101,Closed,Phone,Refund,2025-11-24 09:12:44,2025-11-24 15:40:00,00:25,2025-11-24 10:12:44\n" +
		"3102,Open,Portal,Order Status,2025-11-24 11:30:00,,,2025-11-24 12:30:00\n" +
		"3101,Closed,Phone,Refund,2025-11-24 09:12:44,2025-11-24 15:40:00,00:25,2025-11-24 10:12:44\n"
	spec, err := ParseMap(`created="Opened (local)"`)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := Read("fd.csv", strings.NewReader(in), Options{Format: &MapFormat{Spec: spec}, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	set := NewSet()
	rep := set.Add(fr)
	if fr.Format != "freshdesk+map" || set.Len() != 2 || rep.Duplicates != 1 {
		t.Fatalf("format %q, %d contacts, %d duplicates; want freshdesk+map, 2, 1", fr.Format, set.Len(), rep.Duplicates)
	}
	c := set.Contact(0)
	if c.Created.Format(time.DateTime) != "2025-11-24 10:12:44" || c.Channel != ChannelPhone || c.IssueType != "Refund" || c.HandleSeconds != 25*60 {
		t.Errorf("first contact %+v: want created from the map, the rest from the Freshdesk format", c)
	}
	want := `the header is a Freshdesk ticket export (CSV/XLSX): read as that format with --map replacing created; its other columns are kept (id="Ticket ID",resolved="Resolved time",channel=Source,type=Type,status=Status,handle="Time tracked"); the id merges repeated rows`
	if len(fr.Warnings) != 1 || fr.Warnings[0] != want {
		t.Errorf("warnings %q\nwant %q", fr.Warnings, want)
	}

	// a map on a file no format fits is read as it is, and says that it
	// cannot merge repeated rows without an id
	fr, err = Read("own.csv", strings.NewReader("When,What\n2025-11-24 09:00,a\n2025-11-24 09:00,a\n"),
		Options{Format: &MapFormat{Spec: &MapSpec{Columns: map[Field][]string{FieldCreated: {"When"}}}}, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if fr.Format != "map" || len(fr.Warnings) != 1 || !strings.HasPrefix(fr.Warnings[0], "the map names no id column: rows that repeat a ticket cannot be merged") {
		t.Errorf("format %q, warnings %q", fr.Format, fr.Warnings)
	}
}

// TestGuessIDNames: the ticket number is found by its name in the
// languages the guesser reads, so repeated rows merge.
func TestGuessIDNames(t *testing.T) {
	for _, name := range []string{"Numéro du ticket", "N° de ticket", "Numero ticket", "Numero di ticket", "Ticketnummer", "Número do ticket", "Número de ticket", "Ticket-Nr.", "Zaaknummer"} {
		in := name + ";Date de création;Statut\n457423;01/11/2025 00:00;Résolu\n457424;01/11/2025 00:18;Résolu\n457425;02/11/2025 09:00;Résolu\n457426;02/11/2025 10:00;Résolu\n457423;01/11/2025 00:00;Résolu\n"
		fr, err := Read("f.csv", strings.NewReader(in), Options{Location: time.UTC})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := "id=" + quoteMapValue(name) + ","; !strings.HasPrefix(fr.Map, want) {
			t.Errorf("%s: guessed map %q, want it to start with %s", name, fr.Map, want)
		}
	}
}
