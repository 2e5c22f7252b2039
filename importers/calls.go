package importers

import "github.com/peakstaff/peakstaff/importers/dates"

// Aircall call history export. Every call is a contact, answered or not:
// abandoned, missed, voicemail and out-of-hours calls are demand the phone
// line received. Outbound calls are kept and marked Outbound (they are
// work, not demand). The first response is the answer time, the
// resolution the end of the call, the handle time the talk time.
var aircall = &schema{
	name: "aircall", title: "Aircall call log (CSV)", family: "aircall",
	require: [][]string{{"Call ID (UUID)", "Call ID (internal)", "Call ID", "Call UUID"}, {"Call direction", "Call direction - Type", "Direction"}, {"Started at", "Start time", "Date", "Call date", "Datetime"}},
	fields: map[Field][]string{
		FieldID:            {"Call ID (UUID)", "Call ID (internal)", "Call ID", "Call UUID"},
		FieldCreated:       {"Started at", "Start time", "Datetime", "Call date", "Date"},
		FieldFirstResponse: {"Answered at", "Answer time"},
		FieldClosed:        {"Ended at", "End time"},
		FieldStatus:        {"Call type", "Call direction - Type", "Status"},
		FieldType:          {"Tags", "Tag", "Call tags"},
		FieldAgent:         {"User", "User name", "Agent"},
		FieldGroup:         {"Team", "Line", "Number name"},
		FieldHandle:        {"Duration (in call)", "In-call duration", "Talk time", "Talking time", "Duration (total)", "Duration"},
		FieldDirection:     {"Call direction", "Direction"},
	},
	needs:          []Field{FieldID},
	defaultChannel: ChannelPhone,
	handleUnit:     dates.Seconds,
	bonus:          3,
}

// A generic call log, the warehouse shape of most telephony tools:
// started, answered, ended, duration, direction, status.
var callLog = &schema{
	name: "call-log", title: "Call log (started, answered, ended, duration, direction, status)", family: "calls",
	require: [][]string{
		{"started_at", "start_time", "call_start", "call started", "start", "started", "call start time", "start date", "call_date"},
		{"duration", "talk_time", "talk time", "call_duration", "duration_seconds", "answered_at", "ended_at", "end_time"},
		{"direction", "call_direction", "answered_at", "status", "call_status", "disposition", "caller", "from", "from_number"},
	},
	fields: map[Field][]string{
		FieldID:            {"id", "call_id", "call id", "uuid", "call_uuid", "call sid", "sid"},
		FieldCreated:       {"started_at", "start_time", "call_start", "call started", "start", "started", "call start time", "start date", "call_date"},
		FieldFirstResponse: {"answered_at", "answer_time", "answered"},
		FieldClosed:        {"ended_at", "end_time", "call_end", "ended", "end"},
		FieldStatus:        {"status", "call_status", "disposition", "result"},
		FieldType:          {"tags", "reason", "issue_type", "wrap_up", "wrapup code", "disposition code"},
		FieldAgent:         {"agent", "user", "agent_name", "user_name"},
		FieldGroup:         {"queue", "team", "line", "skill"},
		FieldHandle:        {"talk_time", "talk time", "in_call_duration", "handle_time", "duration", "call_duration", "duration_seconds"},
		FieldDirection:     {"direction", "call_direction"},
	},
	defaultChannel: ChannelPhone,
	handleUnit:     dates.Seconds,
}
