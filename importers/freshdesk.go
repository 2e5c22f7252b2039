package importers

import "github.com/peakstaff/peakstaff/importers/dates"

// Freshdesk "Source" labels; API codes appear in some exports.
var freshdeskChannels = map[string]Channel{
	"email": ChannelEmail, "portal": ChannelEmail, "feedback widget": ChannelEmail, "outbound email": ChannelEmail,
	"phone": ChannelPhone, "chat": ChannelChat, "mobihelp": ChannelMessaging, "whatsapp": ChannelMessaging,
	"twitter": ChannelSocial, "facebook": ChannelSocial, "forum": ChannelSocial, "ecommerce": ChannelOther, "bot": ChannelChat,
	// Freshservice takes tickets from chat tools too
	"ms teams": ChannelChat, "microsoft teams": ChannelChat, "slack": ChannelChat,
	"1": ChannelEmail, "2": ChannelEmail, "3": ChannelPhone, "7": ChannelChat, "9": ChannelEmail, "10": ChannelEmail,
}

// Freshdesk ticket export (list view > Export, CSV or Excel), including the
// separate export of archived tickets, which has the same columns.
var freshdesk = &schema{
	name: "freshdesk", title: "Freshdesk ticket export (CSV/XLSX)", family: "freshdesk",
	require: [][]string{{"Ticket ID"}, {"Created time", "Created Time"}, {"Resolved time", "Closed time", "Status", "Last update time"}},
	fields: map[Field][]string{
		FieldID:            {"Ticket ID"},
		FieldCreated:       {"Created time"},
		FieldFirstResponse: {"Initial response time"},
		FieldResolved:      {"Resolved time"},
		FieldClosed:        {"Closed time"},
		FieldUpdated:       {"Last update time", "Last updated time"},
		FieldChannel:       {"Source"},
		FieldType:          {"Type"},
		FieldCategory:      {"Category", "Product"},
		FieldTags:          {"Tags"},
		FieldSubject:       {"Subject"},
		FieldStatus:        {"Status"},
		FieldPriority:      {"Priority"},
		FieldAgent:         {"Agent"},
		FieldGroup:         {"Group"},
		// Time tracked is "HH:MM" (hours and minutes) or decimal hours.
		FieldHandle: {"Time tracked"},
	},
	needs:      []Field{FieldID},
	channelMap: freshdeskChannels,
	handleUnit: dates.Hours,
	bonus:      1,
}

// Freshservice (IT service desk) export.
var freshservice = &schema{
	name: "freshservice", title: "Freshservice ticket export (CSV/XLSX)", family: "freshservice",
	require: [][]string{{"Ticket Id"}, {"Created Time"}, {"Urgency", "Impact", "Sub-Category", "Item"}},
	fields: map[Field][]string{
		FieldID:            {"Ticket Id"},
		FieldCreated:       {"Created Time"},
		FieldFirstResponse: {"Initial Response Time"},
		FieldResolved:      {"Resolved Time"},
		FieldClosed:        {"Closed Time"},
		FieldUpdated:       {"Last Updated Time"},
		FieldChannel:       {"Source"},
		FieldType:          {"Type"},
		FieldCategory:      {"Category", "Sub-Category", "Item"},
		FieldTags:          {"Tags"},
		FieldSubject:       {"Subject"},
		FieldStatus:        {"Status"},
		FieldPriority:      {"Priority"},
		FieldAgent:         {"Agent"},
		FieldGroup:         {"Group"},
		FieldHandle:        {"Time tracked"},
	},
	needs:      []Field{FieldID},
	channelMap: freshdeskChannels,
	handleUnit: dates.Hours,
	bonus:      2,
}
