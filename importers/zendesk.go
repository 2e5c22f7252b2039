package importers

import (
	"regexp"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// Zendesk's "Via" labels (legacy CSV, Explore "Ticket channel", JSON via.channel).
var zendeskChannels = map[string]Channel{
	"mail": ChannelEmail, "email": ChannelEmail, "web form": ChannelEmail, "web": ChannelEmail, "web widget": ChannelEmail,
	"chat": ChannelChat, "chat transcript": ChannelChat, "native messaging": ChannelMessaging, "sunshine conversations": ChannelMessaging,
	"voice": ChannelPhone, "phone call (inbound)": ChannelPhone, "phone call (outbound)": ChannelPhone, "voicemail": ChannelPhone,
	"instagram dm": ChannelSocial, "facebook": ChannelSocial, "twitter": ChannelSocial, "x corp": ChannelSocial,
	"whatsapp": ChannelMessaging, "sms": ChannelMessaging, "text": ChannelMessaging,
	"closed ticket": ChannelOther, "api": ChannelOther, "web service": ChannelOther, "rule": ChannelOther, "side conversation": ChannelOther,
}

// reasonPattern finds custom fields that hold a contact reason or issue
// type under the many names shops give them (Zendesk custom fields, Jira
// custom fields). Matched against normalized header names.
var reasonPattern = regexp.MustCompile(`^(contact reason|reason for contact|contact type|reason|ticket reason|issue type|issue category|inquiry type|enquiry type|request type|topic|category|motivo( do contato| de contacto| del contacto)?|tipo de (consulta|solicitud|problema)|kontaktgrund|anliegen|motif( de contact)?|咨询类型|问题类型|问题分类)$`)

// Legacy CSV ticket export (Admin Center > Reports > Export).
var zendeskCSV = &schema{
	name: "zendesk-csv", title: "Zendesk ticket export (CSV)", family: "zendesk",
	require: [][]string{{"Id"}, {"Created at"}, {"Via"}, {"Requester", "Requester id", "Requester email"}},
	fields: map[Field][]string{
		FieldID:                   {"Id"},
		FieldCreated:              {"Created at"},
		FieldFirstResponseMinutes: {"First reply time in minutes"},
		FieldResolved:             {"Solved at"},
		FieldUpdated:              {"Updated at"},
		FieldChannel:              {"Via"},
		FieldType:                 {"Contact reason", "Reason for contact", "Issue type", "Reason"},
		FieldTags:                 {"Tags"},
		FieldSubject:              {"Subject"},
		FieldStatus:               {"Status"},
		FieldPriority:             {"Priority"},
		FieldAgent:                {"Assignee"},
		FieldGroup:                {"Group"},
		FieldHandle:               {"Total time spent (sec)", "Total time spent", "Handle time (sec)", "Handling time"},
	},
	patterns:   map[Field]*regexp.Regexp{FieldType: reasonPattern},
	needs:      []Field{FieldID},
	channelMap: zendeskChannels,
	handleUnit: dates.Seconds,
}

// Explore report exports: headers are the report's attribute names.
var zendeskExplore = &schema{
	name: "zendesk-explore", title: "Zendesk Explore report (CSV/XLSX)", family: "zendesk",
	require: [][]string{{"Ticket ID"}, {"Ticket created - Timestamp", "Ticket created - Date", "Ticket created - Date and time", "created_at", "Ticket created at"}},
	fields: map[Field][]string{
		FieldID:            {"Ticket ID"},
		FieldCreated:       {"Ticket created - Timestamp", "Ticket created - Date and time", "Ticket created at", "created_at", "Ticket created - Date"},
		FieldResolved:      {"Ticket solved - Timestamp", "Ticket solved - Date", "Ticket solved at"},
		FieldClosed:        {"Ticket closed - Timestamp", "Ticket closed - Date"},
		FieldFirstResponse: {"Ticket first reply - Timestamp", "First reply - Timestamp"},
		FieldUpdated:       {"Ticket updated - Timestamp", "Ticket updated - Date"},
		FieldChannel:       {"Ticket channel", "Ticket via", "Via", "Channel"},
		FieldType:          {"Contact Reason", "Ticket reason", "Reason", "Issue type", "Intent"},
		FieldCategory:      {"Ticket type", "Product Area"},
		FieldTags:          {"Ticket tags", "Tags"},
		FieldSubject:       {"Ticket subject"},
		FieldStatus:        {"Ticket status"},
		FieldPriority:      {"Ticket priority"},
		FieldAgent:         {"Assignee name", "Ticket assignee"},
		FieldGroup:         {"Ticket group", "Group name"},
		FieldHandle:        {"Handling time (sec)", "Handle time (sec)", "Agent handling time (sec)"},
	},
	patterns:   map[Field]*regexp.Regexp{FieldType: reasonPattern},
	needs:      []Field{FieldID},
	channelMap: zendeskChannels,
	handleUnit: dates.Seconds,
}

// JSON (NDJSON) full export: one ticket object per line, nested objects
// flattened with dots by the table reader (via.channel). It has no
// contact-reason field (custom fields are bare ids), so the ticket type
// (question, incident, ...) stands in as the category the type rules see.
var zendeskJSON = &schema{
	name: "zendesk-json", title: "Zendesk ticket export (JSON/NDJSON)", family: "zendesk",
	require: [][]string{{"id"}, {"created_at"}, {"via.channel", "req_name", "req_email", "requester_id", "generated_timestamp"}},
	fields: map[Field][]string{
		FieldID:                   {"id"},
		FieldCreated:              {"created_at"},
		FieldFirstResponseMinutes: {"first_reply_time_in_minutes", "metric_set.reply_time_in_minutes.calendar"},
		FieldResolved:             {"solved_at", "metric_set.solved_at"},
		FieldUpdated:              {"updated_at"},
		FieldChannel:              {"via.channel", "via"},
		FieldType:                 {"contact_reason", "reason"},
		FieldCategory:             {"type", "ticket_type"},
		FieldTags:                 {"tags", "current_tags"},
		FieldSubject:              {"subject"},
		FieldStatus:               {"status"},
		FieldPriority:             {"priority"},
		FieldAgent:                {"assignee_name", "assignee.name", "assignee_id"},
		FieldGroup:                {"group_name", "group.name", "group_id"},
	},
	needs:      []Field{FieldID},
	channelMap: zendeskChannels,
	handleUnit: dates.Seconds,
	bonus:      1,
}
