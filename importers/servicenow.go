package importers

// ServiceNow incidents. Two shapes reach a support manager:
//
//   - the list export (Incidents list > right-click the header > Export >
//     CSV or Excel): one row per incident; the CSV names columns by field
//     (number, opened_at, contact_type), the workbook by label (Number,
//     Opened, Channel or Contact type);
//   - the incident event log (an audit or reporting extract, such as the
//     public UCI "incident management process enriched event log"): one
//     row per update of an incident (sys_mod_count, sys_updated_at),
//     nulls written as "?", booleans true/false. Rows of one number merge
//     into one contact: the first opening, the last resolution or closure,
//     the newest row's state, group and agent.
//
// contact_type (Channel) is the channel; category is the issue type and
// subcategory feeds the type rules.

// serviceNowChannels maps contact_type values (field values and their
// labels) to channels.
var serviceNowChannels = map[string]Channel{
	"phone": ChannelPhone, "ivr": ChannelPhone, "voice": ChannelPhone,
	"email": ChannelEmail, "self-service": ChannelEmail, "self service": ChannelEmail, "self_service": ChannelEmail, "web": ChannelEmail, "service portal": ChannelEmail,
	"chat": ChannelChat, "virtual_agent": ChannelChat, "virtual agent": ChannelChat,
	"walk-in": ChannelOther, "walk in": ChannelOther, "direct opening": ChannelOther, "alert": ChannelOther, "monitoring": ChannelOther, "event": ChannelOther,
	"sms": ChannelMessaging, "whatsapp": ChannelMessaging, "teams": ChannelChat, "slack": ChannelChat,
}

// serviceNowFields are the columns both shapes share: field names first
// (CSV and the event log), then the list's labels.
func serviceNowFields() map[Field][]string {
	return map[Field][]string{
		FieldID:       {"number", "Number"},
		FieldCreated:  {"opened_at", "Opened", "sys_created_on", "Created"},
		FieldResolved: {"resolved_at", "Resolved"},
		FieldClosed:   {"closed_at", "Closed"},
		FieldUpdated:  {"sys_updated_at", "sys_updated_on", "Updated"},
		FieldChannel:  {"contact_type", "Channel", "Contact type"},
		FieldType:     {"category", "Category"},
		FieldCategory: {"subcategory", "Subcategory", "u_symptom"},
		FieldSubject:  {"short_description", "Short description"},
		FieldStatus:   {"incident_state", "state", "State", "Incident state"},
		FieldPriority: {"priority", "Priority"},
		FieldAgent:    {"assigned_to", "Assigned to"},
		FieldGroup:    {"assignment_group", "Assignment group"},
	}
}

// ServiceNow incident list export (CSV with field names, XLSX with labels).
var serviceNow = &schema{
	name: "servicenow", title: "ServiceNow incident list export (CSV/XLSX)", family: "servicenow",
	require: [][]string{
		{"number", "Number"},
		{"opened_at", "Opened"},
		{"short_description", "Short description", "caller_id", "Caller", "assignment_group", "Assignment group", "contact_type", "Contact type"},
	},
	fields:     serviceNowFields(),
	needs:      []Field{FieldID},
	channelMap: serviceNowChannels,
	bonus:      2,
}

// ServiceNow incident event log: one row per update.
var serviceNowEvents = &schema{
	name: "servicenow-events", title: "ServiceNow incident event log, one row per update (CSV)", family: "servicenow",
	require: [][]string{
		{"number"},
		{"opened_at"},
		{"sys_updated_at", "sys_updated_on"},
		{"sys_mod_count", "incident_state", "reassignment_count"},
	},
	fields:     serviceNowFields(),
	needs:      []Field{FieldID, FieldUpdated},
	channelMap: serviceNowChannels,
	bonus:      3,
}
