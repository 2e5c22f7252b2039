package sample

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// ErrOptions marks options the generator cannot work with.
var ErrOptions = errors.New("invalid sample options")

// Options control the generator. The zero value is not ready: use
// DefaultOptions and change what you need.
type Options struct {
	// Seed selects the random sequence; the same seed gives byte-identical files.
	Seed uint64
	// Start and End are the first and last days of the history (civil
	// dates; the clock and zone are ignored). The helpdesk migration is on
	// January 1 of End's year: tickets before it are in the Freshdesk file.
	Start, End time.Time
	// Scale multiplies every volume (contacts and orders): 1 is the story's
	// mid-size shop, 0.05 a quick sample for tests.
	Scale float64
}

// The story's defaults: 24 months, seed 1, full scale.
var (
	DefaultStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	DefaultEnd   = time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// DefaultOptions returns seed 1, 2024-01-01..2025-12-31, scale 1.
func DefaultOptions() Options {
	return Options{Seed: 1, Start: DefaultStart, End: DefaultEnd, Scale: 1}
}

// Limits on the options: long or huge samples are not what this is for.
const (
	maxYears = 10
	maxScale = 10
)

// Validate checks the options; errors wrap ErrOptions.
func (o Options) Validate() error {
	switch {
	case o.Start.IsZero() || o.End.IsZero():
		return fmt.Errorf("%w: start and end dates are required", ErrOptions)
	case o.Start.Year() < 2000 || o.End.Year() > 2099:
		return fmt.Errorf("%w: dates must lie in 2000..2099", ErrOptions)
	case dateFromTime(o.End) < dateFromTime(o.Start):
		return fmt.Errorf("%w: end %s is before start %s", ErrOptions, o.End.Format(time.DateOnly), o.Start.Format(time.DateOnly))
	case dateFromTime(o.End)-dateFromTime(o.Start) > maxYears*366:
		return fmt.Errorf("%w: at most %d years of history", ErrOptions, maxYears)
	case !(o.Scale > 0 && o.Scale <= maxScale):
		return fmt.Errorf("%w: scale %v must be in (0, %d]", ErrOptions, o.Scale, maxScale)
	}
	return nil
}

// contact is one generated arrival (before any vendor formats it).
type contact struct {
	stream   Stream
	typ      IssueType
	sub      uint8   // sub-channel: the source label within the stream
	day      date    // local creation date
	created  int64   // wall seconds in the stream's zone
	handle   int32   // handle time in seconds
	load     float32 // the stream's volume that day relative to a normal day of that weekday
	customer int32   // index in the market's customer pool
	seq      int32   // position in the stream, for per-contact random sequences
}

// subChannels are the stream's source labels and their shares. Names are
// internal; each vendor file has its own label for them.
var subChannels = [NumStreams][]float64{
	WebEmail:     {0.72, 0.22, 0.06}, // email, web form / portal, feedback widget
	WebChat:      {1},
	WebMessaging: {0.7, 0.3},      // web/app messaging, WhatsApp
	WebSocial:    {0.4, 0.2, 0.4}, // Facebook, Twitter, Instagram DM
	WebPhone:     {1},
	TmallChat:    {1},
}

// customer pools: repeat customers make contact ids repeat.
var customerPool = [2]int{marketWeb: 60000, marketTmall: 50000}

// world is everything generated once for a seed, which the vendor writers
// format.
type world struct {
	opts       Options
	start, end date
	growthRef  date
	migration  date // first day in Zendesk
	contacts   [NumStreams][]contact
	orders     []dayOrders
	// cumWebOrders[i] is the number of web orders before day start+i.
	cumWebOrders []int
	lift         [2][]float64 // per market, from start-maxLagBefore
	liftFrom     date
}

type dayOrders struct {
	day        date
	web, tmall int
}

// zoneOf returns the wall-clock zone of a stream.
func zoneOf(s Stream) zone {
	if streams[s].market == marketTmall {
		return shanghai
	}
	return newYork
}

func newWorld(opts Options) (*world, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	w := newModel(opts)
	for s := range NumStreams {
		w.generateStream(Stream(s))
	}
	w.generateOrders()
	return w, nil
}

// newModel prepares the calendar of a world (order lift per day, growth
// reference, migration day) without drawing anything.
func newModel(opts Options) *world {
	w := &world{opts: opts, start: dateFromTime(opts.Start), end: dateFromTime(opts.End)}
	w.growthRef = w.start + 182
	w.migration = dateOf(w.end.year(), time.January, 1)
	w.liftFrom = w.start - maxLagBefore
	for mk := range w.lift {
		w.lift[mk] = make([]float64, int(w.end-w.liftFrom)+1+maxLagAfter)
		for i := range w.lift[mk] {
			w.lift[mk][i] = orderLift(market(mk), w.liftFrom+date(i))
		}
	}
	return w
}

// liftAt returns a market's order lift on day d.
func (w *world) liftAt(mk market, d date) float64 { return w.lift[mk][d-w.liftFrom] }

// expected returns the mean number of contacts of each type of stream s on
// day d (before the day's volume shock, whose mean is 1):
//
//	mean(s,t,d) = perDay(s) x scale x growth(d) x dow(s,d) x holiday(s,d) x share(s,t)
//	              x sum_k kernel(t,k) x lift(d-k)^elasticity(t) x typeSeason(t,d) x incident(t,d)
func (w *world) expected(s Stream, d date) (mean [NumTypes]float64) {
	p := &streams[s]
	base := p.perDay * w.opts.Scale * growth(d, w.growthRef) * p.dow[d.weekday()] * contactHoliday(p.market, d)
	for t := range NumTypes {
		k := &kernels[t]
		var lagged float64
		for i, wt := range k.weight {
			lagged += wt * math.Pow(w.liftAt(p.market, d-date(k.first+i)), elasticity[t])
		}
		mean[t] = base * p.share[t] * lagged * typeSeason(p.market, IssueType(t), d) * w.incidentFactor(p.market, IssueType(t), d)
	}
	return mean
}

func (w *world) incidentFactor(mk market, t IssueType, d date) float64 {
	f := 1.0
	for _, in := range incidents(w.start.year()) {
		if in.mk == mk && in.typ == t && d >= in.first && d < in.first+date(in.days) {
			f *= in.factor
		}
	}
	return f
}

// generateStream draws the stream's arrivals: a non-homogeneous Poisson
// process. Per day the count is Poisson with the expected mean times a
// lognormal shock; given the count, arrival times are independent draws from
// the day's intraday density (the order statistics of an NHPP, Ross,
// Simulation, 5th ed., 5.5). Handle times are lognormal around meanHandle.
func (w *world) generateStream(s Stream) {
	r := newRand(w.opts.Seed, "arrivals/"+streams[s].name)
	p := &streams[s]
	z := zoneOf(s)
	var out []contact
	for d := w.start; d <= w.end; d++ {
		mean := w.expected(s, d)
		var total, normal float64
		base := p.perDay * w.opts.Scale * growth(d, w.growthRef) * p.dow[d.weekday()] * contactHoliday(p.market, d)
		for t := range NumTypes {
			total += mean[t]
			normal += base * p.share[t]
		}
		load := float32(total / normal)
		shock := lognormal(r, 1, dayNoiseSigma)
		prof := profileFor(s, d)
		first := len(out)
		for t := range NumTypes {
			n := poisson(r, mean[t]*shock)
			hmean := meanHandle(s, IssueType(t), d)
			for range n {
				c := contact{stream: s, typ: IssueType(t), day: d, load: load}
				c.created = z.fixWall(wallOf(d, prof.sampleSecond(r)))
				c.handle = int32(math.Max(15, math.Round(lognormal(r, hmean, p.handleSigma))))
				c.sub = uint8(pick(r, subChannels[s]))
				u := r.Float64()
				c.customer = int32(float64(customerPool[p.market]) * u * u)
				out = append(out, c)
			}
		}
		day := out[first:]
		slices.SortStableFunc(day, func(a, b contact) int { return int(a.created - b.created) })
	}
	for i := range out {
		out[i].seq = int32(i)
	}
	w.contacts[s] = out
}

// generateOrders derives daily orders from the contact ratio: a normal day's
// orders = a normal day's contacts / ratio, times growth, the orders'
// weekday profile, the market's lift and a small lognormal shock.
func (w *world) generateOrders() {
	r := newRand(w.opts.Seed, "orders")
	var webPerDay, tmallPerDay float64
	for s := range NumStreams {
		if streams[s].market == marketWeb {
			webPerDay += streams[s].perDay
		} else {
			tmallPerDay += streams[s].perDay
		}
	}
	webBase := webPerDay / webContactRatio * w.opts.Scale
	tmallBase := tmallPerDay / tmallContactRatio * w.opts.Scale
	for d := w.start; d <= w.end; d++ {
		g := growth(d, w.growthRef)
		wd := d.weekday()
		web := webBase * g * ordersDow[marketWeb][wd] * w.liftAt(marketWeb, d) * lognormal(r, 1, orderNoiseSigma)
		tm := tmallBase * g * ordersDow[marketTmall][wd] * w.liftAt(marketTmall, d) * lognormal(r, 1, orderNoiseSigma)
		w.orders = append(w.orders, dayOrders{day: d, web: int(math.Round(web)), tmall: int(math.Round(tm))})
	}
	w.cumWebOrders = make([]int, len(w.orders))
	for i := 1; i < len(w.orders); i++ {
		w.cumWebOrders[i] = w.cumWebOrders[i-1] + w.orders[i-1].web
	}
}

// Expectation is the true mean of one stream on one day: what a perfect
// forecast would predict.
type Expectation struct {
	Date   time.Time // the local date (UTC midnight)
	Stream Stream
	// Contacts is the expected number of contacts by issue type. Daily
	// counts are Poisson around it times a lognormal shock of mean 1.
	Contacts [NumTypes]float64
	// HandleSeconds is the mean handle time by issue type.
	HandleSeconds [NumTypes]float64
}

// Expected returns the true daily means of every stream over the options'
// range, stream by stream, day by day.
func Expected(opts Options) ([]Expectation, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	w := newModel(opts)
	var out []Expectation
	for s := range NumStreams {
		for d := w.start; d <= w.end; d++ {
			e := Expectation{Date: d.time(), Stream: Stream(s), Contacts: w.expected(Stream(s), d)}
			for t := range NumTypes {
				e.HandleSeconds[t] = meanHandle(Stream(s), IssueType(t), d)
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// String is the stream's name, e.g. "web-email".
func (s Stream) String() string {
	if int(s) < NumStreams {
		return streams[s].name
	}
	return fmt.Sprintf("stream(%d)", s)
}

// Channel is the planner's channel of the stream: email, chat, messaging,
// social or phone.
func (s Stream) Channel() string { return streams[s].channel }

// Zone is the IANA name of the zone the stream's timestamps are written in.
func (s Stream) Zone() string { return zoneOf(s).name }
