package table

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestXLSX1904: a workbook in the 1904 date system (older Mac Excel) has
// its date cells moved to the 1900 serials every caller reads, whatever
// their format; times of day, durations, counts and text stay as they
// are, and the user is told (finding 6: such a workbook read 4 years and
// a day early). The expected serials are days since 1899-12-30, computed
// here from the times written.
func TestXLSX1904(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	style := func(st excelize.Style) int {
		id, err := f.NewStyle(&st)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	dateTime := style(excelize.Style{NumFmt: 22}) // m/d/yy hh:mm
	isoCustom := "yyyy-mm-dd hh:mm:ss"
	iso := style(excelize.Style{CustomNumFmt: &isoCustom})
	daysCustom := `0" days"` // a d inside quotes is no date
	days := style(excelize.Style{CustomNumFmt: &daysCustom})
	clock := style(excelize.Style{NumFmt: 20})    // hh:mm
	duration := style(excelize.Style{NumFmt: 46}) // [h]:mm:ss
	created := time.Date(2025, 12, 3, 16, 29, 8, 0, time.UTC)
	resolved := time.Date(2025, 12, 4, 9, 0, 0, 0, time.UTC)
	rows := [][]any{
		{"id", "created", "resolved", "open", "start", "handle", "note"},
		{1, created, resolved, 3, 0.5, 0.25, "45000"},
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for cell, id := range map[string]int{"B2": dateTime, "C2": iso, "D2": days, "E2": clock, "F2": duration} {
		if err := f.SetCellStyle("Sheet1", cell, cell, id); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}

	r, err := NewReader(&buf, "mac.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	row, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	got := append([]string(nil), row.Fields...)
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("a second row: %v", err)
	}
	epoch1900 := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	serial := func(tm time.Time) float64 { return tm.Sub(epoch1900).Hours() / 24 }
	const tolDays = 1e-9 // 0.1 ms: the serials are written with 15 digits
	for i, want := range map[int]float64{1: serial(created), 2: serial(resolved), 3: 3, 4: 0.5, 5: 0.25} {
		v, err := strconv.ParseFloat(got[i], 64)
		if err != nil || math.Abs(v-want) > tolDays {
			t.Errorf("column %d: %q, want %.9f", i+1, got[i], want)
		}
	}
	if got[0] != "1" || got[6] != "45000" {
		t.Errorf("id and text: %q, %q, want 1 and 45000 unchanged", got[0], got[6])
	}
	wantWarn := "the workbook uses the 1904 date system (older Mac Excel): its date cells were read in that system"
	if w := r.Info().Warnings; len(w) != 1 || w[0] != wantWarn {
		t.Errorf("warnings %q, want %q", w, wantWarn)
	}
}

func TestAddDays(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"44532", "45994"},
		{"44532.686898148146", "45994.686898148146"},
		{"0.5", "1462.5"},
		{"4.4532E4", "45994"},
	} {
		if got := addDays(c.in, days1904); got != c.want {
			t.Errorf("addDays(%q): %q, want %q", c.in, got, c.want)
		}
	}
}
