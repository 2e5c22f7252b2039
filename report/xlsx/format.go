package xlsx

import "time"

// excelEpoch is day 0 of Excel's 1900 date system as the serials after
// February 1900 count it (Lotus 1-2-3's leap-year bug moves it to Dec 30).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()

// serial is t as an Excel date serial of its wall-clock time in loc:
// spreadsheets have no time zones, so the sheet shows what a clock in the
// plan's zone shows.
func serial(t time.Time, loc *time.Location) float64 {
	t = t.In(loc)
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	return float64(wall.Unix()-excelEpoch)/86400 + float64(wall.Nanosecond())/86400e9
}

// Excel number formats per language. The locale prefix makes the weekday
// names come out in the model's language whatever the reader's locale.
func xlDateFmt(lang string) string {
	if lang == "zh" {
		return `[$-804]yyyy"年"m"月"d"日" "周"aaa`
	}
	return `[$-409]ddd d mmm yyyy`
}

func xlDayHeaderFmt(lang string) string {
	if lang == "zh" {
		return `[$-804]m"月"d"日" "周"aaa`
	}
	return `[$-409]ddd d mmm`
}

func xlDateTimeFmt(lang string) string {
	if lang == "zh" {
		return `yyyy"年"m"月"d"日" hh:mm`
	}
	return `[$-409]d mmm yyyy hh:mm`
}

const (
	xlTimeFmt    = "hh:mm"
	xlIntFmt     = "#,##0"
	xlFloat1Fmt  = "#,##0.0"
	xlFloat2Fmt  = "#,##0.00"
	xlPercentFmt = "0.0%"
)
