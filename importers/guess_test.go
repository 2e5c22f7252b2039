package importers

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestGuessMap(t *testing.T) {
	read := func(in string) (*FileResult, error) {
		return Read("f.csv", strings.NewReader(in), Options{Location: time.UTC})
	}
	// Spanish names, a separate time column, a channel column by its words
	fr, err := read("Número;Fecha;Hora;Canal;Motivo;Estado\n" +
		"101;28/11/2025;09:15;Teléfono;Envío;Cerrado\n102;28/11/2025;09:20;Correo;Envío;Abierto\n103;29/11/2025;10:00;Chat;Devolución;Cerrado\n")
	if err != nil {
		t.Fatal(err)
	}
	if fr.Format != "guessed" || fr.Map != `id=Número,created=Fecha,channel=Canal,type=Motivo,status=Estado,time=Hora` || len(fr.Records()) != 3 {
		t.Fatalf("format %s map %q, %d records", fr.Format, fr.Map, len(fr.Records()))
	}
	if c := fr.Records()[0]; c.Created.Format(time.DateTime) != "2025-11-28 09:15:00" || c.Channel != ChannelPhone || c.IssueType != "Envío" {
		t.Errorf("first record %+v", c)
	}
	// two columns could each be the created time: no guess is used, the
	// error shows the best one to copy
	_, err = read("start,date,count\n2025-11-28 09:00,2025-11-28 10:00,x\n")
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), `the columns "date" and "start" could each be the created time: the best guess is --map 'created=date'`) {
		t.Errorf("unclear guess: %v", err)
	}
	// no dates at all: unknown format, as before
	if _, err := read("name,city\nAna,Lyon\n"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("no dates: %v", err)
	}
}
