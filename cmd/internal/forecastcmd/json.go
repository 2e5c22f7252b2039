package forecastcmd

import (
	"math"

	"github.com/peakstaff/peakstaff/forecast"
)

type jsonForecast struct {
	Season          string       `json:"season"`
	TimeZone        string       `json:"time_zone"`
	IntervalMinutes int          `json:"interval_minutes"`
	Quantile        float64      `json:"quantile"`
	Contacts        float64      `json:"contacts"`
	Growth          jsonGrowth   `json:"growth"`
	Bands           jsonBands    `json:"bands"`
	Days            []jsonDay    `json:"days"`
	HandleTimes     []jsonHandle `json:"handle_times"`
	Ratios          []jsonRatio  `json:"ratios,omitempty"`
	Drivers         []jsonDriver `json:"drivers,omitempty"`
	Backlog         jsonBacklog  `json:"backlog"`
	Notes           []string     `json:"notes"`
	Warnings        []string     `json:"warnings"`
}

type jsonGrowth struct {
	Factor   float64 `json:"factor"`
	Measured bool    `json:"measured"`
	Given    bool    `json:"given"`
	From     string  `json:"from,omitempty"`
	To       string  `json:"to,omitempty"`
	This     float64 `json:"this,omitempty"`
	LastYear float64 `json:"last_year,omitempty"`
}

type jsonBands struct {
	Method string  `json:"method"`
	Points int     `json:"points"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	RelSD  float64 `json:"rel_sd"`
	WAPE   float64 `json:"wape"`
}

type jsonDay struct {
	Date       string  `json:"date"`
	Weekday    string  `json:"weekday"`
	Channel    string  `json:"channel"`
	IssueType  string  `json:"issue_type"`
	P10        float64 `json:"p10"`
	P50        float64 `json:"p50"`
	P90        float64 `json:"p90"`
	AHTSeconds float64 `json:"aht_seconds"`
	Method     string  `json:"method"`
	Source     string  `json:"source,omitempty"`
	Event      string  `json:"event,omitempty"`
	Offset     int     `json:"offset"`
	Ratio      float64 `json:"ratio,omitempty"`
	Profile    string  `json:"profile"`
}

type jsonHandle struct {
	Channel       string  `json:"channel"`
	IssueType     string  `json:"issue_type"`
	NormalSeconds float64 `json:"normal_seconds"`
	SeasonSeconds float64 `json:"season_seconds"`
	MedianSeconds float64 `json:"median_seconds"`
	Uplift        float64 `json:"uplift"`
	Samples       int     `json:"samples"`
}

type jsonRatio struct {
	Channel   string             `json:"channel"`
	IssueType string             `json:"issue_type"`
	Season    float64            `json:"season"`
	Normal    float64            `json:"normal"`
	Monthly   map[string]float64 `json:"monthly"`
}

// jsonDriver is the driver method chosen for a series (with --orders).
type jsonDriver struct {
	Channel      string             `json:"channel"`
	IssueType    string             `json:"issue_type"`
	Method       string             `json:"method"`
	RecentRatio  float64            `json:"recent_ratio"`
	SeasonWeight float64            `json:"season_weight"`
	Scores       map[string]float64 `json:"scores"`
	Reason       string             `json:"reason"`
}

type jsonBacklog struct {
	CapacityPerDay  float64            `json:"capacity_per_day"`
	PeakBacklog     float64            `json:"peak_backlog"`
	PeakDate        string             `json:"peak_date,omitempty"`
	ResolutionHours map[string]float64 `json:"resolution_hours"`
	Projection      []jsonBacklogDay   `json:"projection"`
}

type jsonBacklogDay struct {
	Date     string  `json:"date"`
	Received float64 `json:"received"`
	Resolved float64 `json:"resolved"`
	Backlog  float64 `json:"backlog"`
}

func r3(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return math.Round(v*1000) / 1000
}

func toJSON(res *forecast.Result, q float64) jsonForecast {
	out := jsonForecast{
		Season: res.Season.String(), TimeZone: res.Loc.String(), IntervalMinutes: int(res.Interval.Minutes()), Quantile: q,
		Growth: jsonGrowth{Factor: r3(res.Growth.Factor), Measured: res.Growth.Measured, Given: res.Growth.Given,
			This: res.Growth.This, LastYear: res.Growth.LastYear},
		Bands: jsonBands{Method: res.Bands.Method, Points: res.Bands.Points, Low: r3(res.Bands.Low), High: r3(res.Bands.High),
			RelSD: r3(res.Bands.RelSD), WAPE: r3(res.Bands.WAPE)},
		Days: []jsonDay{}, HandleTimes: []jsonHandle{}, Notes: res.Notes, Warnings: res.Warnings,
	}
	if res.Growth.Measured {
		out.Growth.From, out.Growth.To = res.Growth.From.String(), res.Growth.To.String()
	}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	for _, d := range res.Days {
		out.Contacts += d.Band.P50
		jd := jsonDay{Date: d.Date.String(), Weekday: d.Date.Weekday().String(), Channel: d.Key.Channel, IssueType: d.Key.IssueType,
			P10: r3(d.Band.P10), P50: r3(d.Band.P50), P90: r3(d.Band.P90), AHTSeconds: r3(d.AHT), Method: d.Method,
			Event: d.Event, Offset: d.Offset, Ratio: r3(d.Ratio), Profile: d.Profile}
		if !d.Source.IsZero() {
			jd.Source = d.Source.String()
		}
		out.Days = append(out.Days, jd)
	}
	out.Contacts = r3(out.Contacts)
	for _, a := range res.AHT {
		out.HandleTimes = append(out.HandleTimes, jsonHandle{Channel: a.Key.Channel, IssueType: a.Key.IssueType,
			NormalSeconds: r3(a.Normal), SeasonSeconds: r3(a.Season), MedianSeconds: r3(a.Median), Uplift: r3(a.Uplift), Samples: a.Samples})
	}
	for _, r := range res.Ratios {
		jr := jsonRatio{Channel: r.Key.Channel, IssueType: r.Key.IssueType, Season: r3(r.Season), Normal: r3(r.Normal), Monthly: map[string]float64{}}
		for _, m := range r.Monthly {
			jr.Monthly[m.Month] = r3(m.Ratio)
		}
		out.Ratios = append(out.Ratios, jr)
	}
	for _, d := range res.Drivers {
		jd := jsonDriver{Channel: d.Key.Channel, IssueType: d.Key.IssueType, Method: d.Method, RecentRatio: r3(d.Recent),
			SeasonWeight: r3(d.SeasonWeight), Scores: map[string]float64{}, Reason: d.Reason}
		for m, v := range d.Scores {
			jd.Scores[m] = r3(v)
		}
		out.Drivers = append(out.Drivers, jd)
	}
	b := res.Backlog
	out.Backlog = jsonBacklog{CapacityPerDay: r3(b.Capacity), PeakBacklog: r3(b.PeakBacklog), ResolutionHours: map[string]float64{}, Projection: []jsonBacklogDay{}}
	if !b.PeakDate.IsZero() {
		out.Backlog.PeakDate = b.PeakDate.String()
	}
	for t, h := range b.ResolutionHours {
		out.Backlog.ResolutionHours[t] = r3(h)
	}
	for _, p := range b.Projection {
		out.Backlog.Projection = append(out.Backlog.Projection, jsonBacklogDay{p.Date.String(), r3(p.Received), r3(p.Resolved), r3(p.Backlog)})
	}
	return out
}
