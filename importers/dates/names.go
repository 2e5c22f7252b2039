package dates

import (
	"unicode"
	"unicode/utf8"
)

// monthNames maps lower-case month names and abbreviations (English,
// Spanish, Portuguese, German, French, Italian, Dutch) to 1..12. Exports
// follow the exporting user's locale (Jira writes 10/nov/25 in Spanish), so
// one table serves every file; no name means two different months across
// these languages.
var monthNames = map[string]int{}

func init() {
	for m, names := range [12][]string{
		{"jan", "january", "ene", "enero", "janeiro", "januar", "jän", "jänner", "janv", "janvier", "gen", "genn", "gennaio", "januari"},
		{"feb", "february", "febrero", "fev", "fevereiro", "februar", "févr", "fevr", "février", "fevrier", "fév", "febbraio", "februari"},
		{"mar", "march", "marzo", "março", "marco", "mär", "märz", "mrz", "maerz", "mars", "maart", "mrt"},
		{"apr", "april", "abr", "abril", "avr", "avril", "aprile"},
		{"may", "mayo", "mai", "maio", "mag", "maggio", "mei"},
		{"jun", "june", "junio", "junho", "juni", "juin", "giu", "giugno"},
		{"jul", "july", "julio", "julho", "juli", "juil", "juillet", "lug", "luglio"},
		{"aug", "august", "ago", "agosto", "août", "aout", "augustus"},
		{"sep", "sept", "september", "septiembre", "setiembre", "set", "setembro", "septembre", "settembre"},
		{"oct", "october", "octubre", "out", "outubro", "okt", "oktober", "octobre", "ott", "ottobre"},
		{"nov", "november", "noviembre", "novembro", "novembre"},
		{"dec", "december", "dic", "diciembre", "dez", "dezembro", "dezember", "déc", "décembre", "decembre", "dicembre"},
	} {
		for _, n := range names {
			if monthNames[n] != 0 {
				panic("dates: month name listed twice: " + n) // programmer error in the table
			}
			monthNames[n] = m + 1
		}
	}
}

// weekdayNames are skipped in front of a date ("Mon, 10 Nov 2025"). Names
// that are also month abbreviations (Spanish/French "mar") are left out:
// the month wins.
var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "wednesday": true,
	"thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true,
	"sat": true, "saturday": true, "sun": true, "sunday": true,
	"lun": true, "lunes": true, "martes": true, "mié": true, "mie": true, "miércoles": true, "miercoles": true,
	"jue": true, "jueves": true, "vie": true, "viernes": true, "sáb": true, "sab": true, "sábado": true, "sabado": true,
	"dom": true, "domingo": true,
	"seg": true, "segunda": true, "ter": true, "terça": true, "terca": true, "qua": true, "quarta": true,
	"qui": true, "quinta": true, "sex": true, "sexta": true,
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true, "samstag": true, "sonntag": true,
	"lundi": true, "mardi": true, "mer": true, "mercredi": true, "jeu": true, "jeudi": true, "ven": true, "vendredi": true,
	"sam": true, "samedi": true, "dim": true, "dimanche": true,
}

// lowerKey lower-cases w into buf for a map lookup without allocating.
// It returns nil for words too long to be a name.
func lowerKey(buf *[64]byte, w string) []byte {
	if len(w) == 0 || len(w) > 24 {
		return nil
	}
	b := buf[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += n
	}
	return b
}

func monthNumber(w string) int {
	var buf [64]byte
	k := lowerKey(&buf, w)
	if k == nil {
		return 0
	}
	return monthNames[string(k)]
}

func isWeekday(w string) bool {
	var buf [64]byte
	k := lowerKey(&buf, w)
	if k == nil {
		return false
	}
	return weekdayNames[string(k)]
}
