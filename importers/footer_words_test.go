package importers

import (
	"strings"
	"testing"
)

// TestFooterWordsInOtherLanguages: the total and average rows a
// spreadsheet in another language puts under the data (Italian Totale,
// German Gesamtergebnis under a pivot table...) are skipped as summary
// rows and counted so, not rejected as bad dates; the Italian series
// footer was one rejected row.
func TestFooterWordsInOtherLanguages(t *testing.T) {
	const head = "interval_start;channel;issue_type;contacts;aht_seconds\n" +
		"28/11/2025 00:00;chat;billing;1.042;300\n" +
		"28/11/2025 00:30;email;billing;17;200\n"
	for _, word := range []string{
		"Total", "TOTAL", "Totale", "Totali", "Totaal", "Totales", "Gesamt", "Summe", "Somme", "Suma", "Soma",
		"合计", "总计", "Gesamtergebnis", "Gesamtsumme", "Total général", "Total general", "Total geral",
		"Totale complessivo", "Eindtotaal", "Zwischensumme", "Sous-total", "Subtotale", "Subtotaal", "Durchschnitt", "Moyenne", "Promedio", "Gemiddelde",
	} {
		fr, err := Read("it.csv", strings.NewReader(head+word+";;;1.059;\n"), Options{})
		if err != nil {
			t.Fatalf("%s: %v", word, err)
		}
		if fr.Format != "series" || fr.Rows != 3 || fr.Rejected != 0 || fr.Skipped["summary row ("+word+")"] != 1 {
			t.Errorf("footer %q: format %s, %d rows, %d rejected, skipped %v; want the series' 2 rows and the footer skipped as a summary row",
				word, fr.Format, fr.Rows, fr.Rejected, fr.Skipped)
		}
	}
}
