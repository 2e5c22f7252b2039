package civil

import (
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		err  string
	}{
		{"00:00", 0, ""},
		{"08:00", 480, ""},
		{"8:00", 480, ""},
		{" 17:30 ", 1050, ""},
		{"23:59", 1439, ""},
		{"24:00", 1440, ""},
		{"24:01", 0, `time of day "24:01": want HH:MM between 00:00 and 24:00`},
		{"25:00", 0, `time of day "25:00": want HH:MM between 00:00 and 24:00`},
		{"12:60", 0, `time of day "12:60": want HH:MM between 00:00 and 24:00`},
		{"-1:00", 0, `time of day "-1:00": want HH:MM between 00:00 and 24:00`},
		{"ab:00", 0, `time of day "ab:00": want HH:MM between 00:00 and 24:00`},
		{"+8:00", 0, `time of day "+8:00": want HH:MM between 00:00 and 24:00`},
		{"08:+5", 0, `time of day "08:+5": want HH:MM between 00:00 and 24:00`},
		{"８:00", 0, `time of day "８:00": want HH:MM`},
		{"8", 0, `time of day "8": want HH:MM`},
		{"8:0", 0, `time of day "8:0": want HH:MM`},
		{"008:00", 0, `time of day "008:00": want HH:MM`},
		{"08:00:00", 0, `time of day "08:00:00": want HH:MM`},
		{":30", 0, `time of day ":30": want HH:MM`},
		{"", 0, `time of day "": want HH:MM`},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseClock(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseClockUnpadded(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
		err  string
	}{
		{"6:0", 360, ""},
		{"13:0", 780, ""},
		{"06:00", 360, ""},
		{"0:5", 5, ""},
		{"24:0", 1440, ""},
		{"24:30", 0, `time "24:30": want H:M between 0:0 and 24:0`},
		{"6:60", 0, `time "6:60": want H:M between 0:0 and 24:0`},
		{"13h", 0, `time "13h": want H:M`},
		{"6:", 0, `time "6:": want H:M between 0:0 and 24:0`},
		{"+6:0", 0, `time "+6:0": want H:M between 0:0 and 24:0`},
	}
	for _, tt := range tests {
		got, err := ParseClockUnpadded(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseClockUnpadded(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseClockUnpadded(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestClockString(t *testing.T) {
	for c, want := range map[Clock]string{0: "00:00", 5: "00:05", 1050: "17:30", EndOfDay: "24:00"} {
		if got := c.String(); got != want {
			t.Errorf("Clock(%d).String() = %q, want %q", int(c), got, want)
		}
		back, err := ParseClock(want)
		if err != nil || back != c {
			t.Errorf("ParseClock(%q) = %v, %v; want %d", want, back, err, int(c))
		}
	}
	if d := Clock(1050).Duration(); d != 17*time.Hour+30*time.Minute {
		t.Errorf("Duration = %v", d)
	}
}
