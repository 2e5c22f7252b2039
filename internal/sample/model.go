package sample

import (
	"math"
	"time"
)

// IssueType is one of the planner's canonical issue types in the sample.
type IssueType uint8

// The sample's issue types; types.yaml maps every vendor label to them.
const (
	OrderStatus IssueType = iota
	ShippingDelivery
	ReturnsRefunds
	Payment
	ProductQuestion
	GiftCard
	Account
	DiscountCode
	NumTypes int = iota
)

var typeNames = [NumTypes]string{
	"order_status", "shipping_delivery", "returns_refunds", "payment",
	"product_question", "gift_card", "account", "discount_code",
}

// String is the canonical name used by the planner (types.yaml "type").
func (t IssueType) String() string {
	if int(t) < NumTypes {
		return typeNames[t]
	}
	return "other"
}

// Stream is one arrival process of the story: a market and a channel.
type Stream uint8

// The streams. Web streams are in New York time, Tmall in China time.
const (
	WebEmail     Stream = iota // Freshdesk Email/Portal/Feedback Widget, Zendesk Mail/Web form
	WebChat                    // live chat on the web store
	WebMessaging               // asynchronous messaging (Freshchat in 2024, Zendesk messaging + WhatsApp in 2025)
	WebSocial                  // Facebook, Twitter, Instagram DM
	WebPhone                   // Aircall inbound calls
	TmallChat                  // Qianniu chat sessions
	NumStreams   int    = iota
)

type market uint8

const (
	marketWeb market = iota
	marketTmall
)

// streamParams are the true generating parameters of one stream.
type streamParams struct {
	name    string
	channel string // the planner's channel
	market  market
	// perDay is the mean contacts per day at the growth reference date on a
	// day with order lift 1, averaged over the week (dow has mean 1).
	perDay float64
	// dow multiplies perDay by weekday (index time.Weekday: Sunday first).
	dow [7]float64
	// share is the issue-type mix on a normal day (sums to 1).
	share [NumTypes]float64
	// handleMean is the mean handle time in seconds per issue type on a
	// normal day; handle times are lognormal with log-sd handleSigma.
	handleMean  [NumTypes]float64
	handleSigma float64
	profile     *profile
}

func minutes(m ...float64) (out [NumTypes]float64) {
	for i, v := range m {
		out[i] = v * 60
	}
	return out
}

// streams holds every stream's parameters. Per-day volumes were chosen so a
// normal weekday in mid-2024 has about 80 email/web-form tickets, 40 calls
// and 50 chats, messages and social posts, and Tmall about 60 chats a day.
var streams = [NumStreams]streamParams{
	WebEmail: {
		name: "web-email", channel: "email", market: marketWeb, perDay: 72,
		dow:   [7]float64{0.72, 1.28, 1.16, 1.08, 1.04, 0.98, 0.74},
		share: [NumTypes]float64{0.26, 0.18, 0.22, 0.07, 0.10, 0.04, 0.07, 0.06},
		// order, shipping, returns, payment, product, gift card, account, discount
		handleMean:  minutes(4.5, 5.5, 7, 6, 5, 6, 5, 3.5),
		handleSigma: 0.6,
		profile:     profileWebEmail,
	},
	WebChat: {
		name: "web-chat", channel: "chat", market: marketWeb, perDay: 30,
		dow:         [7]float64{0.83, 1.18, 1.10, 1.05, 1.02, 0.97, 0.85},
		share:       [NumTypes]float64{0.22, 0.12, 0.10, 0.10, 0.22, 0.04, 0.05, 0.15},
		handleMean:  minutes(7, 8, 10, 9, 9, 9, 8, 5),
		handleSigma: 0.5,
		profile:     profileWebChat,
	},
	WebMessaging: {
		name: "web-messaging", channel: "messaging", market: marketWeb, perDay: 12,
		dow:         [7]float64{0.83, 1.18, 1.10, 1.05, 1.02, 0.97, 0.85},
		share:       [NumTypes]float64{0.24, 0.14, 0.12, 0.08, 0.18, 0.04, 0.05, 0.15},
		handleMean:  minutes(6, 7, 9, 8, 7, 8, 7, 4.5),
		handleSigma: 0.55,
		profile:     profileWebMessaging,
	},
	WebSocial: {
		name: "web-social", channel: "social", market: marketWeb, perDay: 7,
		dow:         [7]float64{0.93, 1.08, 1.04, 1.02, 1.00, 0.98, 0.95},
		share:       [NumTypes]float64{0.30, 0.25, 0.15, 0.03, 0.12, 0.02, 0.03, 0.10},
		handleMean:  minutes(3.5, 4.5, 5.5, 5, 4, 5, 4, 3),
		handleSigma: 0.6,
		profile:     profileWebSocial,
	},
	WebPhone: {
		name: "web-phone", channel: "phone", market: marketWeb, perDay: 34,
		dow:         [7]float64{0.25, 1.36, 1.25, 1.17, 1.12, 1.05, 0.80},
		share:       [NumTypes]float64{0.25, 0.15, 0.15, 0.15, 0.08, 0.07, 0.10, 0.05},
		handleMean:  minutes(4, 5, 6.5, 6, 5.5, 6, 5.5, 3.5),
		handleSigma: 0.55,
		profile:     profileWebPhone,
	},
	TmallChat: {
		name: "tmall-chat", channel: "chat", market: marketTmall, perDay: 60,
		dow:   [7]float64{1.05, 1.02, 0.98, 0.97, 0.97, 0.98, 1.03},
		share: [NumTypes]float64{0.12, 0.25, 0.15, 0.05, 0.28, 0.01, 0.02, 0.12},
		// 订单状态, 物流查询, 退换货, 付款问题, 商品咨询, 礼品卡, 账户问题, 优惠券
		handleMean:  minutes(3, 3.5, 6, 4, 5, 5, 4, 2.5),
		handleSigma: 0.6,
		profile:     profileTmall,
	},
}

// Contact ratios: contacts per order on a normal day (support leads plan
// volume = orders x ratio, the ratio taken from last season). Orders are derived from them, so the ratio is a
// true parameter of the sample.
const (
	webContactRatio   = 0.08
	tmallContactRatio = 0.05
)

// growthPerYear is the year-over-year growth of orders and contacts.
const growthPerYear = 1.15

// dayNoiseSigma is the log-sd of the per-stream, per-day volume shock
// (lognormal with mean 1), which makes daily counts overdispersed like real
// ones; orderNoiseSigma is the same for daily orders.
const (
	dayNoiseSigma   = 0.08
	orderNoiseSigma = 0.04
)

// ordersDow is the weekday profile of orders (Sunday first, mean 1).
var ordersDow = [2][7]float64{
	marketWeb:   {1.06, 1.05, 1.00, 0.99, 0.97, 0.95, 0.98},
	marketTmall: {1.08, 0.98, 0.96, 0.96, 0.97, 1.00, 1.05},
}

// lagKernel spreads the contacts caused by one day's orders over the days
// around it: weight[i] goes to the day offset first+i after the orders
// (negative offsets: questions asked before buying).
type lagKernel struct {
	first  int
	weight []float64
}

// kernels per issue type: pre-purchase questions come the same day or the
// day before, "where is my order" 1-10 days after, shipping 2-12 days,
// returns 5-30 days. This lag is what makes the week after BFCM the busiest
// for tickets (Influx measured +79% the week after BFCM across 10
// e-commerce brands).
var kernels = [NumTypes]lagKernel{
	OrderStatus:      {1, []float64{0.08, 0.14, 0.18, 0.17, 0.14, 0.10, 0.08, 0.05, 0.04, 0.02}},
	ShippingDelivery: {2, []float64{0.06, 0.10, 0.13, 0.14, 0.13, 0.11, 0.09, 0.08, 0.06, 0.05, 0.05}},
	ReturnsRefunds:   {5, triangle(26, 7)},
	Payment:          {0, []float64{0.85, 0.15}},
	ProductQuestion:  {-1, []float64{0.25, 0.75}},
	GiftCard:         {0, []float64{1}},
	Account:          {0, []float64{0.5, 0.2, 0.15, 0.15}},
	DiscountCode:     {-1, []float64{0.15, 0.85}},
}

// elasticity: the lagged order lift is raised to this power, so discount
// codes spike harder than orders at BFCM and 11.11, and account questions less.
var elasticity = [NumTypes]float64{
	OrderStatus: 1.1, ShippingDelivery: 1.1, ReturnsRefunds: 1.0, Payment: 1.0,
	ProductQuestion: 1.1, GiftCard: 0.6, Account: 0.5, DiscountCode: 1.35,
}

// triangle returns n weights rising linearly to index peak and falling after,
// normalized to sum 1.
func triangle(n, peak int) []float64 {
	w := make([]float64, n)
	var sum float64
	for i := range w {
		if i <= peak {
			w[i] = float64(i+1) / float64(peak+1)
		} else {
			w[i] = float64(n-i) / float64(n-peak)
		}
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// maxLagBefore and maxLagAfter bound the kernels' offsets; lift is computed
// over the range widened by them.
const (
	maxLagBefore = 31
	maxLagAfter  = 2
)

// seasonWeb and seasonTmall are the monthly order levels (January first).
var (
	seasonWeb   = [12]float64{0.90, 0.88, 0.95, 0.97, 1.00, 0.97, 0.95, 1.02, 0.98, 1.00, 1.05, 1.00}
	seasonTmall = [12]float64{1.00, 0.90, 1.00, 0.95, 1.00, 1.00, 0.90, 0.90, 1.00, 1.00, 1.05, 1.05}
)

// webEvent is the web store's order multiplier for an event day (1 when
// none): Black Friday 4x, Cyber Monday 3x, the Christmas season, the US
// shopping holidays.
func webEvent(d date) float64 {
	y := d.year()
	m, dd := d.monthDay()
	bf, cm := blackFriday(y), cyberMonday(y)
	switch {
	case d == bf-1:
		return 1.5 // Thanksgiving: early deals open online
	case d == bf:
		return 4.0
	case d == bf+1:
		return 1.4 // the Saturday after: -53% chats vs Black Friday (LiveChat, 2015)
	case d == bf+2:
		return 1.8
	case d == cm:
		return 3.0
	case d == cm+1:
		return 1.8
	case d > cm+1 && d <= cm+6:
		return 1.3
	case m == time.November && dd >= 15 && d < bf-1:
		return 1.3 // early Black Friday deals
	case m == time.December && d > cm+6 && dd <= 17:
		return 1.2 // Christmas shopping until the shipping cut-off
	case m == time.December && dd >= 18 && dd <= 22:
		return 1.1
	case m == time.December && dd == 23:
		return 0.9
	case m == time.December && dd == 24:
		return 0.6
	case m == time.December && dd == 25:
		return 0.35
	case m == time.December && dd == 26:
		return 1.3 // after-Christmas sale, gift cards redeemed
	case m == time.January && dd == 1:
		return 0.6
	}
	memorial := nthWeekday(y, time.May, time.Monday, -1)
	labor := nthWeekday(y, time.September, time.Monday, 1)
	switch {
	case d >= memorial-2 && d <= memorial:
		return 1.5
	case d >= labor-2 && d <= labor:
		return 1.4
	}
	return 1
}

// tmallEvent is the Tmall store's order multiplier: Double 11 15x, 618 5x,
// 12.12 4x, 3.8 2x, and the Spring Festival lull when couriers stop.
func tmallEvent(d date) float64 {
	y := d.year()
	m, dd := d.monthDay()
	if cny, ok := chineseNewYear[y]; ok {
		switch {
		case d >= cny-7 && d <= cny+6:
			return 0.45
		case d >= cny-10 && d < cny-7:
			return 0.8
		}
	}
	switch {
	case m == time.March && dd == 7:
		return 1.3
	case m == time.March && dd == 8:
		return 2.0
	case m == time.June && dd < 18:
		return 1.3
	case m == time.June && dd == 18:
		return 5.0
	case m == time.June && dd == 19:
		return 1.3
	case m == time.October && dd >= 24:
		return 1.3 // Double 11 pre-sale deposits
	case m == time.November && dd <= 9:
		return 1.5
	case m == time.November && dd == 10:
		return 2.0
	case m == time.November && dd == 11:
		return 15.0
	case m == time.November && dd == 12:
		return 2.0
	case m == time.November && dd == 13:
		return 1.3
	case m == time.December && dd == 11:
		return 1.3
	case m == time.December && dd == 12:
		return 4.0
	}
	return 1
}

// orderLift is a market's order level on day d relative to a normal day
// (season x event), before growth and weekday.
func orderLift(mk market, d date) float64 {
	mo := int(d.month()) - 1
	if mk == marketWeb {
		return seasonWeb[mo] * webEvent(d)
	}
	return seasonTmall[mo] * tmallEvent(d)
}

// contactHoliday multiplies a web stream's contacts on US holidays (people
// write less on Thanksgiving and Christmas); Tmall has no such factor (the
// Spring Festival is in its order lift).
func contactHoliday(mk market, d date) float64 {
	if mk != marketWeb {
		return 1
	}
	switch usHoliday(d) {
	case "New Year's Day", "Independence Day":
		return 0.6
	case "Memorial Day", "Labor Day":
		return 0.8
	case "Thanksgiving":
		return 0.5
	case "Christmas Eve":
		return 0.7
	case "Christmas Day":
		return 0.35
	}
	return 1
}

// typeSeason is an issue type's own seasonal factor: gift-card questions
// triple in December and quadruple in the redemption days after Christmas;
// gift returns add 40% to returns from December 26 to January 20.
func typeSeason(mk market, t IssueType, d date) float64 {
	if mk != marketWeb {
		return 1
	}
	m, dd := d.monthDay()
	switch t {
	case GiftCard:
		switch {
		case m == time.December && dd <= 24:
			return 3
		case m == time.December || (m == time.January && dd <= 10):
			return 4
		}
	case ReturnsRefunds:
		if (m == time.December && dd >= 26) || (m == time.January && dd <= 20) {
			return 1.4
		}
	}
	return 1
}

// incident is a one-off event in one market: a multiplier on one issue type
// for a few days. Real histories have them; forecasts should not repeat them.
type incident struct {
	what   string
	mk     market
	typ    IssueType
	first  date
	days   int
	factor float64
}

// incidents of the story, placed relative to the first and second year.
func incidents(startYear int) []incident {
	return []incident{
		{what: "payment provider outage", mk: marketWeb, typ: Payment,
			first: nthWeekday(startYear, time.March, time.Thursday, 2), days: 1, factor: 6},
		{what: "carrier delay (regional hub closed)", mk: marketWeb, typ: ShippingDelivery,
			first: nthWeekday(startYear+1, time.August, time.Tuesday, 1), days: 5, factor: 2.5},
		{what: "Tmall coupon misconfigured", mk: marketTmall, typ: DiscountCode,
			first: nthWeekday(startYear+1, time.April, time.Saturday, 2), days: 2, factor: 4},
	}
}

// handlePeak multiplies handle times in peak weeks (handle time rises at
// peak: LiveChat's 2015 report found chats about a minute longer in
// November and December): web +18% from the Monday of
// Thanksgiving week to a week after Cyber Monday, +12% until Christmas Eve;
// Tmall +12% on Double 11's run-up, +20% on 11.11, +10% around 618 and 12.12.
func handlePeak(mk market, d date) float64 {
	y := d.year()
	m, dd := d.monthDay()
	if mk == marketWeb {
		bf, cm := blackFriday(y), cyberMonday(y)
		switch {
		case d >= bf-4 && d <= cm+7:
			return 1.18
		case d > cm+7 && m == time.December && dd <= 24:
			return 1.12
		}
		return 1
	}
	switch {
	case m == time.November && dd == 11:
		return 1.20
	case m == time.November && dd <= 15:
		return 1.12
	case m == time.June && dd >= 16 && dd <= 19:
		return 1.10
	case m == time.December && dd >= 11 && dd <= 13:
		return 1.10
	}
	return 1
}

// giftCardDecemberFactor: in December a web gift-card contact takes this many
// times the mean handle time of the stream's other types (one shop's field
// report: gift-card questions took 10x the time of any other type in
// December).
const giftCardDecemberFactor = 10

// meanHandle returns the expected handle time in seconds of type t on stream
// s on day d.
func meanHandle(s Stream, t IssueType, d date) float64 {
	p := &streams[s]
	peak := handlePeak(p.market, d)
	if t == GiftCard && p.market == marketWeb && d.month() == time.December {
		var num, den float64
		for o := range NumTypes {
			if IssueType(o) != GiftCard {
				num += p.share[o] * p.handleMean[o]
				den += p.share[o]
			}
		}
		return giftCardDecemberFactor * num / den * peak
	}
	return p.handleMean[t] * peak
}

// growth is the volume factor relative to the reference date:
// growthPerYear^(days/365.25).
func growth(d, ref date) float64 {
	return math.Pow(growthPerYear, float64(d-ref)/365.25)
}
