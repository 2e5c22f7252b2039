package importers

import (
	"strings"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// The vendors below publish no exact CSV header list, and no real export
// of theirs was at hand to read one from: their schemas match by aliases
// built from the attribute names in the vendors' documentation, so a
// renamed or re-ordered column still binds, and --format plus --map cover
// what they miss.

// Help Scout: Reports > Export (conversation metadata).
var helpScout = &schema{
	name: "helpscout", title: "Help Scout conversations export (CSV)", family: "helpscout",
	require: [][]string{
		{"Conversation ID", "Conversation Number", "Conversation #", "Conversation"},
		{"Created At", "Conversation Created At", "Created", "Date Created", "Created Date"},
		{"Mailbox", "Mailbox Name", "Customer Email", "Waiting Since"},
	},
	fields: map[Field][]string{
		FieldID:            {"Conversation ID", "Conversation Number", "Conversation #", "Conversation"},
		FieldCreated:       {"Created At", "Conversation Created At", "Created", "Date Created", "Created Date"},
		FieldFirstResponse: {"First Response At", "First Reply At", "Responded At"},
		FieldClosed:        {"Closed At", "Closed", "Resolved At"},
		FieldUpdated:       {"Modified At", "Updated At", "Last Updated"},
		FieldChannel:       {"Type", "Conversation Type", "Source", "Channel"},
		FieldTags:          {"Tags"},
		FieldSubject:       {"Subject"},
		FieldStatus:        {"Status"},
		FieldAgent:         {"Assignee", "Assigned To", "Assigned User"},
		FieldGroup:         {"Mailbox", "Mailbox Name"},
		FieldHandle:        {"Handle Time", "Handle Time (seconds)"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelEmail,
	handleUnit:     dates.Seconds,
	bonus:          1,
}

// HubSpot Service Hub tickets exported from a view ("hubspot-crm-exports-…").
var hubspot = &schema{
	name: "hubspot", title: "HubSpot tickets export (CSV/XLSX)", family: "hubspot",
	require: [][]string{{"Ticket ID", "Record ID"}, {"Create date", "Create Date"}, {"Ticket name", "Pipeline", "Ticket status", "Ticket owner"}},
	fields: map[Field][]string{
		FieldID:            {"Ticket ID", "Record ID"},
		FieldCreated:       {"Create date"},
		FieldFirstResponse: {"First agent email response date", "First agent reply date", "First response date"},
		FieldClosed:        {"Close date", "Closed date"},
		FieldUpdated:       {"Last modified date", "Last activity date"},
		FieldChannel:       {"Source", "Ticket source", "Original source"},
		FieldType:          {"Category", "Ticket category", "Ticket reason"},
		FieldSubject:       {"Ticket name"},
		FieldStatus:        {"Ticket status"},
		FieldPriority:      {"Priority"},
		FieldAgent:         {"Ticket owner"},
		FieldGroup:         {"HubSpot team", "Pipeline"},
		// "Time to close (HH:mm:ss)" is elapsed calendar time, not the
		// agent's handling time: it is not bound.
		FieldHandle: {"Handle time (HH:mm:ss)"},
	},
	needs:      []Field{FieldID},
	channelMap: map[string]Channel{"form": ChannelEmail, "bot": ChannelChat, "chat": ChannelChat, "email": ChannelEmail, "phone": ChannelPhone},
	handleUnit: dates.Seconds,
	bonus:      1,
}

// Gorgias tickets (view export or API dump: *_datetime names).
var gorgias = &schema{
	name: "gorgias", title: "Gorgias tickets export (CSV/JSON)", family: "gorgias",
	require: [][]string{{"id", "Ticket id", "Ticket ID"}, {"created_datetime", "Created datetime", "Ticket created datetime"}},
	fields: map[Field][]string{
		FieldID:            {"id", "Ticket id"},
		FieldCreated:       {"created_datetime", "Created datetime", "Ticket created datetime"},
		FieldFirstResponse: {"first_response_datetime", "First response datetime"},
		FieldClosed:        {"closed_datetime", "Closed datetime"},
		FieldUpdated:       {"updated_datetime", "Updated datetime", "last_message_datetime"},
		FieldChannel:       {"channel", "Channel", "via"},
		FieldType:          {"Contact reason", "reason", "Ticket field: Contact reason"},
		FieldTags:          {"tags", "Tags", "tags.name"},
		FieldSubject:       {"subject", "Subject"},
		FieldStatus:        {"status", "Status"},
		FieldPriority:      {"priority", "Priority"},
		FieldAgent:         {"assignee_user.name", "assignee_user", "Assignee user", "Assignee"},
		FieldGroup:         {"assignee_team.name", "assignee_team", "Assignee team", "Team"},
	},
	needs:      []Field{FieldID},
	channelMap: map[string]Channel{"email": ChannelEmail, "chat": ChannelChat, "phone": ChannelPhone, "sms": ChannelMessaging, "facebook": ChannelSocial, "facebook-messenger": ChannelMessaging, "instagram-direct-message": ChannelSocial, "instagram-comment": ChannelSocial, "contact_form": ChannelEmail, "help-center": ChannelEmail, "api": ChannelOther, "internal-note": ChannelOther, "yotpo-review": ChannelSocial, "whatsapp": ChannelMessaging},
	bonus:      2,
}

// Intercom native reporting export (dataset "Conversations").
var intercom = &schema{
	name: "intercom", title: "Intercom conversations export (CSV)", family: "intercom",
	require: [][]string{{"Conversation ID"}, {"Conversation started at", "Conversation created at", "Started at"}},
	fields: map[Field][]string{
		FieldID:            {"Conversation ID"},
		FieldCreated:       {"Conversation started at", "Conversation created at", "Started at"},
		FieldFirstResponse: {"Conversation first replied at", "First response at", "First replied at"},
		FieldResolved:      {"Conversation last closed at", "Last closed at", "Conversation first closed at", "Closed at"},
		FieldUpdated:       {"Conversation updated at", "Updated at"},
		FieldChannel:       {"Channel", "Conversation channel", "Source type", "Conversation source"},
		FieldType:          {"Topics", "Conversation topic", "Topic", "Contact reason"},
		FieldTags:          {"Conversation tags", "Tags"},
		FieldSubject:       {"Conversation subject", "Subject"},
		FieldStatus:        {"Conversation state", "State", "Status"},
		FieldAgent:         {"Teammate assigned", "Assignee", "Last teammate assigned", "Teammate"},
		FieldGroup:         {"Team assigned", "Team", "Team currently assigned"},
		// Intercom reports handling time in seconds.
		FieldHandle: {"Conversation handling time", "Handling time"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelChat,
	channelMap:     map[string]Channel{"conversation": ChannelChat, "chat": ChannelChat, "messenger": ChannelChat, "email": ChannelEmail, "phone": ChannelPhone, "phone call": ChannelPhone, "whatsapp": ChannelMessaging, "sms": ChannelMessaging, "facebook": ChannelSocial, "instagram": ChannelSocial, "twitter": ChannelSocial},
	handleUnit:     dates.Seconds,
	bonus:          1,
}

// Intercom message-level export (one row per message; e.g. the ProdSight
// exporter): rows of one conversation merge into one contact.
var intercomMessages = &schema{
	name: "intercom-messages", title: "Intercom message export, one row per message (CSV)", family: "intercom",
	require: [][]string{{"conversation_id"}, {"conversation_created_at"}},
	fields: map[Field][]string{
		FieldID:            {"conversation_id"},
		FieldCreated:       {"conversation_created_at"},
		FieldFirstResponse: {"conversation_first_response_at"},
		FieldClosed:        {"conversation_closed_at"},
		FieldTags:          {"conversation_tags"},
		FieldStatus:        {"conversation_state"},
		FieldAgent:         {"conversation_assignee", "assignee_name"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelChat,
	bonus:          2,
}

// Front analytics message export: one row per message; the conversation
// is the contact, created at its first message, handle times summed.
var front = &schema{
	name: "front", title: "Front analytics message export (CSV)", family: "front",
	require: [][]string{{"Conversation ID"}, {"Message date"}, {"Segment", "Inbox", "Direction", "Message ID"}},
	fields: map[Field][]string{
		FieldID:        {"Conversation ID"},
		FieldCreated:   {"Message date"},
		FieldResolved:  {"Segment closed"},
		FieldChannel:   {"Channel", "Inbox"},
		FieldTags:      {"Tags"},
		FieldSubject:   {"Subject"},
		FieldStatus:    {"Ticket status name", "Status"},
		FieldAgent:     {"Assignee", "Attributed to"},
		FieldGroup:     {"Inbox"},
		FieldHandle:    {"Handle time"},
		FieldDirection: {"Direction"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelEmail,
	handleUnit:     dates.Seconds,
	mergeHandle:    true,
	bonus:          2,
}

// Kustomer conversation data export.
var kustomer = &schema{
	name: "kustomer", title: "Kustomer conversations export (CSV)", family: "kustomer",
	require: [][]string{{"ID", "Conversation ID"}, {"Created At", "Created"}, {"Queue Name", "Channels", "Snooze Time", "Message Count"}},
	fields: map[Field][]string{
		FieldID:            {"ID", "Conversation ID"},
		FieldCreated:       {"Created At", "Created"},
		FieldFirstResponse: {"First Response Sent At", "First Response At"},
		FieldResolved:      {"Last Done At", "Done At", "Closed At"},
		FieldUpdated:       {"Updated At", "Modified At"},
		FieldChannel:       {"Channels", "Channel"},
		FieldType:          {"Contact Reason", "Reason"},
		FieldTags:          {"Tags"},
		FieldSubject:       {"Subject", "Name"},
		FieldStatus:        {"Status"},
		FieldPriority:      {"Priority"},
		FieldAgent:         {"Assigned Users", "Assigned User"},
		FieldGroup:         {"Queue Name", "Assigned Teams"},
	},
	needs:      []Field{FieldID},
	channelMap: map[string]Channel{"email": ChannelEmail, "chat": ChannelChat, "voice": ChannelPhone, "sms": ChannelMessaging, "whatsapp": ChannelMessaging, "facebook": ChannelSocial, "instagram": ChannelSocial, "twitter": ChannelSocial, "form": ChannelEmail},
	bonus:      1,
}

// Gladly conversation export (headers contain an en dash: "… – Current").
var gladly = &schema{
	name: "gladly", title: "Gladly conversation export (CSV)", family: "gladly",
	require: [][]string{{"Conversation ID"}, {"Created At"}, {"Assigned Agent Name - Current", "Inbox Name - Current", "Conversation Link", "Initiator Type - Created"}},
	fields: map[Field][]string{
		FieldID:        {"Conversation ID"},
		FieldCreated:   {"Created At"},
		FieldResolved:  {"Last Closed At"},
		FieldClosed:    {"First Closed At"},
		FieldChannel:   {"Channel - Created", "Channel - Current", "Channel"},
		FieldType:      {"Topics", "Topic Names", "Contact Reason"},
		FieldStatus:    {"Status"},
		FieldAgent:     {"Assigned Agent Name - Current"},
		FieldGroup:     {"Inbox Name - Current"},
		FieldDirection: {"Initiator Type - Created"},
	},
	needs: []Field{FieldID},
	row: func(r *RawRow, c *Contact) error {
		// Gladly names who started the conversation: an agent start is outbound.
		if strings.EqualFold(r.Get(FieldDirection), "agent") {
			c.Outbound = true
		}
		return nil
	},
	bonus: 2,
}

// Zoho Desk ticket export.
var zohoDesk = &schema{
	name: "zoho-desk", title: "Zoho Desk tickets export (CSV/XLSX)", family: "zoho",
	require: [][]string{{"Ticket Id", "Ticket ID", "Request Id", "Ticket Number"}, {"Created Time", "Created Time (Ticket)", "Created Date"}, {"Department", "Ticket Owner", "Classification", "Account Name"}},
	fields: map[Field][]string{
		FieldID:            {"Ticket Id", "Ticket Number", "Request Id"},
		FieldCreated:       {"Created Time", "Created Time (Ticket)", "Created Date"},
		FieldFirstResponse: {"First Responded Time", "First Response Time (Ticket)"},
		FieldClosed:        {"Ticket Closed Time", "Closed Time"},
		FieldUpdated:       {"Modified Time"},
		FieldChannel:       {"Channel", "Mode"},
		FieldType:          {"Classification", "Category", "Sub Category"},
		FieldTags:          {"Tags"},
		FieldSubject:       {"Subject"},
		FieldStatus:        {"Status"},
		FieldPriority:      {"Priority"},
		FieldAgent:         {"Ticket Owner"},
		FieldGroup:         {"Department", "Team"},
	},
	needs: []Field{FieldID},
	bonus: 5,
}

// Salesforce Service Cloud: report export (labels in the user's locale).
var salesforceReport = &schema{
	name: "salesforce-report", title: "Salesforce cases report export (CSV/XLSX)", family: "salesforce",
	require: [][]string{{"Case Number"}, {"Date/Time Opened", "Opened Date", "Date Opened", "Created Date"}},
	fields: map[Field][]string{
		FieldID:       {"Case Number"},
		FieldCreated:  {"Date/Time Opened", "Opened Date", "Date Opened", "Created Date"},
		FieldClosed:   {"Date/Time Closed", "Closed Date", "Date Closed"},
		FieldChannel:  {"Case Origin", "Origin"},
		FieldType:     {"Case Reason", "Reason", "Type", "Case Type"},
		FieldSubject:  {"Subject"},
		FieldStatus:   {"Status"},
		FieldPriority: {"Priority"},
		FieldAgent:    {"Case Owner", "Owner Name", "Owner"},
		FieldGroup:    {"Queue", "Owner Role"},
	},
	needs:      []Field{FieldID},
	channelMap: map[string]Channel{"web": ChannelEmail, "email": ChannelEmail, "phone": ChannelPhone, "chat": ChannelChat, "messaging": ChannelMessaging},
	bonus:      1,
}

// Salesforce Data Loader / weekly Data Export (API field names, ISO UTC).
var salesforceLoader = &schema{
	name: "salesforce-loader", title: "Salesforce Case objects (Data Loader / Data Export CSV)", family: "salesforce",
	require: [][]string{{"CaseNumber"}, {"CreatedDate"}},
	fields: map[Field][]string{
		FieldID:       {"CaseNumber", "Id"},
		FieldCreated:  {"CreatedDate"},
		FieldClosed:   {"ClosedDate"},
		FieldUpdated:  {"LastModifiedDate", "SystemModstamp"},
		FieldChannel:  {"Origin"},
		FieldType:     {"Reason", "Type"},
		FieldSubject:  {"Subject"},
		FieldStatus:   {"Status"},
		FieldPriority: {"Priority"},
		FieldAgent:    {"OwnerId", "Owner.Name"},
	},
	needs:      []Field{FieldID},
	channelMap: map[string]Channel{"web": ChannelEmail, "email": ChannelEmail, "phone": ChannelPhone, "chat": ChannelChat},
	bonus:      1,
}
