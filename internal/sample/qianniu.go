package sample

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// QianniuHeader is the header of the Qianniu chat-session export (one row
// per conversation; Alibaba publishes no specification, the names follow
// third-party code that parses real exports).
var QianniuHeader = []string{"会话ID", "客服", "买家", "咨询时间", "首次响应时间", "结束时间", "接待时长(秒)", "咨询类型", "是否转化", "满意度"}

// qianniuType is the 咨询类型 label of each issue type.
var qianniuType = [NumTypes]string{"订单状态", "物流查询", "退换货", "付款问题", "商品咨询", "礼品卡", "账户问题", "优惠券"}

// Summary rows at the end of 赤兔 / 生意参谋 exports.
const (
	qianniuTotalRow   = "汇总值"
	qianniuAverageRow = "平均值"
)

// tmallServing reports whether Tmall agents are online at wall time w:
// 09:00-24:00 every day, around the clock on festival days (Double 11, 618,
// 12.12).
func tmallServing(w int64) bool {
	d := wallDate(w)
	return tmallEvent(d) >= festivalLift || w-int64(d)*secondsPerDay >= 9*hour
}

// preSale reports the issue types asked before buying (转化 applies to them).
func preSale(t IssueType) bool {
	return t == ProductQuestion || t == DiscountCode || t == Payment
}

// writeQianniu writes the Tmall chat sessions GBK-encoded with CRLF line
// ends, and the two summary rows. Times are China wall time. A session's
// 首次响应时间 is the first agent reply (empty if the buyer left before one,
// 1.5% of sessions; then 接待时长 is 0); 结束时间 = first reply + 接待时长.
func (w *world) writeQianniu(out io.Writer) error {
	enc := transform.NewWriter(out, simplifiedchinese.GBK.NewEncoder())
	cw := csv.NewWriter(enc)
	cw.UseCRLF = true
	if err := cw.Write(QianniuHeader); err != nil {
		return err
	}
	var (
		totalHandle int64
		converted   int
		preSales    int
		perDay      int
		lastDay     date
	)
	cs := w.contacts[TmallChat]
	rec := make([]string, len(QianniuHeader))
	for i := range cs {
		c := &cs[i]
		r := w.contactRand(c, purposeDetails)
		if c.day != lastDay {
			perDay, lastDay = 0, c.day
		}
		perDay++
		clear(rec)
		y, m, dd := c.day.time().Date()
		rec[0] = fmt.Sprintf("%04d%02d%02d%07d", y, int(m), dd, perDay)
		rec[1] = tmallShop + ":" + tmallAgent(r.IntN(1000), c.day)
		rec[2] = buyerNick(w.opts.Seed, c.customer)
		rec[3] = formatWall(c.created)
		unanswered := chance(r, 0.015)
		var reply int64
		if tmallServing(c.created) {
			reply = c.created + int64(math.Max(3, logMedian(r, 15*float64(c.load), 0.7)))
		} else {
			reply = wallOf(c.day, 9*hour) + int64(logMedian(r, 60, 0.8))
		}
		handle := int64(c.handle)
		if unanswered {
			handle = 0
			rec[5] = formatWall(c.created + 120 + r.Int64N(780))
		} else {
			rec[4] = formatWall(reply)
			rec[5] = formatWall(reply + handle)
		}
		rec[6] = strconv.FormatInt(handle, 10)
		totalHandle += handle
		if !chance(r, 0.05) {
			rec[7] = qianniuType[c.typ]
		}
		p := 0.35
		if tmallEvent(c.day) >= festivalLift {
			p = 0.5
		}
		switch yes := chance(r, p); {
		case !preSale(c.typ):
			rec[8] = "-"
		case yes:
			rec[8] = "是"
			converted++
			preSales++
		default:
			rec[8] = "否"
			preSales++
		}
		if chance(r, 0.4) {
			rec[9] = [...]string{"很满意", "满意", "一般", "不满意", "很不满意"}[pick(r, []float64{0.55, 0.30, 0.08, 0.05, 0.02})]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	n := len(cs)
	total := []string{qianniuTotalRow, "-", "-", "-", "-", "-", strconv.FormatInt(totalHandle, 10), "-", strconv.Itoa(converted), "-"}
	avg := []string{qianniuAverageRow, "-", "-", "-", "-", "-", "-", "-", "-", "-"}
	if n > 0 {
		avg[6] = strconv.FormatFloat(float64(totalHandle)/float64(n), 'f', 1, 64)
	}
	if preSales > 0 {
		avg[8] = strconv.FormatFloat(100*float64(converted)/float64(preSales), 'f', 2, 64) + "%"
	}
	if err := cw.WriteAll([][]string{total, avg}); err != nil {
		return err
	}
	return enc.Close()
}

// tmallAgent picks the agent of a session: the shop's team, plus Double 11
// support staff from October 25 to November 20.
func tmallAgent(u int, d date) string {
	pool := tmallAgents
	m, dd := d.monthDay()
	if (m == time.October && dd >= 25) || (m == time.November && dd <= 20) {
		pool = append(slices.Clip(pool), tmallTempAgents...)
	}
	return pool[u%len(pool)]
}
