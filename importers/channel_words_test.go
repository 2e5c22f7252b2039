package importers

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestChannelWordsEuropean: a channel column named and filled in Dutch,
// French, Italian, German, Spanish or Portuguese is guessed and its
// labels placed.
func TestChannelWordsEuropean(t *testing.T) {
	for _, tc := range []struct {
		column string
		labels [3]string // phone, email, chat
	}{
		{"Kanaal", [3]string{"Telefoon", "E-mail", "Chat"}},
		{"Canal", [3]string{"Appel", "Courriel", "Chat"}},
		{"Canale", [3]string{"Telefono", "Posta elettronica", "Chat"}},
		{"Kontaktkanal", [3]string{"Anruf", "Webformular", "Chat"}},
		{"Canal de contacto", [3]string{"Llamada", "Correo", "Chat"}},
		{"Canal de atendimento", [3]string{"Ligação", "Correio", "Chat"}},
	} {
		var b strings.Builder
		b.WriteString("Ticketnummer;Datum;" + tc.column + "\n")
		for i := 0; i < 6; i++ {
			fmt.Fprintf(&b, "%d;2025-11-0%d 10:00;%s\n", 100+i, 1+i, tc.labels[i%3])
		}
		fr, err := Read("f.csv", strings.NewReader(b.String()), Options{Location: time.UTC})
		if err != nil {
			t.Fatalf("%s: %v", tc.column, err)
		}
		if !strings.Contains(fr.Map, "channel="+quoteMapValue(tc.column)) {
			t.Errorf("%s: guessed map %q has no channel=%s", tc.column, fr.Map, tc.column)
			continue
		}
		rs := fr.Records()
		if got := [3]Channel{rs[0].Channel, rs[1].Channel, rs[2].Channel}; got != [3]Channel{ChannelPhone, ChannelEmail, ChannelChat} {
			t.Errorf("%s %v: channels %v", tc.column, tc.labels, got)
		}
	}
}

// TestUnplacedChannelWarning: a file whose contacts (nearly) all end up
// in channel other says which column was read, or that there is none,
// and how to place them; a small file or an explicit "other" does not.
func TestUnplacedChannelWarning(t *testing.T) {
	file := func(rows int, label func(i int) string) string {
		var b strings.Builder
		b.WriteString("id,created,medium\n")
		for i := 0; i < rows; i++ {
			fmt.Fprintf(&b, "%d,2025-11-01 10:%02d,%s\n", i+1, i, label(i))
		}
		return b.String()
	}
	read := func(m, in string) []string {
		t.Helper()
		spec, err := ParseMap(m)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := Read("f.csv", strings.NewReader(in), Options{Format: &MapFormat{Spec: spec}, Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		return fr.Warnings
	}
	odd := func(i int) string { return []string{"Desk A", "Desk B", "Kiosk"}[i%3] }
	w := read("id=id,created=created,channel=medium", file(40, odd))
	want := `column "medium": 40 of 40 contacts (100%) have channel other: its values ("Desk A", "Desk B", "Kiosk") name no channel peakstaff knows`
	if len(w) != 1 || !strings.HasPrefix(w[0], want) || !strings.HasSuffix(w[0], "--channel phone|chat|email|messaging|social") {
		t.Errorf("warnings %q\nwant one starting %q", w, want)
	}
	w = read("id=id,created=created", file(40, odd))
	want = "no channel column: 40 of 40 contacts (100%) have channel other; name the column with --map channel=<column>"
	if len(w) != 1 || !strings.HasPrefix(w[0], want) {
		t.Errorf("warnings %q\nwant one starting %q", w, want)
	}
	// 3 of 40 placed: 92% other, no warning; nor for 10 rows, nor for
	// contacts written as "other" (a contacts file read back)
	for name, in := range map[string]string{
		"some placed":    file(40, func(i int) string { return map[bool]string{true: "Phone", false: "Kiosk"}[i%13 == 0] }),
		"small":          file(10, odd),
		"written other":  file(40, func(int) string { return "other" }),
		"written Other.": file(40, func(int) string { return "Other" }),
	} {
		if w := read("id=id,created=created,channel=medium", in); len(w) != 0 {
			t.Errorf("%s: warnings %q", name, w)
		}
	}
}
