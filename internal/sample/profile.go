package sample

import (
	"math"
	"math/rand/v2"
	"sort"
)

// bump is one component of an intraday profile: a normal density over the
// hour of the day (wrapped around midnight) with mean atHour and standard
// deviation sdHours, weighted by weight.
type bump struct {
	atHour, sdHours, weight float64
}

// profile is the intraday arrival density of a stream on one kind of day:
// uniform weight plus bumps, plus (for festival days) a spike that decays
// after midnight and a ramp in the last hour. It is tabulated per minute.
type profile struct {
	name    string
	uniform float64
	bumps   []bump
	// midnight: weight of an exponential decay from 00:00 with mean
	// midnightMeanMinutes; lastHour: weight rising linearly over 23:00-24:00.
	midnight            float64
	midnightMeanMinutes float64
	lastHour            float64

	cdf []float64 // 1440 cumulative minute weights, last = 1
}

const minutesPerDay = 1440

// density returns the (unnormalized) arrival density at minute m of the day.
func (p *profile) density(m float64) float64 {
	h := m / 60
	v := p.uniform / 24
	for _, b := range p.bumps {
		for _, shift := range [...]float64{-24, 0, 24} {
			z := (h - b.atHour + shift) / b.sdHours
			v += b.weight * math.Exp(-z*z/2) / (b.sdHours * math.Sqrt(2*math.Pi))
		}
	}
	if p.midnight > 0 {
		mean := p.midnightMeanMinutes / 60
		v += p.midnight * math.Exp(-h/mean) / mean
	}
	if p.lastHour > 0 && h >= 23 {
		v += p.lastHour * 2 * (h - 23)
	}
	return v
}

// tabulate fills the per-minute CDF, evaluating the density at each
// minute's midpoint.
func (p *profile) tabulate() *profile {
	p.cdf = make([]float64, minutesPerDay)
	var sum float64
	for m := range minutesPerDay {
		sum += p.density(float64(m) + 0.5)
		p.cdf[m] = sum
	}
	for m := range p.cdf {
		p.cdf[m] /= sum
	}
	return p
}

// share returns the fraction of the day's arrivals between minutes from and to.
func (p *profile) share(from, to int) float64 {
	at := func(m int) float64 {
		if m <= 0 {
			return 0
		}
		return p.cdf[min(m, minutesPerDay)-1]
	}
	return at(to) - at(from)
}

// sampleSecond draws a second of the day from the profile: a minute by
// inverse CDF, then a uniform second inside it.
func (p *profile) sampleSecond(r *rand.Rand) int64 {
	u := r.Float64()
	m := sort.SearchFloat64s(p.cdf, u)
	if m >= minutesPerDay {
		m = minutesPerDay - 1
	}
	return int64(m)*60 + r.Int64N(60)
}

// The intraday profiles. Normal days show a double hump (peaks about 10:00-12:00
// and 14:00-16:00 local time) with an evening shoulder for chat and Tmall;
// the Tmall festival profile (Double 11, 618, 12.12) adds the spikes Taobao
// and Tmall shops report: 00:00 right after midnight, around 10:00, and
// after 23:00.
var (
	profileWebEmail = (&profile{name: "web email", uniform: 0.08, bumps: []bump{
		{10.75, 1.2, 0.37}, {14.75, 1.4, 0.37}, {20.5, 1.8, 0.18}}}).tabulate()
	profileWebChat = (&profile{name: "web chat", uniform: 0.04, bumps: []bump{
		{11, 1.2, 0.38}, {15, 1.4, 0.38}, {20.25, 1.6, 0.20}}}).tabulate()
	profileWebMessaging = (&profile{name: "web messaging", uniform: 0.10, bumps: []bump{
		{11, 1.3, 0.34}, {15, 1.5, 0.34}, {20.5, 1.8, 0.22}}}).tabulate()
	profileWebSocial = (&profile{name: "web social", uniform: 0.25, bumps: []bump{
		{12.5, 3, 0.35}, {20.5, 2.5, 0.40}}}).tabulate()
	profileWebPhone = (&profile{name: "web phone", uniform: 0.03, bumps: []bump{
		{10.5, 1.2, 0.44}, {14.75, 1.4, 0.44}, {19.25, 1.0, 0.09}}}).tabulate()
	profileTmall = (&profile{name: "Tmall", uniform: 0.05, bumps: []bump{
		{10.5, 1.1, 0.25}, {15, 1.3, 0.28}, {21, 1.5, 0.32}, {0.25, 0.6, 0.03}}}).tabulate()
	profileTmallFestival = (&profile{name: "Tmall festival", uniform: 0.6 * 0.05, bumps: []bump{
		{10.5, 1.1, 0.6 * 0.25}, {15, 1.3, 0.6 * 0.28}, {21, 1.5, 0.6 * 0.32}, {0.25, 0.6, 0.6 * 0.03},
		{10.0, 0.45, 0.07}},
		midnight: 0.12, midnightMeanMinutes: 25, lastHour: 0.06}).tabulate()
)

// festivalLift is the Tmall order lift from which a day uses the festival profile.
const festivalLift = 3.5

// profileFor returns the intraday profile of stream s on day d.
func profileFor(s Stream, d date) *profile {
	if s == TmallChat && tmallEvent(d) >= festivalLift {
		return profileTmallFestival
	}
	return streams[s].profile
}
