package importers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the expected times name zones; do not depend on the machine's zoneinfo
)

// The fixtures under testdata/exports are small exports written by hand in
// the shape each vendor's users download (testdata/exports/README.md lists
// the quirk each one carries). Every expected figure below was counted by
// hand from the fixture's rows, never copied from the program's output.

const fixtureDir = "testdata/exports"

// wantFile is the import report expected for one file.
type wantFile struct {
	path      string
	format    string
	encoding  string // table.Info.Encoding ("" for XLSX and JSON)
	delimiter string // "" for XLSX and JSON
	sheet     string

	rows, kept, contacts, duplicates, rejected, outbound, blank int
	rejectedBy                                                  map[string]int
	errLines                                                    []int // lines of the rejected rows
	skipped                                                     map[string]int
	first, last                                                 string // RFC 3339 in the case's zone
	warnings                                                    []string
}

// wantContact is one contact record after merging. It is found by ID (and
// Family when ids collide), or by its source line when it has no id.
type wantContact struct {
	id, family string
	line       int

	created, firstResponse, resolved string // RFC 3339; "" = zero
	dateOnly                         bool
	channel                          Channel
	issueType                        string
	handle                           *float64 // nil = the export states no handle time
	count                            int      // 0 = 1
	outbound                         bool
	status, agent, sourceFile        string // checked when not empty
}

type fixtureCase struct {
	name  string
	zone  string // --tz
	rules *TypeRules
	// mapSpec is a --map for files no built-in format fits: detection
	// must then fail with ErrUnknownFormat.
	mapSpec string
	files   []wantFile // read in order into one Set

	byChannel, byType map[string]int
	first, last       string
	contacts          []wantContact
}

func sec(v float64) *float64 { return &v }

func rules(t testing.TB, rs ...TypeRule) *TypeRules {
	t.Helper()
	r := &TypeRules{Rules: rs}
	if err := r.Compile(); err != nil {
		t.Fatal(err)
	}
	return r
}

func fixtureCases(t testing.TB) []fixtureCase {
	return []fixtureCase{
		{
			// Two exports of one account, taken on 20 Nov and 5 Dec: the
			// tickets of 19-20 Nov are in both, updated in the second.
			name: "zendesk csv, overlapping exports", zone: "America/New_York",
			files: []wantFile{
				{path: "zendesk_tickets_2025-11-20.csv", format: "zendesk-csv", encoding: "utf-8", delimiter: ",",
					rows: 8, kept: 8, contacts: 8, first: "2025-11-17T08:02:11-05:00", last: "2025-11-20T10:05:00-05:00"},
				{path: "zendesk_tickets_2025-12-05.csv", format: "zendesk-csv", encoding: "utf-8", delimiter: ",",
					rows: 10, kept: 6, contacts: 6, duplicates: 4, first: "2025-11-19T11:30:30-05:00", last: "2025-12-05T09:45:00-05:00"},
			},
			byChannel: map[string]int{"email": 6, "chat": 2, "phone": 2, "messaging": 1, "social": 2, "other": 1},
			byType:    map[string]int{"Order status": 3, "Returns": 3, "Shipping": 3, "Payment": 2, "Product question": 1, "Gift card": 1, UnsetType: 1},
			first:     "2025-11-17T08:02:11-05:00", last: "2025-12-05T09:45:00-05:00",
			contacts: []wantContact{
				// first reply = created + "First reply time in minutes"
				{id: "5101", created: "2025-11-17T08:02:11-05:00", firstResponse: "2025-11-17T08:27:11-05:00", resolved: "2025-11-17T10:40:00-05:00",
					channel: ChannelEmail, issueType: "Order status", handle: sec(180), status: "solved", agent: "Marta Ruiz"},
				{id: "5104", created: "2025-11-18T16:45:00-05:00", resolved: "2025-11-18T16:58:00-05:00",
					channel: ChannelPhone, issueType: "Payment", handle: sec(780)},
				// reason "-" in the first export, "Returns" once solved
				{id: "5105", created: "2025-11-19T11:30:30-05:00", firstResponse: "2025-11-19T11:42:30-05:00", resolved: "2025-11-21T09:00:00-05:00",
					channel: ChannelMessaging, issueType: "Returns", handle: sec(300), status: "solved", agent: "Marta Ruiz"},
				// replied only in the second export: 600 minutes
				{id: "5106", created: "2025-11-19T22:10:00-05:00", firstResponse: "2025-11-20T08:10:00-05:00",
					channel: ChannelEmail, issueType: "Shipping", status: "pending", agent: "Jonas Berg"},
				{id: "5107", created: "2025-11-20T07:55:00-05:00", firstResponse: "2025-11-20T09:00:00-05:00", resolved: "2025-11-22T12:00:00-05:00",
					channel: ChannelSocial, issueType: "Order status", handle: sec(120), status: "closed"},
				{id: "5109", created: "2025-11-28T00:03:10-05:00", firstResponse: "2025-11-28T00:04:10-05:00", resolved: "2025-11-28T00:20:10-05:00",
					channel: ChannelChat, issueType: "Gift card", handle: sec(600)},
				{id: "5113", created: "2025-12-03T14:22:00-05:00", channel: ChannelOther},
			},
		},
		{
			// CRLF, every field quoted, NBSP for empty, a ticket repeated
			// per tag, no newline at the end.
			name: "zendesk explore csv", zone: "UTC",
			files: []wantFile{{path: "zendesk_explore_tickets_2025-11.csv", format: "zendesk-explore", encoding: "utf-8", delimiter: ",",
				rows: 10, kept: 7, contacts: 7, duplicates: 3, first: "2025-11-03T08:15:22Z", last: "2025-11-07T16:45:03Z"}},
			byChannel: map[string]int{"email": 3, "chat": 1, "phone": 1, "messaging": 1, "social": 1},
			byType:    map[string]int{"Order status": 1, "Product question": 1, "Payment": 1, "Returns": 1, "Shipping": 1, UnsetType: 2},
			first:     "2025-11-03T08:15:22Z", last: "2025-11-07T16:45:03Z",
			contacts: []wantContact{
				{id: "61001", created: "2025-11-03T08:15:22Z", resolved: "2025-11-03T12:40:00Z", channel: ChannelEmail, issueType: "Order status"},
				{id: "61002", created: "2025-11-03T09:02:47Z", channel: ChannelEmail},
				{id: "61004", created: "2025-11-05T10:10:10Z", resolved: "2025-11-06T09:00:00Z", channel: ChannelPhone, issueType: "Payment", agent: "Lea Novak"},
			},
		},
		{
			// Title block, serial date cells, a repeated ticket, a Total row.
			name: "zendesk explore xlsx", zone: "Australia/Sydney",
			files: []wantFile{{path: "zendesk_explore_weekly.xlsx", format: "zendesk-explore", sheet: "Weekly tickets",
				rows: 10, kept: 8, contacts: 8, duplicates: 1, skipped: map[string]int{"summary row (Total)": 1},
				first: "2025-11-24T08:05:00+11:00", last: "2025-11-30T21:59:00+11:00", warnings: []string{"title rows"}}},
			byChannel: map[string]int{"email": 3, "chat": 2, "phone": 1, "messaging": 1, "social": 1},
			byType:    map[string]int{"Order status": 1, "Returns": 2, "Product question": 1, "Payment": 1, "Gift card": 1, "Shipping": 1, UnsetType: 1},
			first:     "2025-11-24T08:05:00+11:00", last: "2025-11-30T21:59:00+11:00",
			contacts: []wantContact{
				{id: "62002", created: "2025-11-24T10:12:45+11:00", channel: ChannelEmail, issueType: "Returns"},
				{id: "62003", created: "2025-11-25T13:00:00+11:00", resolved: "2025-11-25T13:22:30+11:00", channel: ChannelChat, issueType: "Product question", handle: sec(1350)},
				{id: "62004", created: "2025-11-26T19:45:10+11:00", resolved: "2025-11-27T08:00:00+11:00", channel: ChannelPhone, issueType: "Payment", handle: sec(610)},
			},
		},
		{
			// NDJSON with nested via.channel; ticket 7001 appears again when
			// it is solved (the export lists a ticket on every update).
			name: "zendesk json", zone: "America/Chicago",
			files: []wantFile{{path: "zendesk_tickets.ndjson", format: "zendesk-json",
				rows: 8, kept: 7, contacts: 7, duplicates: 1, first: "2025-11-24T08:05:09-06:00", last: "2025-12-01T07:30:00-06:00"}},
			byChannel: map[string]int{"email": 2, "chat": 1, "phone": 1, "messaging": 2, "social": 1},
			byType:    map[string]int{"question": 3, "incident": 1, "problem": 1, UnsetType: 2},
			first:     "2025-11-24T08:05:09-06:00", last: "2025-12-01T07:30:00-06:00",
			contacts: []wantContact{
				{id: "7001", created: "2025-11-24T08:05:09-06:00", firstResponse: "2025-11-24T08:50:09-06:00", resolved: "2025-11-24T12:00:00-06:00",
					channel: ChannelEmail, issueType: "question", status: "solved", agent: "Marta Ruiz"},
				{id: "7005", created: "2025-11-28T00:00:00-06:00", firstResponse: "2025-11-28T00:03:00-06:00", channel: ChannelMessaging},
				{id: "7006", created: "2025-11-29T14:10:00-06:00", firstResponse: "2025-11-29T14:30:00-06:00", channel: ChannelMessaging, issueType: "problem"},
				{id: "7007", created: "2025-12-01T07:30:00-06:00", channel: ChannelSocial},
			},
		},
		{
			name: "freshdesk", zone: "Asia/Kolkata",
			files: []wantFile{{path: "freshdesk_tickets.csv", format: "freshdesk", encoding: "utf-8", delimiter: ",",
				rows: 10, kept: 10, contacts: 10, first: "2025-11-24T09:12:44+05:30", last: "2025-12-02T18:00:00+05:30"}},
			byChannel: map[string]int{"email": 6, "phone": 2, "chat": 1, "messaging": 1},
			byType:    map[string]int{"Refund": 3, "Order Status": 4, "Product Query": 2, UnsetType: 1},
			first:     "2025-11-24T09:12:44+05:30", last: "2025-12-02T18:00:00+05:30",
			contacts: []wantContact{
				// Time tracked 00:25 is hours:minutes
				{id: "3101", created: "2025-11-24T09:12:44+05:30", firstResponse: "2025-11-24T10:02:10+05:30", resolved: "2025-11-24T15:40:00+05:30",
					channel: ChannelEmail, issueType: "Refund", handle: sec(1500)},
				// 0.25 decimal hours
				{id: "3103", created: "2025-11-25T16:05:00+05:30", firstResponse: "2025-11-25T16:05:00+05:30", resolved: "2025-11-25T16:20:00+05:30",
					channel: ChannelPhone, issueType: "Product Query", handle: sec(900)},
				// resolved time wins over the later closed time
				{id: "3107", created: "2025-11-30T10:00:00+05:30", firstResponse: "2025-11-30T10:03:00+05:30", resolved: "2025-11-30T10:30:00+05:30",
					channel: ChannelMessaging, issueType: "Order Status", handle: sec(480)},
				// no resolved time: the closed time stands in
				{id: "3108", created: "2025-12-01T09:00:00+05:30", resolved: "2025-12-01T11:00:00+05:30", channel: ChannelEmail, issueType: "Refund", handle: sec(3900)},
				{id: "3109", created: "2025-12-01T14:14:14+05:30", firstResponse: "2025-12-01T14:14:14+05:30", resolved: "2025-12-01T14:30:00+05:30",
					channel: ChannelPhone, handle: sec(960)},
			},
		},
		{
			name: "freshservice", zone: "Europe/Berlin",
			files: []wantFile{{path: "freshservice_tickets.csv", format: "freshservice", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, first: "2025-11-24T08:30:00+01:00", last: "2025-12-01T13:00:00+01:00"}},
			byChannel: map[string]int{"email": 4, "phone": 1, "chat": 2},
			byType:    map[string]int{"Incident": 4, "Service Request": 3},
			first:     "2025-11-24T08:30:00+01:00", last: "2025-12-01T13:00:00+01:00",
			contacts: []wantContact{
				{id: "SR-119", created: "2025-11-27T10:00:00+01:00", firstResponse: "2025-11-27T10:20:00+01:00", resolved: "2025-11-28T09:00:00+01:00",
					channel: ChannelChat, issueType: "Service Request", handle: sec(1200)},
				{id: "INC-2044", created: "2025-11-28T07:55:00+01:00", firstResponse: "2025-11-28T08:10:00+01:00", resolved: "2025-11-28T17:00:00+01:00",
					channel: ChannelEmail, issueType: "Incident", handle: sec(1800)},
			},
		},
		{
			// Spanish headers and months, 12-hour clock, Etiquetas x3, CRLF,
			// a multi-line description. The rules read the request type and
			// every Etiquetas column (facturacion is in the 2nd or 3rd).
			name: "jira spanish", zone: "Europe/Madrid",
			rules: rules(t,
				TypeRule{Type: "access", Values: []string{"Solicitar acceso"}},
				TypeRule{Type: "billing", Tags: []string{"facturacion"}},
				TypeRule{Type: "technical", Values: []string{"Problema técnico"}},
			),
			files: []wantFile{{path: "jira_es.csv", format: "jira", encoding: "utf-8", delimiter: ",",
				rows: 9, kept: 9, contacts: 9, first: "2025-11-03T09:05:00+01:00", last: "2025-12-03T09:05:00+01:00"}},
			byChannel: map[string]int{"email": 9},
			// SOP-104 is a "Problema técnico" labelled facturacion: the
			// billing rule comes first and wins.
			byType: map[string]int{"technical": 2, "billing": 3, "access": 2, OtherType: 2},
			first:  "2025-11-03T09:05:00+01:00", last: "2025-12-03T09:05:00+01:00",
			contacts: []wantContact{
				{id: "SOP-101", created: "2025-11-03T09:05:00+01:00", resolved: "2025-11-03T11:40:00+01:00", channel: ChannelEmail, issueType: "technical", handle: sec(5400), agent: "Lucía Fernández"},
				{id: "SOP-102", created: "2025-11-04T10:30:00+01:00", resolved: "2025-11-05T16:15:00+01:00", channel: ChannelEmail, issueType: "billing", handle: sec(1800)},
				{id: "SOP-104", created: "2025-11-10T16:51:00+01:00", resolved: "2025-11-11T10:02:00+01:00", channel: ChannelEmail, issueType: "billing", handle: sec(3600)},
				{id: "SOP-105", created: "2025-11-12T12:00:00+01:00", channel: ChannelEmail, issueType: OtherType},
				{id: "SOP-106", created: "2025-11-20T00:30:00+01:00", resolved: "2025-11-20T09:10:00+01:00", channel: ChannelEmail, issueType: "technical", handle: sec(900)},
				{id: "SOP-108", created: "2025-11-28T19:45:00+01:00", channel: ChannelEmail, issueType: "billing"},
			},
		},
		{
			name: "help scout", zone: "America/Denver",
			files: []wantFile{{path: "helpscout_conversations.csv", format: "helpscout", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, first: "2025-11-24T07:05:09-07:00", last: "2025-12-01T20:33:00-07:00"}},
			byChannel: map[string]int{"email": 4, "chat": 2, "phone": 1},
			byType:    map[string]int{UnsetType: 7},
			first:     "2025-11-24T07:05:09-07:00", last: "2025-12-01T20:33:00-07:00",
			contacts: []wantContact{
				{id: "2841156012", created: "2025-11-24T07:05:09-07:00", firstResponse: "2025-11-24T08:00:00-07:00", resolved: "2025-11-24T13:30:00-07:00",
					channel: ChannelEmail, handle: sec(420), agent: "Grace Lee"},
				{id: "2841158450", created: "2025-11-28T00:00:00-07:00", channel: ChannelEmail},
				{id: "2841157203", created: "2025-11-26T09:00:00-07:00", firstResponse: "2025-11-26T09:00:00-07:00", resolved: "2025-11-26T09:12:30-07:00",
					channel: ChannelPhone, handle: sec(750)},
			},
		},
		{
			// "Time to close (HH:mm:ss)" is elapsed time, not handling time.
			name: "hubspot", zone: "America/New_York",
			files: []wantFile{{path: "hubspot-crm-exports-all-tickets-2025-12-08.csv", format: "hubspot", encoding: "utf-8", delimiter: ",",
				rows: 8, kept: 8, contacts: 8, first: "2025-11-24T09:14:00-05:00", last: "2025-12-02T09:30:00-05:00"}},
			byChannel: map[string]int{"email": 5, "chat": 2, "phone": 1},
			byType:    map[string]int{"Product issue": 2, "Billing issue": 3, "General inquiry": 2, "Feature request": 1},
			first:     "2025-11-24T09:14:00-05:00", last: "2025-12-02T09:30:00-05:00",
			contacts: []wantContact{
				{id: "18934501", created: "2025-11-24T09:14:00-05:00", firstResponse: "2025-11-24T10:02:00-05:00", resolved: "2025-11-25T11:44:00-05:00",
					channel: ChannelEmail, issueType: "Product issue", agent: "Ines Duarte"},
				{id: "18934780", created: "2025-12-01T08:01:00-05:00", resolved: "2025-12-01T08:03:00-05:00", channel: ChannelChat, issueType: "General inquiry"},
			},
		},
		{
			// An API page ({"data": [...], "meta": ...}), pretty-printed.
			name: "gorgias", zone: "Europe/Paris",
			rules: rules(t,
				TypeRule{Type: "order_status", Tags: []string{"order-status", "wismo"}},
				TypeRule{Type: "returns", Tags: []string{"return", "exchange"}},
				TypeRule{Type: "product", Tags: []string{"product-question"}},
			),
			files: []wantFile{{path: "gorgias_tickets_page1.json", format: "gorgias",
				rows: 6, kept: 6, contacts: 6, first: "2025-11-24T09:15:00+01:00", last: "2025-12-01T08:59:59+01:00"}},
			byChannel: map[string]int{"email": 2, "chat": 1, "messaging": 1, "social": 1, "phone": 1},
			byType:    map[string]int{"order_status": 2, "product": 1, "returns": 2, OtherType: 1},
			first:     "2025-11-24T09:15:00+01:00", last: "2025-12-01T08:59:59+01:00",
			contacts: []wantContact{
				{id: "40001", created: "2025-11-24T09:15:00+01:00", resolved: "2025-11-24T11:00:00+01:00", channel: ChannelEmail, issueType: "order_status", agent: "Camille Durand"},
				{id: "40003", created: "2025-11-28T01:30:00+01:00", channel: ChannelMessaging, issueType: "returns"},
				{id: "40005", created: "2025-11-29T17:00:00+01:00", resolved: "2025-11-29T17:12:00+01:00", channel: ChannelPhone, issueType: "order_status"},
			},
		},
		{
			name: "intercom", zone: "Asia/Singapore",
			files: []wantFile{{path: "intercom_conversations.csv", format: "intercom", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, first: "2025-11-24T09:05:09+08:00", last: "2025-12-02T12:00:00+08:00"}},
			byChannel: map[string]int{"chat": 3, "email": 1, "messaging": 1, "phone": 1, "social": 1},
			byType:    map[string]int{"Shipping": 2, "Billing": 1, "Discounts": 1, "Returns": 2, UnsetType: 1},
			first:     "2025-11-24T09:05:09+08:00", last: "2025-12-02T12:00:00+08:00",
			contacts: []wantContact{
				{id: "215470000000101", created: "2025-11-24T09:05:09+08:00", firstResponse: "2025-11-24T09:06:00+08:00", resolved: "2025-11-24T09:20:00+08:00",
					channel: ChannelChat, issueType: "Shipping", handle: sec(840)},
				{id: "215470000000103", created: "2025-11-27T23:59:00+08:00", firstResponse: "2025-11-28T00:01:00+08:00", channel: ChannelChat, issueType: "Discounts"},
				{id: "215470000000105", created: "2025-11-29T17:45:00+08:00", firstResponse: "2025-11-29T17:45:30+08:00", resolved: "2025-11-29T18:00:00+08:00",
					channel: ChannelPhone, issueType: "Returns", handle: sec(900)},
			},
		},
		{
			// One row per message: four conversations in eleven rows.
			name: "intercom messages", zone: "UTC",
			files: []wantFile{{path: "intercom_messages_prodsight.csv", format: "intercom-messages", encoding: "utf-8", delimiter: ",",
				rows: 11, kept: 4, contacts: 4, duplicates: 7, first: "2025-11-24T21:45:08Z", last: "2025-11-30T15:15:15Z"}},
			byChannel: map[string]int{"chat": 4},
			byType:    map[string]int{UnsetType: 4},
			first:     "2025-11-24T21:45:08Z", last: "2025-11-30T15:15:15Z",
			contacts: []wantContact{
				{id: "88002", created: "2025-11-25T09:00:00Z", firstResponse: "2025-11-25T09:30:00Z", resolved: "2025-11-26T08:00:00Z", channel: ChannelChat},
				{id: "88003", created: "2025-11-28T00:00:01Z", channel: ChannelChat, status: "open"},
			},
		},
		{
			// One row per message; handle times add up per conversation, a
			// conversation started by an outbound SMS is outbound.
			name: "front", zone: "America/Los_Angeles",
			files: []wantFile{{path: "front_messages.csv", format: "front", encoding: "utf-8", delimiter: ",",
				rows: 10, kept: 4, contacts: 4, duplicates: 6, outbound: 1, first: "2025-11-24T09:05:09-08:00", last: "2025-12-01T16:20:00-08:00"}},
			byChannel: map[string]int{"email": 2, "chat": 1, "messaging": 1},
			byType:    map[string]int{UnsetType: 4},
			first:     "2025-11-24T09:05:09-08:00", last: "2025-12-01T16:20:00-08:00",
			contacts: []wantContact{
				{id: "cnv_a1", created: "2025-11-24T09:05:09-08:00", resolved: "2025-11-24T10:16:00-08:00", channel: ChannelEmail, handle: sec(300)},
				{id: "cnv_b2", created: "2025-11-28T00:02:00-08:00", resolved: "2025-11-28T00:20:00-08:00", channel: ChannelChat, handle: sec(240)},
				{id: "cnv_c3", created: "2025-11-29T11:00:00-08:00", channel: ChannelMessaging, handle: sec(150), outbound: true},
				{id: "cnv_d4", created: "2025-12-01T16:20:00-08:00", channel: ChannelEmail},
			},
		},
		{
			name: "kustomer", zone: "America/Chicago",
			files: []wantFile{{path: "kustomer_conversations.csv", format: "kustomer", encoding: "utf-8", delimiter: ",",
				rows: 6, kept: 6, contacts: 6, first: "2025-11-24T09:02:11.417-06:00", last: "2025-12-01T20:45:00-06:00"}},
			byChannel: map[string]int{"email": 2, "chat": 1, "phone": 1, "messaging": 1, "social": 1},
			byType:    map[string]int{"Order Status": 2, "Product Question": 1, "Returns": 2, UnsetType: 1},
			first:     "2025-11-24T09:02:11.417-06:00", last: "2025-12-01T20:45:00-06:00",
			contacts: []wantContact{
				{id: "6751f0a1c2d3e4f5a6b7c801", created: "2025-11-24T09:02:11.417-06:00", firstResponse: "2025-11-24T09:40:00-06:00", resolved: "2025-11-24T12:00:00-06:00",
					channel: ChannelEmail, issueType: "Order Status", agent: "Noah Kim"},
				{id: "6751f0a1c2d3e4f5a6b7c803", created: "2025-11-28T00:05:00-06:00", firstResponse: "2025-11-28T00:05:00-06:00", resolved: "2025-11-28T00:20:00-06:00",
					channel: ChannelPhone, issueType: "Order Status"},
			},
		},
		{
			// Headers with an en dash; an agent-started conversation.
			name: "gladly", zone: "America/Denver",
			files: []wantFile{{path: "gladly_conversations.csv", format: "gladly", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, outbound: 1, first: "2025-11-24T09:15:00-07:00", last: "2025-12-01T18:05:00-07:00"}},
			byChannel: map[string]int{"email": 3, "chat": 1, "phone": 1, "messaging": 2},
			byType:    map[string]int{"Order Status": 3, "Returns": 2, "Product Question": 1, UnsetType: 1},
			first:     "2025-11-24T09:15:00-07:00", last: "2025-12-01T18:05:00-07:00",
			contacts: []wantContact{
				// reopened: the last close is the resolution
				{id: "cv_Bb2", created: "2025-11-25T13:30:00-07:00", resolved: "2025-11-26T08:00:00-07:00", channel: ChannelChat, issueType: "Returns", agent: "Tom Hale"},
				{id: "cv_Ee5", created: "2025-11-29T08:00:00-07:00", resolved: "2025-11-29T09:00:00-07:00", channel: ChannelEmail, issueType: "Order Status", outbound: true},
				{id: "cv_Gg7", created: "2025-12-01T18:05:00-07:00", resolved: "2025-12-01T18:30:00-07:00", channel: ChannelMessaging, issueType: "Product Question"},
			},
		},
		{
			name: "zoho desk", zone: "Asia/Kolkata",
			files: []wantFile{{path: "zoho_desk_tickets.csv", format: "zoho-desk", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, first: "2025-11-24T09:15:00+05:30", last: "2025-12-02T17:55:00+05:30"}},
			byChannel: map[string]int{"email": 3, "chat": 1, "phone": 2, "social": 1},
			byType:    map[string]int{"Problem": 2, "Question": 2, "Feature": 1, "Others": 1, UnsetType: 1},
			first:     "2025-11-24T09:15:00+05:30", last: "2025-12-02T17:55:00+05:30",
			contacts: []wantContact{
				// 12:05 AM is five past midnight
				{id: "1044", created: "2025-11-28T00:05:00+05:30", firstResponse: "2025-11-28T00:05:00+05:30", channel: ChannelPhone, issueType: "Question"},
				{id: "1045", created: "2025-11-29T15:40:00+05:30", firstResponse: "2025-11-29T16:10:00+05:30", resolved: "2025-11-30T11:00:00+05:30",
					channel: ChannelEmail, issueType: "Feature", agent: "Rahul Verma"},
			},
		},
		{
			// Re-saved by Excel in an Italian locale: BOM, semicolons, CRLF,
			// dd/mm/yyyy without seconds, case numbers stripped of their
			// zeros, the report footer padded to the table's width. The
			// first dates (03/11, 05/11) are ambiguous until 13/11 shows the
			// column is day-first.
			name: "salesforce report, excel re-saved", zone: "Europe/Rome",
			files: []wantFile{{path: "salesforce_cases_report_excel_eu.csv", format: "salesforce-report", encoding: "utf-8 (BOM)", delimiter: ";",
				rows: 13, kept: 10, contacts: 10, blank: 2, skipped: map[string]int{"report footer": 3},
				first: "2025-11-03T09:14:00+01:00", last: "2025-12-05T17:20:00+01:00"}},
			byChannel: map[string]int{"email": 6, "phone": 2, "chat": 1, "messaging": 1},
			byType:    map[string]int{"Delivery": 3, "Product Defect": 2, "Refund": 2, "Exchange": 1, "Voucher": 1, UnsetType: 1},
			first:     "2025-11-03T09:14:00+01:00", last: "2025-12-05T17:20:00+01:00",
			contacts: []wantContact{
				{id: "1021", created: "2025-11-03T09:14:00+01:00", resolved: "2025-11-04T11:44:00+01:00", channel: ChannelEmail, issueType: "Delivery", agent: "Giulia Bianchi"},
				{id: "1025", created: "2025-11-28T00:04:00+01:00", resolved: "2025-11-28T00:31:00+01:00", channel: ChannelChat, issueType: "Delivery"},
				{id: "1026", created: "2025-11-28T10:10:00+01:00", resolved: "2025-12-01T09:00:00+01:00", channel: ChannelEmail, issueType: "Exchange"},
			},
		},
		{
			// Data Loader: upper-case API names, every field quoted, UTC.
			name: "salesforce data loader", zone: "America/New_York",
			files: []wantFile{{path: "salesforce_cases_dataloader.csv", format: "salesforce-loader", encoding: "utf-8", delimiter: ",",
				rows: 7, kept: 7, contacts: 7, first: "2025-11-24T09:05:09-05:00", last: "2025-12-03T17:59:59-05:00"}},
			byChannel: map[string]int{"email": 4, "phone": 1, "chat": 2},
			byType:    map[string]int{"Delivery": 1, "Cancellation": 1, "Promotion": 1, "Product Defect": 1, "Returns": 1, UnsetType: 2},
			first:     "2025-11-24T09:05:09-05:00", last: "2025-12-03T17:59:59-05:00",
			contacts: []wantContact{
				{id: "00001033", created: "2025-11-28T00:02:00-05:00", resolved: "2025-11-28T00:20:00-05:00", channel: ChannelChat, issueType: "Promotion", status: "Closed"},
				{id: "00001034", created: "2025-11-29T08:00:00-05:00", channel: ChannelEmail, issueType: "Product Defect"},
			},
		},
		{
			// ServiceNow incident event log: one row per update, "?" for
			// nulls, d/m/yyyy H:MM (29/2 proves day-first for 1/3), an
			// incident resolved, reopened and resolved again: the first
			// opening and the last resolution are kept, the newest row's
			// state and agent.
			name: "servicenow event log", zone: "UTC",
			files: []wantFile{{path: "servicenow_incident_events.csv", format: "servicenow-events", encoding: "utf-8", delimiter: ",",
				rows: 14, kept: 5, contacts: 5, duplicates: 9, first: "2016-02-29T01:16:00Z", last: "2016-03-02T13:05:00Z"}},
			byChannel: map[string]int{"phone": 2, "email": 2, "other": 1},
			byType:    map[string]int{"Category 55": 2, "Category 40": 1, "Category 20": 1, "Category 9": 1},
			first:     "2016-02-29T01:16:00Z", last: "2016-03-02T13:05:00Z",
			contacts: []wantContact{
				{id: "INC0000047", created: "2016-02-29T04:40:00Z", resolved: "2016-03-03T16:00:00Z", channel: ChannelEmail, issueType: "Category 40", status: "Closed", agent: "Resolver 31"},
				{id: "INC0000045", created: "2016-02-29T01:16:00Z", resolved: "2016-02-29T11:29:00Z", channel: ChannelPhone, issueType: "Category 55", status: "Closed"},
				{id: "INC0000048", created: "2016-03-01T06:10:00Z", channel: ChannelEmail, issueType: "Category 20", status: "Awaiting User Info", agent: "Resolver 12"},
				{id: "INC0000050", created: "2016-03-01T07:35:00Z", resolved: "2016-03-01T08:00:00Z", channel: ChannelPhone, issueType: "Category 55"},
			},
		},
		{
			// ServiceNow incident list: the CSV names columns by field
			// (every field quoted, CRLF), the workbook by label (Opened,
			// Channel) with dates as text cells.
			name: "servicenow list", zone: "America/New_York",
			files: []wantFile{
				{path: "servicenow_incidents.csv", format: "servicenow", encoding: "utf-8", delimiter: ",",
					rows: 6, kept: 6, contacts: 6, first: "2025-11-24T08:02:11-05:00", last: "2025-11-28T23:58:30-05:00"},
				{path: "servicenow_incidents.xlsx", format: "servicenow", sheet: "Page 1",
					rows: 4, kept: 4, contacts: 4, first: "2025-11-27T21:10:00-05:00", last: "2025-11-28T09:31:00-05:00"},
			},
			byChannel: map[string]int{"phone": 2, "email": 4, "chat": 3, "other": 1},
			byType:    map[string]int{"Shipping": 3, "Returns": 2, "Gift card": 2, "Payment": 2, "Account": 1},
			first:     "2025-11-24T08:02:11-05:00", last: "2025-11-28T23:58:30-05:00",
			contacts: []wantContact{
				{id: "INC0010231", created: "2025-11-24T08:02:11-05:00", resolved: "2025-11-24T09:30:00-05:00", channel: ChannelPhone, issueType: "Shipping", status: "Closed", agent: "Marta Ruiz"},
				{id: "INC0010233", created: "2025-11-28T00:01:05-05:00", channel: ChannelEmail, issueType: "Gift card", status: "In Progress", agent: "Lea Novak"},
				{id: "INC0010235", created: "2025-11-28T10:47:00-05:00", resolved: "2025-11-28T11:00:00-05:00", channel: ChannelOther, issueType: "Account"},
				{id: "INC0010236", created: "2025-11-28T23:58:30-05:00", resolved: "2025-11-29T00:40:00-05:00", channel: ChannelChat, issueType: "Payment", status: "Resolved"},
				{id: "INC0020102", created: "2025-11-28T00:00:42-05:00", resolved: "2025-11-28T02:15:00-05:00", channel: ChannelEmail, issueType: "Shipping", agent: "Jonas Berg"},
				{id: "INC0020103", created: "2025-11-28T00:05:10-05:00", channel: ChannelEmail, issueType: "Gift card", status: "In Progress"},
			},
		},
		{
			// No built-in format and no map: the header guesser reads a
			// call-centre workbook by its names and values: Call Id the
			// id, Date (a text cell) and Time (a day fraction) the created
			// time, Topic the type, AvgTalkDuration (a day fraction) the
			// handle time, phone because the columns speak of calls;
			// Resolved holds Y/N, not dates, and is left alone.
			name: "call centre workbook, guessed", zone: "Europe/London",
			files: []wantFile{{path: "call_centre_calls.xlsx", format: "guessed", sheet: "Call data",
				rows: 10, kept: 10, contacts: 10, first: "2021-01-01T09:12:58Z", last: "2021-01-02T13:06:19Z",
				warnings: []string{`no known format fits the header: read with the columns guessed from their names and values, --map 'id="Call Id",created=Date,type=Topic,agent=Agent,handle=AvgTalkDuration,time=Time,default_channel=phone'`}}},
			byChannel: map[string]int{"phone": 10},
			byType:    map[string]int{"Contract related": 3, "Payment related": 2, "Streaming": 2, "Technical Support": 2, "Admin Support": 1},
			first:     "2021-01-01T09:12:58Z", last: "2021-01-02T13:06:19Z",
			contacts: []wantContact{
				{id: "ID0001", created: "2021-01-01T09:12:58Z", channel: ChannelPhone, issueType: "Contract related", handle: sec(143), agent: "Diane"},
				{id: "ID0006", created: "2021-01-01T10:00:29Z", channel: ChannelPhone, issueType: "Contract related", agent: "Stewart"},
				{id: "ID0010", created: "2021-01-02T13:06:19Z", channel: ChannelPhone, issueType: "Streaming", handle: sec(386)},
			},
		},
		{
			// A complaints log a spreadsheet round-trip damaged: ticket
			// numbers grow with time (April to June 2015), but every date
			// with a day of 12 or less has day and month swapped (04-05-15
			// for 5 April). Read with the guessed map, the column proves
			// day-first and the 15 damaged dates land in other months: a
			// warning counts them, names the lines and the fix.
			name: "complaints, swapped dates", zone: "UTC",
			files: []wantFile{{path: "complaints_swapped.csv", format: "guessed", encoding: "utf-8", delimiter: ",",
				rows: 40, kept: 40, contacts: 40, first: "2015-01-05T19:24:34Z", last: "2015-12-04T00:42:39Z",
				warnings: []string{`no known format fits the header`,
					`column "Date": 15 of its 15 dates with day and month both 12 or less break the order of "Ticket #" and fit it with day and month swapped, as a spreadsheet round-trip leaves them (line 2 read as 2015-05-04, fits as 2015-04-05;`}}},
			byChannel: map[string]int{"phone": 26, "email": 14},
			byType:    map[string]int{"Billing overcharge": 7, "Data cap": 7, "Internet speed": 7, "Service outage": 7, "Poor customer service": 6, "Unfair late fee": 6},
			first:     "2015-01-05T19:24:34Z", last: "2015-12-04T00:42:39Z",
			contacts: []wantContact{
				{id: "250385", created: "2015-05-04T21:33:42Z", channel: ChannelEmail, issueType: "Billing overcharge", status: "Closed"},
				{id: "250410", created: "2015-04-14T11:10:21Z", channel: ChannelPhone, issueType: "Unfair late fee"},
			},
		},
		{
			// Date-only days, [h]:mm:ss durations past 24 h, CRLF, no final newline.
			name: "halp", zone: "America/New_York",
			files: []wantFile{{path: "halp_tickets.csv", format: "halp", encoding: "utf-8", delimiter: ",",
				rows: 8, kept: 8, contacts: 8, first: "2025-11-03T00:00:00-05:00", last: "2025-12-04T00:00:00-05:00"}},
			byChannel: map[string]int{"messaging": 8},
			byType:    map[string]int{"Password reset": 3, "Access request, shared drive": 1, "Dashboard bug": 2, "Hardware, laptop": 1, UnsetType: 1},
			first:     "2025-11-03T00:00:00-05:00", last: "2025-12-04T00:00:00-05:00",
			contacts: []wantContact{
				{id: "1202", created: "2025-11-03T00:00:00-05:00", dateOnly: true, resolved: "2025-11-05T00:00:00-05:00",
					channel: ChannelMessaging, issueType: "Access request, shared drive", agent: "Lee"},
				{id: "1208", created: "2025-12-04T00:00:00-05:00", dateOnly: true, channel: ChannelMessaging},
			},
		},
		{
			// Answered, missed, abandoned, voicemail, out-of-hours and
			// outbound calls: every call is a contact.
			name: "aircall", zone: "Europe/Paris",
			files: []wantFile{{path: "aircall_calls.csv", format: "aircall", encoding: "utf-8", delimiter: ",",
				rows: 12, kept: 12, contacts: 12, outbound: 2, first: "2025-11-27T09:00:12+01:00", last: "2025-12-01T17:30:00+01:00"}},
			byChannel: map[string]int{"phone": 12},
			byType:    map[string]int{"Order status": 3, "Returns": 2, "Gift card": 1, UnsetType: 6},
			first:     "2025-11-27T09:00:12+01:00", last: "2025-12-01T17:30:00+01:00",
			contacts: []wantContact{
				{id: "3f1c9a2e-5b7d-4e21-9a64-1d2e3f4a5b01", created: "2025-11-27T09:00:12+01:00", firstResponse: "2025-11-27T09:00:30+01:00", resolved: "2025-11-27T09:06:30+01:00",
					channel: ChannelPhone, issueType: "Order status", handle: sec(360), status: "Answered", agent: "Léa Martin"},
				{id: "3f1c9a2e-5b7d-4e21-9a64-1d2e3f4a5b02", created: "2025-11-27T09:05:00+01:00", resolved: "2025-11-27T09:05:42+01:00",
					channel: ChannelPhone, handle: sec(0), status: "Missed"},
				{id: "3f1c9a2e-5b7d-4e21-9a64-1d2e3f4a5b03", created: "2025-11-27T10:30:00+01:00", firstResponse: "2025-11-27T10:30:05+01:00", resolved: "2025-11-27T10:42:05+01:00",
					channel: ChannelPhone, issueType: "Returns", handle: sec(720), outbound: true},
			},
		},
		{
			// Epoch seconds; the dump was cut off in its last line.
			name: "call log", zone: "America/Sao_Paulo",
			files: []wantFile{{path: "call_log_warehouse.csv", format: "call-log", encoding: "utf-8", delimiter: ",",
				rows: 10, kept: 9, contacts: 9, rejected: 1, rejectedBy: map[string]int{"wrong number of fields": 1}, errLines: []int{11}, outbound: 2,
				first: "2025-11-27T09:00:00-03:00", last: "2025-12-02T17:59:59-03:00"}},
			byChannel: map[string]int{"phone": 9},
			byType:    map[string]int{"pedido": 2, "troca": 2, "garantia": 1, UnsetType: 4},
			first:     "2025-11-27T09:00:00-03:00", last: "2025-12-02T17:59:59-03:00",
			contacts: []wantContact{
				{id: "9004", created: "2025-11-28T00:00:30-03:00", firstResponse: "2025-11-28T00:00:50-03:00", resolved: "2025-11-28T00:08:50-03:00",
					channel: ChannelPhone, issueType: "pedido", handle: sec(480)},
				{id: "9008", created: "2025-12-01T14:00:00-03:00", resolved: "2025-12-01T14:00:30-03:00", channel: ChannelPhone, handle: sec(0), outbound: true},
			},
		},
		{
			// GBK, CRLF, China time whatever --tz says.
			name: "qianniu chat records", zone: "America/New_York",
			files: []wantFile{{path: "qianniu_chat_records_gbk.csv", format: "qianniu-chat", encoding: "gb18030", delimiter: ",",
				rows: 10, kept: 10, contacts: 10, first: "2025-11-10T20:15:33+08:00", last: "2025-11-13T16:30:00+08:00",
				warnings: []string{"decoded as gb18030"}}},
			byChannel: map[string]int{"chat": 10},
			byType:    map[string]int{"商品咨询": 3, "优惠券": 2, "物流查询": 2, "催发货": 1, "退换货": 2},
			first:     "2025-11-10T20:15:33+08:00", last: "2025-11-13T16:30:00+08:00",
			contacts: []wantContact{
				{id: "QN20251111-0001", created: "2025-11-11T00:00:05+08:00", firstResponse: "2025-11-11T00:00:20+08:00", resolved: "2025-11-11T00:04:05+08:00",
					channel: ChannelChat, issueType: "优惠券", handle: sec(240), agent: "北风户外旗舰店:小雅", status: "已转化"},
				{id: "QN20251111-0003", created: "2025-11-11T00:01:12+08:00", resolved: "2025-11-11T00:03:00+08:00", channel: ChannelChat, issueType: "商品咨询"},
			},
		},
		{
			// Per-agent daily table with a no-data row and 汇总值/平均值 footers.
			name: "qianniu daily", zone: "America/New_York",
			files: []wantFile{{path: "qianniu_daily_chitu.csv", format: "qianniu-daily", encoding: "utf-8 (BOM)", delimiter: ",",
				rows: 11, kept: 8, contacts: 1572,
				skipped: map[string]int{"summary row (汇总值)": 1, "summary row (平均值)": 1, "no-data row (暂无数据)": 1},
				first:   "2025-11-10T00:00:00+08:00", last: "2025-11-12T00:00:00+08:00"}},
			byChannel: map[string]int{"chat": 1572},
			byType:    map[string]int{UnsetType: 1572},
			first:     "2025-11-10T00:00:00+08:00", last: "2025-11-12T00:00:00+08:00",
			contacts: []wantContact{
				{line: 5, created: "2025-11-11T00:00:00+08:00", dateOnly: true, channel: ChannelChat, count: 412, handle: sec(198), agent: "北风户外旗舰店:小雅"},
			},
		},
		{
			// peakstaff's own contacts file: offsets kept, the vendor family
			// keeps Freshdesk 3101 and Zendesk 3101 apart, the source is the
			// original export's.
			name: "peakstaff contacts", zone: "UTC",
			files: []wantFile{{path: "peakstaff_contacts.csv", format: "peakstaff", encoding: "utf-8", delimiter: ",",
				rows: 6, kept: 6, contacts: 417, outbound: 1, first: "2025-11-10T16:00:05Z", last: "2025-11-28T05:03:10Z"}},
			byChannel: map[string]int{"email": 2, "chat": 414, "phone": 1},
			byType:    map[string]int{"order_status": 1, "returns": 2, "gift_card": 1, "coupon": 1, UnsetType: 412},
			first:     "2025-11-10T16:00:05Z", last: "2025-11-28T05:03:10Z",
			contacts: []wantContact{
				{id: "3101", family: "zendesk", created: "2025-11-28T05:03:10Z", firstResponse: "2025-11-28T05:04:10Z", resolved: "2025-11-28T05:20:10Z",
					channel: ChannelChat, issueType: "gift_card", handle: sec(600), sourceFile: "exports/zendesk_tickets_2025-12-05.csv"},
				{id: "3101", family: "freshdesk", created: "2025-11-24T03:42:44Z", firstResponse: "2025-11-24T04:32:10Z", resolved: "2025-11-24T10:10:00Z",
					channel: ChannelEmail, issueType: "returns", handle: sec(1500)},
				{line: 5, created: "2025-11-11T00:00:00Z", dateOnly: true, channel: ChannelChat, count: 412, handle: sec(198)},
				{id: "3f1c9a2e-5b7d-4e21-9a64-1d2e3f4a5b03", created: "2025-11-27T09:30:00Z", firstResponse: "2025-11-27T09:30:05Z", resolved: "2025-11-27T09:42:05Z",
					channel: ChannelPhone, issueType: "returns", handle: sec(720), outbound: true},
			},
		},
		{
			// A warehouse's half-hourly counts with a Total row.
			name: "aggregated series", zone: "Europe/Amsterdam",
			files: []wantFile{{path: "contacts_by_interval.csv", format: "series", encoding: "utf-8", delimiter: ",",
				rows: 9, kept: 8, contacts: 258, skipped: map[string]int{"summary row (Total)": 1},
				first: "2025-11-28T00:00:00+01:00", last: "2025-11-28T09:30:00+01:00"}},
			byChannel: map[string]int{"chat": 141, "email": 68, "phone": 37, "messaging": 12},
			byType:    map[string]int{"gift_card": 77, "order_status": 102, "returns": 79},
			first:     "2025-11-28T00:00:00+01:00", last: "2025-11-28T09:30:00+01:00",
			contacts: []wantContact{
				{line: 6, created: "2025-11-28T09:00:00+01:00", channel: ChannelPhone, issueType: "returns", count: 28, handle: sec(380)},
			},
		},
		{
			// No built-in format: read through --map. Re-saved by a
			// spreadsheet, the Date column mixes dd-mm-yy and mm-dd-yy: the
			// values only one order can read are kept, the ambiguous ones
			// (03-12, 05-11, 12-01) are rejected, not guessed.
			name: "column map, mixed day/month", zone: "America/Chicago",
			mapSpec: `id="Ticket #",created=Date,type="Customer Complaint",channel="Received Via",status=Status`,
			files: []wantFile{{path: "complaints_resaved.csv", format: "map", encoding: "utf-8", delimiter: ",",
				rows: 10, kept: 7, contacts: 7, rejected: 3, rejectedBy: map[string]int{"bad Date": 3}, errLines: []int{4, 7, 9},
				first: "2025-11-22T00:00:00-06:00", last: "2025-11-29T00:00:00-06:00", warnings: []string{`column "Date"`}}},
			byChannel: map[string]int{"phone": 3, "email": 4},
			byType:    map[string]int{"Billing overcharge": 3, "Internet speed": 2, "Service outage": 2},
			first:     "2025-11-22T00:00:00-06:00", last: "2025-11-29T00:00:00-06:00",
			contacts: []wantContact{
				{id: "250104", created: "2025-11-25T00:00:00-06:00", dateOnly: true, channel: ChannelPhone, issueType: "Billing overcharge", status: "Closed"},
				{id: "250105", created: "2025-11-26T00:00:00-06:00", dateOnly: true, channel: ChannelEmail, issueType: "Service outage"},
			},
		},
	}
}

func TestFixtures(t *testing.T) {
	for _, tc := range fixtureCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Fatal(err)
			}
			opts := Options{Location: loc, Rules: tc.rules}
			if tc.mapSpec != "" {
				spec, err := ParseMap(tc.mapSpec)
				if err != nil {
					t.Fatal(err)
				}
				opts.Format = &MapFormat{Spec: spec}
			}
			set := NewSet()
			for _, wf := range tc.files {
				path := filepath.Join(fixtureDir, wf.path)
				fr := readFixture(t, path, opts, tc.mapSpec != "")
				records := len(fr.Records()) // Add takes the records over
				rep := set.Add(fr)
				checkFileReport(t, rep, records, wf)
			}
			checkAccounting(t, set)

			sum := set.Summarize()
			if !equalCounts(sum.ByChannel, tc.byChannel) {
				t.Errorf("by channel %v, want %v", sum.ByChannel, tc.byChannel)
			}
			if !equalCounts(sum.ByIssueType, tc.byType) {
				t.Errorf("by issue type %v, want %v", sum.ByIssueType, tc.byType)
			}
			if got := stamp(sum.First); got != tc.first {
				t.Errorf("first contact %s, want %s", got, tc.first)
			}
			if got := stamp(sum.Last); got != tc.last {
				t.Errorf("last contact %s, want %s", got, tc.last)
			}
			for _, w := range tc.contacts {
				checkContact(t, set, w)
			}
		})
	}
}

// readFixture reads a fixture as a user would (format detected), and again
// with the format forced, which must read it the same way.
func readFixture(t *testing.T, path string, opts Options, mapped bool) *FileResult {
	t.Helper()
	detected := opts
	if mapped {
		// Without the map the file is unknown: the header guesser reads it
		// or the import fails; never a built-in format.
		detected.Format = nil
		if fr, err := ReadFile(path, detected); err == nil && fr.Format != "guessed" || err != nil && !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("%s without --map: err %v, want ErrUnknownFormat or a guessed map", path, err)
		}
		fr, err := ReadFile(path, opts)
		if err != nil {
			t.Fatalf("%s with --map: %v", path, err)
		}
		return fr
	}
	fr, err := ReadFile(path, detected)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var f Format
	if fr.Format == "guessed" {
		// the map printed for the user reads the file the same way
		spec, err := ParseMap(fr.Map)
		if err != nil {
			t.Fatalf("%s: the guessed map %q does not parse: %v", path, fr.Map, err)
		}
		f = &MapFormat{Spec: spec}
	} else if f, err = FormatByName(fr.Format); err != nil {
		t.Fatal(err)
	}
	forced := opts
	forced.Format = f
	again, err := ReadFile(path, forced)
	if err != nil {
		t.Fatalf("%s with --format %s: %v", path, fr.Format, err)
	}
	if again.Rows != fr.Rows || again.Rejected != fr.Rejected || len(again.Records()) != len(fr.Records()) {
		t.Errorf("%s with --format %s: rows %d rejected %d records %d; detected: %d, %d, %d",
			path, fr.Format, again.Rows, again.Rejected, len(again.Records()), fr.Rows, fr.Rejected, len(fr.Records()))
	}
	return fr
}

func checkFileReport(t *testing.T, rep *FileReport, records int, w wantFile) {
	t.Helper()
	name := w.path
	if rep.Format != w.format {
		t.Errorf("%s: format %s, want %s", name, rep.Format, w.format)
	}
	if rep.Encoding != w.encoding || rep.Delimiter != w.delimiter || rep.Sheet != w.sheet {
		t.Errorf("%s: encoding %q delimiter %q sheet %q, want %q %q %q", name, rep.Encoding, rep.Delimiter, rep.Sheet, w.encoding, w.delimiter, w.sheet)
	}
	got := [...]int{rep.Rows, rep.Kept, rep.Contacts, rep.Duplicates, rep.Rejected, rep.Outbound, rep.Blank}
	want := [...]int{w.rows, w.kept, w.contacts, w.duplicates, w.rejected, w.outbound, w.blank}
	if got != want {
		t.Errorf("%s: rows, kept, contacts, duplicates, rejected, outbound, blank = %v, want %v", name, got, want)
	}
	if !equalCounts(rep.RejectedByReason, w.rejectedBy) {
		t.Errorf("%s: rejected by reason %v, want %v", name, rep.RejectedByReason, w.rejectedBy)
	}
	if !equalCounts(rep.Skipped, w.skipped) {
		t.Errorf("%s: skipped %v, want %v", name, rep.Skipped, w.skipped)
	}
	var lines []int
	for _, e := range rep.Errors {
		if e.Rejected {
			lines = append(lines, e.Diag.Line)
		}
		if e.Diag.File != filepath.Join(fixtureDir, w.path) || e.Diag.Line <= 0 || !errors.Is(e, ErrInvalidData) {
			t.Errorf("%s: row error without a position or cause: %+v", name, *e)
		}
	}
	if !slices.Equal(lines, w.errLines) {
		t.Errorf("%s: rejected lines %v, want %v", name, lines, w.errLines)
	}
	if rep.FieldErrors != 0 {
		t.Errorf("%s: %d values left empty, want none: %v", name, rep.FieldErrors, rep.Errors)
	}
	if got := stamp(rep.First); got != w.first {
		t.Errorf("%s: first %s, want %s", name, got, w.first)
	}
	if got := stamp(rep.Last); got != w.last {
		t.Errorf("%s: last %s, want %s", name, got, w.last)
	}
	for _, sub := range w.warnings {
		if !slices.ContainsFunc(rep.Warnings, func(s string) bool { return strings.Contains(s, sub) }) {
			t.Errorf("%s: no warning mentions %q: %q", name, sub, rep.Warnings)
		}
	}
	if len(w.warnings) == 0 && len(rep.Warnings) > 0 {
		t.Errorf("%s: unexpected warnings %q", name, rep.Warnings)
	}
	if records != w.kept+w.duplicates {
		t.Errorf("%s: %d records read, want %d", name, records, w.kept+w.duplicates)
	}
}

func checkContact(t *testing.T, set *Set, w wantContact) {
	t.Helper()
	var found []*Contact
	for i := range set.Collect() {
		c := &set.Collect()[i]
		switch {
		case w.id != "" && c.ID == w.id && (w.family == "" || c.Family == w.family):
			found = append(found, c)
		case w.id == "" && c.ID == "" && c.Source.Line == w.line:
			found = append(found, c)
		}
	}
	key := w.id
	if key == "" {
		key = "line " + strconv.Itoa(w.line)
	}
	if len(found) != 1 {
		t.Errorf("contact %s: found %d records, want 1", key, len(found))
		return
	}
	c := found[0]
	count := w.count
	if count == 0 {
		count = 1
	}
	type view struct {
		Created, FirstResponse, Resolved string
		DateOnly                         bool
		Channel                          Channel
		IssueType                        string
		Handle                           string
		Count                            int
		Outbound                         bool
	}
	handle := func(known bool, v float64) string {
		if !known {
			return "unknown"
		}
		return strconv.Itoa(int(v))
	}
	got := view{stamp(c.Created), stamp(c.FirstResponse), stamp(c.Resolved), c.CreatedDateOnly, c.Channel, c.IssueType, handle(c.HandleKnown, c.HandleSeconds), c.Count, c.Outbound}
	want := view{w.created, w.firstResponse, w.resolved, w.dateOnly, w.channel, w.issueType, "unknown", count, w.outbound}
	if w.handle != nil {
		want.Handle = handle(true, *w.handle)
	}
	if got != want {
		t.Errorf("contact %s\n got %+v\nwant %+v", key, got, want)
	}
	if w.status != "" && c.Status != w.status {
		t.Errorf("contact %s: status %q, want %q", key, c.Status, w.status)
	}
	if w.agent != "" && c.Agent != w.agent {
		t.Errorf("contact %s: agent %q, want %q", key, c.Agent, w.agent)
	}
	if w.sourceFile != "" && c.Source.File != w.sourceFile {
		t.Errorf("contact %s: source %v, want file %s", key, c.Source, w.sourceFile)
	}
	if c.HandleKnown && c.HandleSeconds != float64(int(c.HandleSeconds)) {
		t.Errorf("contact %s: handle %v s is not whole", key, c.HandleSeconds)
	}
}

// stamp renders a time as RFC 3339 with its offset (and fraction when it
// has one); "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// equalCounts compares count maps, a missing key being 0.
func equalCounts(got, want map[string]int) bool {
	for k, v := range got {
		if v != want[k] {
			return false
		}
	}
	for k, v := range want {
		if v != got[k] {
			return false
		}
	}
	return true
}

// Every built-in format has a fixture, and every fixture file is checked.
func TestFixturesCoverEveryFormat(t *testing.T) {
	covered := map[string]bool{}
	used := map[string]bool{}
	for _, tc := range fixtureCases(t) {
		for _, f := range tc.files {
			covered[f.format] = true
			used[f.path] = true
		}
	}
	for _, name := range FormatNames() {
		if !covered[name] {
			t.Errorf("format %s has no fixture in %s", name, fixtureDir)
		}
	}
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	var orphans []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "README.md" && !strings.HasPrefix(e.Name(), ".") && !used[e.Name()] {
			orphans = append(orphans, e.Name())
		}
	}
	sort.Strings(orphans)
	if len(orphans) > 0 {
		t.Errorf("fixtures no case checks: %v", orphans)
	}
}

// Regressions the fixtures found in the engine and the date parser: a
// mixed day/month column, the order learnt across a file's date columns,
// a pending resolved time against the closed time, and unreadable
// containers as invalid data.
func TestImportRegressions(t *testing.T) {
	read := func(t *testing.T, name, data string, format Format) *FileResult {
		t.Helper()
		fr, err := Read(name, strings.NewReader(data), Options{Location: time.UTC, Format: format})
		if err != nil {
			t.Fatal(err)
		}
		return fr
	}
	day := func(c Contact, f func(Contact) time.Time) string { return f(c).Format("2006-01-02") }
	resolved := func(c Contact) time.Time { return c.Resolved }
	created := func(c Contact) time.Time { return c.Created }

	t.Run("mixed day/month column: an ambiguous value before the conflict is kept", func(t *testing.T) {
		// Line 3 (03-12-25) comes after a day-first proof but before the
		// month-first one (line 4): the column mixes both orders, so it
		// cannot be told and must be rejected like line 5 is.
		spec, err := ParseMap(`id="Ticket #",created=Date`)
		if err != nil {
			t.Fatal(err)
		}
		fr := read(t, "mixed.csv", "Ticket #,Date\n1,22-11-25\n2,03-12-25\n3,11-24-25\n4,05-12-25\n", &MapFormat{Spec: spec})
		var kept []string
		for _, c := range fr.Records() {
			kept = append(kept, c.ID)
		}
		if got := strings.Join(kept, ","); got != "1,3" || fr.Rejected != 2 {
			t.Errorf("regression: importers/dates Column.Parse reads an ambiguous value with the first proven order before a conflicting value shows up; kept %s (want 1,3), rejected %d (want 2)", got, fr.Rejected)
		}
	})
	t.Run("day/month order is learnt per column, not per file", func(t *testing.T) {
		// One export is written with one locale: 13/11 in the opened column
		// makes the closed column day-first too (04/12 is 4 December).
		fr := read(t, "eu.csv", "Case Number,Date/Time Opened,Date/Time Closed\n1,13/11/2025 10:00,04/12/2025 11:00\n2,03/11/2025 09:00,05/11/2025 10:00\n", nil)
		if len(fr.Records()) != 2 {
			t.Fatalf("%d records", len(fr.Records()))
		}
		if got := day(fr.Records()[0], resolved) + " " + day(fr.Records()[1], resolved); got != "2025-12-04 2025-11-05" {
			t.Errorf("regression: engine.go gives each date field its own dates.Column, so a closed column of only ambiguous values is read month-first (resolved %s, want 2025-12-04 2025-11-05; the first is before its creation)", got)
		}
	})
	t.Run("a resolved time waiting for its column's order loses to the closed time", func(t *testing.T) {
		// Line 2's resolved time 03/11 is ambiguous until line 3 (14/11)
		// proves day-first; the closed time 13/11 is not the resolution.
		fr := read(t, "fd.csv", "Ticket ID,Status,Created time,Resolved time,Closed time\n1,Closed,2025-11-01 10:00:00,03/11/2025 10:00,13/11/2025 10:00\n2,Closed,2025-11-01 10:00:00,14/11/2025 10:00,14/11/2025 10:00\n", nil)
		if got := day(fr.Records()[0], resolved); got != "2025-11-03" {
			t.Errorf("regression: engine.go row() fills Resolved from the closed column while the resolved value is pending, and finish() then keeps it; resolved %s, want 2025-11-03", got)
		}
		if got := day(fr.Records()[0], created); got != "2025-11-01" {
			t.Errorf("created %s", got)
		}
	})
	t.Run("unreadable containers are invalid input data", func(t *testing.T) {
		// Exit code 3 is for files the user must fix: an HTML table saved
		// as .xls and a damaged zip are such files.
		for _, f := range []struct{ name, data string }{
			{"report.xls", "<html><table><tr><td>Ticket</td></tr></table></html>"},
			{"export.zip", "PK\x03\x04 damaged"},
			{"export.xlsx", "PK\x03\x04\x14\x00\x00\x00"},
		} {
			name, data := f.name, f.data
			_, err := Read(name, strings.NewReader(data), Options{Location: time.UTC})
			if err == nil {
				t.Fatalf("%s: no error", name)
			}
			if !errors.Is(err, ErrInvalidData) {
				t.Errorf("regression: engine.go wrapTableErr wraps only table's *diag.Error, ErrNoHeader, ErrEmptyFile and ErrLegacyXLS in ErrMalformed; %s: %v is not ErrInvalidData (exit 1, not 3)", name, err)
			}
		}
	})
}

// BenchmarkReadFixtures reads every fixture from memory, format detected,
// as the import command does; rows/s is the figure to watch (the files are
// small, so it measures per-file overhead: sniffing, header detection and
// schema binding, more than the per-row cost the 1M-row benchmark shows).
func BenchmarkReadFixtures(b *testing.B) {
	type file struct {
		name string
		data []byte
		opts Options
	}
	var files []file
	for _, tc := range fixtureCases(b) {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			b.Fatal(err)
		}
		opts := Options{Location: loc, Rules: tc.rules}
		if tc.mapSpec != "" {
			spec, err := ParseMap(tc.mapSpec)
			if err != nil {
				b.Fatal(err)
			}
			opts.Format = &MapFormat{Spec: spec}
		}
		for _, f := range tc.files {
			data, err := os.ReadFile(filepath.Join(fixtureDir, f.path))
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, file{f.path, data, opts})
		}
	}
	perOp := 0
	for _, f := range files {
		perOp += len(f.data)
	}
	b.SetBytes(int64(perOp))
	rows := 0
	for b.Loop() {
		for _, f := range files {
			fr, err := Read(f.name, bytes.NewReader(f.data), f.opts)
			if err != nil {
				b.Fatal(err)
			}
			rows += fr.Rows
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}
