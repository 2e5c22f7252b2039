package sample

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestPoissonMoments checks the sampler against the Poisson law's own
// moments (mean = variance = lambda) on seeded draws, across both branches
// (Knuth below 10, PTRS from 10). Tolerance: 5 standard errors of the
// sample mean, 6% on the variance.
func TestPoissonMoments(t *testing.T) {
	r := newRand(7, "poisson-test")
	const n = 40000
	for _, lambda := range []float64{0.3, 4, 9.9, 10, 37, 800} {
		var sum, sum2 float64
		for range n {
			k := float64(poisson(r, lambda))
			sum += k
			sum2 += k * k
		}
		mean := sum / n
		variance := sum2/n - mean*mean
		if se := math.Sqrt(lambda / n); math.Abs(mean-lambda) > 5*se {
			t.Errorf("lambda %v: mean %v, want within %v", lambda, mean, 5*se)
		}
		if math.Abs(variance/lambda-1) > 0.06 {
			t.Errorf("lambda %v: variance %v, want %v within 6%%", lambda, variance, lambda)
		}
	}
	if poisson(r, 0) != 0 || poisson(r, -1) != 0 || poisson(r, math.NaN()) != 0 {
		t.Error("a non-positive mean must give 0")
	}
}

// TestPoissonPMF compares the frequency of each value at lambda 12 (PTRS
// branch) with the exact probability mass function; tolerance 5 binomial
// standard errors.
func TestPoissonPMF(t *testing.T) {
	r := newRand(3, "pmf-test")
	const n, lambda = 100000, 12.0
	counts := map[int]int{}
	for range n {
		counts[poisson(r, lambda)]++
	}
	for k := 4; k <= 22; k++ {
		lg, _ := math.Lgamma(float64(k + 1))
		p := math.Exp(-lambda + float64(k)*math.Log(lambda) - lg)
		got := float64(counts[k]) / n
		if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > 5*se {
			t.Errorf("P(%d) = %.5f, want %.5f ± %.5f", k, got, p, 5*se)
		}
	}
}

// TestZoneAgainstTZDatabase compares the built-in New York and Shanghai
// rules with the tz database at every half hour of 2024-2025 (skipped when
// the machine has no tz database).
func TestZoneAgainstTZDatabase(t *testing.T) {
	for _, z := range []zone{newYork, shanghai} {
		loc, err := time.LoadLocation(z.name)
		if err != nil {
			t.Skipf("no tz database: %v", err)
		}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		end := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		for inst := start; inst < end; inst += 1800 {
			lt := time.Unix(inst, 0).In(loc)
			_, off := lt.Zone()
			if got, want := z.wall(inst), inst+int64(off); got != want {
				t.Fatalf("%s wall(%s) = %s, want %s", z.name, time.Unix(inst, 0).UTC(), formatWall(got), formatWall(want))
			}
			// instant(wall) inverts wall except in the repeated hour, read as daylight time.
			if back := z.instant(z.wall(inst)); back != inst {
				w := z.wall(inst)
				if _, ambiguous := repeatedHour(w); !ambiguous {
					t.Fatalf("%s instant(%s) = %d, want %d", z.name, formatWall(w), back, inst)
				}
			}
		}
	}
}

// repeatedHour reports whether wall time w is in the hour that occurs twice
// when US daylight time ends.
func repeatedHour(w int64) (int64, bool) {
	_, end := dstWalls(wallDate(w).year())
	return end, w >= end-3600 && w < end
}

func TestFixWallSkipsTheMissingHour(t *testing.T) {
	w := wallOf(dateOf(2024, time.March, 10), 2*3600+30*60)
	if got := formatWall(newYork.fixWall(w)); got != "2024-03-10 03:30:00" {
		t.Errorf("fixWall(02:30 on the DST day) = %s, want 03:30", got)
	}
	if got := shanghai.fixWall(w); got != w {
		t.Errorf("Shanghai has no DST: fixWall changed %s", formatWall(w))
	}
}

// TestSchedule checks business-time arithmetic against hand-computed cases.
func TestSchedule(t *testing.T) {
	fri := dateOf(2024, time.March, 15) // a Friday
	tests := []struct {
		name     string
		from     int64
		secs     int64
		wantWall string
	}{
		{"inside the day", wallOf(fri, 9*hour), 2 * hour, "2024-03-15 11:00:00"},
		{"before opening", wallOf(fri, 6*hour), 30 * 60, "2024-03-15 08:30:00"},
		{"over the evening to Saturday", wallOf(fri, 19*hour), 2 * hour, "2024-03-16 09:00:00"},
		{"Saturday evening skips Sunday", wallOf(fri+1, 19*hour), 2 * hour, "2024-03-18 09:00:00"},
		{"Christmas is closed", wallOf(dateOf(2024, time.December, 24), 19*hour), 2 * hour, "2024-12-26 09:00:00"},
	}
	for _, tc := range tests {
		got := supportHours.addBusiness(tc.from, tc.secs)
		if formatWall(got) != tc.wantWall {
			t.Errorf("%s: addBusiness = %s, want %s", tc.name, formatWall(got), tc.wantWall)
		}
		if back := supportHours.businessBetween(tc.from, got); back != tc.secs {
			t.Errorf("%s: businessBetween = %d, want %d", tc.name, back, tc.secs)
		}
	}
	if supportHours.isOpen(wallOf(fri+2, 10*hour)) {
		t.Error("the support team does not work on Sundays")
	}
}

func TestCalendar(t *testing.T) {
	tests := []struct {
		got  date
		want string
	}{
		{blackFriday(2024), "2024-11-29"},
		{cyberMonday(2024), "2024-12-02"},
		{blackFriday(2025), "2025-11-28"},
		{cyberMonday(2025), "2025-12-01"},
		{blackFriday(2026), "2026-11-27"}, // the day after the fourth Thursday of November
		{nthWeekday(2024, time.May, time.Monday, -1), "2024-05-27"},
		{nthWeekday(2025, time.September, time.Monday, 1), "2025-09-01"},
	}
	for _, tc := range tests {
		if day(tc.got) != tc.want {
			t.Errorf("got %s, want %s", day(tc.got), tc.want)
		}
	}
	if dateOf(2024, time.January, 1).weekday() != time.Monday {
		t.Error("2024-01-01 is a Monday")
	}
}

func TestProfilesAreDensities(t *testing.T) {
	for _, p := range []*profile{profileWebEmail, profileWebChat, profileWebMessaging, profileWebSocial, profileWebPhone, profileTmall, profileTmallFestival} {
		prev := 0.0
		for m, c := range p.cdf {
			if c < prev {
				t.Fatalf("%s: CDF decreases at minute %d", p.name, m)
			}
			prev = c
		}
		if math.Abs(prev-1) > 1e-12 {
			t.Errorf("%s: CDF ends at %v", p.name, prev)
		}
	}
}

// TestModelInvariants: shares sum to 1, weekday profiles average 1, kernels
// sum to 1, so perDay and the contact ratio mean what README says.
func TestModelInvariants(t *testing.T) {
	const tol = 1e-9
	for s, p := range streams {
		var share, dow float64
		for _, v := range p.share {
			share += v
		}
		for _, v := range p.dow {
			dow += v
		}
		if math.Abs(share-1) > tol || math.Abs(dow-7) > 1e-6 {
			t.Errorf("%s: shares sum %v, weekday factors sum %v (want 1 and 7)", Stream(s), share, dow)
		}
	}
	for tp, k := range kernels {
		var sum float64
		for _, v := range k.weight {
			sum += v
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Errorf("%s kernel sums to %v", IssueType(tp), sum)
		}
		if -k.first > maxLagAfter || k.first+len(k.weight)-1 > maxLagBefore {
			t.Errorf("%s kernel exceeds the lag bounds", IssueType(tp))
		}
	}
	for mk, dow := range ordersDow {
		var sum float64
		for _, v := range dow {
			sum += v
		}
		if math.Abs(sum-7) > 1e-6 {
			t.Errorf("market %d orders weekday factors sum %v", mk, sum)
		}
	}
}

// classify applies typeRules the way importers.TypeRules.Classify does
// (documented in types.yaml): per rule in order, exact values on type or
// category (also each part of a hierarchical "A::B" category), then tags,
// then regular expressions on type, category and subject.
func classify(t *testing.T, typ, category string, tags []string, subject string) string {
	t.Helper()
	lt, lc := strings.ToLower(typ), strings.ToLower(category)
	for _, r := range typeRules {
		for _, v := range r.values {
			v = strings.ToLower(v)
			if (lt != "" && v == lt) || (lc != "" && v == lc) {
				return r.typ.String()
			}
			for _, part := range strings.FieldsFunc(lc, func(r rune) bool { return r == '/' || r == ':' || r == '>' }) {
				if strings.TrimSpace(part) == v {
					return r.typ.String()
				}
			}
		}
		for _, tag := range tags {
			for _, v := range r.tags {
				if strings.EqualFold(tag, v) {
					return r.typ.String()
				}
			}
		}
		for _, m := range r.match {
			re := regexp.MustCompile(m)
			if (typ != "" && re.MatchString(typ)) || (category != "" && re.MatchString(category)) || (subject != "" && re.MatchString(subject)) {
				return r.typ.String()
			}
		}
	}
	return "other"
}

// TestTypeRulesClassifyEveryLabel: every label the files use maps to its
// type, and no subject is pulled into another type by an earlier rule's
// regular expression.
func TestTypeRulesClassifyEveryLabel(t *testing.T) {
	matched := 0
	for i := range NumTypes {
		typ := IssueType(i)
		want := typ.String()
		cases := map[string]string{
			"freshdesk type":  classify(t, freshdeskType[typ], "", nil, ""),
			"freshdesk tag":   classify(t, "", "", []string{freshdeskTag[typ]}, ""),
			"aircall tag":     classify(t, "", "", []string{aircallTag[typ]}, ""),
			"aircall as type": classify(t, aircallTag[typ], "", nil, ""),
			"qianniu":         classify(t, qianniuType[typ], "", nil, ""),
		}
		for _, reason := range zendeskReasons[typ] {
			cases["zendesk reason "+reason] = classify(t, "", reason, nil, "")
			cases["zendesk tag "+reason] = classify(t, "", "", []string{zendeskReasonTag(reason), "vip", "bfcm_2025"}, "")
		}
		for name, got := range cases {
			if got != want {
				t.Errorf("%s %s: classified %s, want %s", want, name, got, want)
			}
		}
		for _, s := range subjects[typ] {
			subject := fill(s, "NW-123456")
			got := classify(t, "", "", nil, subject)
			if got != want && got != "other" {
				t.Errorf("subject %q of %s is classified %s", subject, want, got)
			}
			if got == want {
				matched++
			}
			// With its label the subject never overrides the type.
			if got := classify(t, freshdeskType[typ], "", nil, subject); got != want {
				t.Errorf("subject %q with type %q: classified %s", subject, freshdeskType[typ], got)
			}
		}
	}
	t.Logf("%d subjects recognised by the regular expressions alone", matched)
}

func TestOptionsValidate(t *testing.T) {
	ok := DefaultOptions()
	mod := func(f func(*Options)) Options { o := ok; f(&o); return o }
	tests := []struct {
		name string
		opts Options
		want string // "" for valid
	}{
		{"default", ok, ""},
		{"no start", mod(func(o *Options) { o.Start = time.Time{} }), "start and end dates are required"},
		{"end before start", mod(func(o *Options) { o.End = o.Start.AddDate(0, 0, -1) }), "is before start"},
		{"zero scale", mod(func(o *Options) { o.Scale = 0 }), "scale 0 must be in"},
		{"NaN scale", mod(func(o *Options) { o.Scale = math.NaN() }), "scale NaN must be in"},
		{"huge scale", mod(func(o *Options) { o.Scale = 11 }), "scale 11 must be in"},
		{"too long", mod(func(o *Options) { o.Start = time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC) }), "at most 10 years"},
		{"year 1999", mod(func(o *Options) { o.Start = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) }), "2000..2099"},
	}
	for _, tc := range tests {
		err := tc.opts.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrOptions)):
			t.Errorf("%s: error %v, want one wrapping ErrOptions containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := Files(mod(func(o *Options) { o.Scale = -1 })); !errors.Is(err, ErrOptions) {
		t.Errorf("Files with bad options: %v", err)
	}
}

// TestExpectedGiftCardRatio: by construction the December gift-card handle
// time is 10x the share-weighted mean of the other types (a shop's field report).
func TestExpectedGiftCardRatio(t *testing.T) {
	for _, s := range []Stream{WebEmail, WebChat, WebMessaging, WebSocial, WebPhone} {
		d := dateOf(2024, time.December, 10)
		p := &streams[s]
		var num, den float64
		for i := range NumTypes {
			if IssueType(i) != GiftCard {
				num += p.share[i] * meanHandle(s, IssueType(i), d)
				den += p.share[i]
			}
		}
		if r := meanHandle(s, GiftCard, d) / (num / den); math.Abs(r-10) > 1e-9 {
			t.Errorf("%s: December gift-card ratio %v, want 10", s, r)
		}
		if r := meanHandle(s, GiftCard, dateOf(2024, time.October, 10)) / (num / den / handlePeak(marketWeb, d)); r > 2 {
			t.Errorf("%s: gift cards outside December take %vx the others", s, r)
		}
	}
}

func ExampleIssueType_String() {
	for i := range NumTypes {
		fmt.Print(IssueType(i), " ")
	}
	fmt.Println()
	// Output: order_status shipping_delivery returns_refunds payment product_question gift_card account discount_code
}
