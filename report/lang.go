package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// labels holds every label of every output in English and Simplified
// Chinese. One table keeps the two languages side by side, so a missing
// translation shows in review (and in TestLabelsComplete).
var labels = map[string][2]string{
	// the plan's assumptions (the Summary sheet and the report)
	"asm.season":          {"Season", "旺季"},
	"asm.time_zone":       {"Time zone", "时区"},
	"asm.interval":        {"Interval", "时段间隔"},
	"asm.minutes":         {"%.0f min", "%.0f 分钟"},
	"asm.history":         {"History contacts", "历史进线量"},
	"asm.growth_given":    {"Growth (given)", "增长系数（指定）"},
	"asm.growth_measured": {"Growth (measured %s..%s)", "增长系数（实测 %s..%s）"},
	"asm.quantile":        {"Forecast quantile staffed", "排班所用的预测分位数"},
	"asm.bands":           {"Forecast bands", "预测区间"},
	"asm.deadline":        {"Channel %s: response deadline (business hours)", "渠道 %s：响应时限（营业时间）"},
	"asm.sl":              {"Channel %s: service level target", "渠道 %s：服务水平目标"},
	"asm.answer":          {"Channel %s: answered within", "渠道 %s：接起时限"},
	"asm.concurrency":     {"Channel %s: concurrency", "渠道 %s：并发数"},
	"asm.patience":        {"Channel %s: patience", "渠道 %s：客户耐心"},
	"asm.shrinkage":       {"Channel %s: shrinkage", "渠道 %s：损耗率"},
	"asm.aht_plan":        {"AHT %s / %s (the plan's issue_types.%s.handle_time)", "平均处理时长 %s / %s（计划的 issue_types.%s.handle_time）"},
	"asm.aht_peak":        {"AHT %s / %s (x%.2f at peak)", "平均处理时长 %s / %s（高峰 x%.2f）"},
	// sheet names (at most 31 characters, none of : \ / ? * [ ])
	"sheet.summary":   {"Summary", "汇总"},
	"sheet.roster":    {"Roster", "排班表"},
	"sheet.timeline":  {"Timeline", "时间线"},
	"sheet.coverage":  {"Coverage", "覆盖"},
	"sheet.forecast":  {"Forecast", "预测"},
	"sheet.staffing":  {"Staffing", "人力需求"},
	"sheet.agents":    {"Agents", "坐席"},
	"sheet.scenarios": {"Scenarios", "方案对比"},
	"sheet.groups":    {"Groups", "坐席组"},
	"sheet.why_short": {"Why short", "缺口原因"},

	// summary
	"season":               {"Season", "排班周期"},
	"season.start":         {"First day", "开始日期"},
	"season.end":           {"Last day", "结束日期"},
	"generated":            {"Generated", "生成时间"},
	"totals":               {"Totals", "合计"},
	"contacts":             {"Contacts", "进线量"},
	"required_hours":       {"Required agent-hours", "需求人时"},
	"scheduled_hours":      {"Scheduled agent-hours", "排班人时"},
	"coverage_ratio":       {"Scheduled / required", "排班/需求"},
	"cost":                 {"Cost", "成本"},
	"expected_sl":          {"Expected service level", "预计服务水平"},
	"channel":              {"Channel", "渠道"},
	"tier":                 {"Tier", "类别"},
	"hires":                {"Hires needed", "需招聘人数"},
	"hire_by":              {"Hire by", "最晚招聘日期"},
	"assumptions":          {"Assumptions", "假设"},
	"warnings":             {"Warnings", "提醒"},
	"label":                {"Item", "项目"},
	"value":                {"Value", "数值"},
	"by_day":               {"By day", "按天"},
	"date":                 {"Date", "日期"},
	"peak_required":        {"Peak required", "峰值需求"},
	"peak_on_queue":        {"Peak required on the queue", "峰值在线需求"},
	"on_queue_at_peak":     {"On the queue at that peak", "该峰值在线人数"},
	"shortfall":            {"Shortfall (agent-hours)", "缺口（坐席工时）"},
	"short_intervals":      {"Short intervals", "缺员时段"},
	"service_level":        {"Service level", "服务水平"},
	"shortfall_hours":      {"Shortfall (agent-hours)", "缺口（坐席工时）"},
	"lead_gap_hours":       {"Lead-hours missing", "组长缺口（小时）"},
	"veteran_gap_hours":    {"Veteran-hours missing", "资深坐席缺口（小时）"},
	"shortfall_with_hires": {"Shortfall with the hires (re-solved)", "招聘后缺口（重新排班）"},
	"unclosable_hours":     {"Shortfall no hire can close", "招聘无法弥补的缺口"},

	// why short
	"why_short":          {"Why the roster is short", "排班缺口原因"},
	"rule_gaps":          {"Rules not met (leads and veterans missing)", "未满足的规则（组长与资深坐席缺口）"},
	"rule":               {"Rule", "规则"},
	"rule.leads":         {"leads", "组长"},
	"rule.veterans":      {"veterans", "资深坐席"},
	"gap_hours":          {"Hours missing", "缺口（小时）"},
	"most_missing":       {"Most missing at once", "同时最多缺"},
	"cause":              {"Cause", "原因"},
	"detail":             {"What binds", "约束说明"},
	"fix":                {"Smallest change that closes it", "可弥补缺口的最小改动"},
	"hires_close":        {"Hires close it", "招聘可弥补"},
	"yes":                {"yes", "是"},
	"no":                 {"no", "否"},
	"cause.no_template":  {"no shift template reaches these hours", "没有班次模板覆盖这些时段"},
	"cause.skill":        {"no agent with the skill", "没有具备该技能的坐席"},
	"cause.availability": {"agents not available", "坐席不可用"},
	"cause.rules":        {"rest or hours rules", "休息或工时规则"},
	"cause.agents":       {"not enough agents", "坐席不足"},
	"cause.search":       {"the search ended early", "搜索提前结束"},
	"cause.weights":      {"the weights price the shift above the gap", "按权重计算，补缺的班次成本高于缺口"},
	"cause.hire_date":    {"before hires can start", "新招聘人员尚未到岗"},

	// roster
	"name":        {"Name", "姓名"},
	"id":          {"ID", "工号"},
	"team":        {"Team", "团队"},
	"role":        {"Role", "角色"},
	"lead":        {"Lead", "组长"},
	"reserve":     {"Reserve", "备岗"},
	"hours":       {"Hours", "工时"},
	"on_shift":    {"Agents on shift", "在班人数"},
	"on_call":     {"On call (hours)", "待命（小时）"},
	"on_call_n":   {"Agents on call (reserve)", "待命人数（备岗）"},
	"on_call_ev":  {"On call", "待命"},
	"on_call_txt": {"On-call duty (reserve): not counted in the hours worked", "备岗待命：不计入工时"},
	"legend":      {"Legend", "图例"},
	"mark.lead":   {"L", "长"},
	"mark.res":    {"R", "备"},
	"mark.brk":    {"B", "休"},
	"legend.lead": {"L = lead shift", "长 = 组长班"},
	"legend.res":  {"R = reserve (on call)", "备 = 备岗（待命）"},

	// tiers
	"tier.veteran":    {"Veteran", "资深"},
	"tier.regular":    {"Regular", "熟练"},
	"tier.new":        {"New", "新人"},
	"tier.all-hands":  {"All hands", "全员支援"},
	"tier.outsourced": {"Outsourced", "外包"},

	// timeline and coverage
	"required":    {"Required on the queue", "在线需求"},
	"scheduled":   {"On the queue", "在线人数"},
	"gap":         {"Gap", "差额"},
	"short":       {"Short (agents, per group)", "缺员（按坐席组）"},
	"to_schedule": {"To schedule (with shrinkage)", "需排班（含缩减）"},
	"utc_offset":  {"UTC offset", "UTC 偏移"},
	"on_duty":     {"On duty", "在岗"},
	"break":       {"Break", "休息"},
	"start":       {"Start", "开始"},
	"end":         {"End", "结束"},
	"time":        {"Time", "时间"},

	// forecast
	"daily_by_channel": {"Daily contacts by channel (P50)", "每日进线量（按渠道，P50）"},
	"intraday":         {"Intraday profile of the peak day", "峰值日分时进线"},
	"daily_detail":     {"Daily forecast by issue type and channel", "每日预测（按问题类型和渠道）"},
	"issue_type":       {"Issue type", "问题类型"},
	"p10":              {"P10", "P10"},
	"p50":              {"P50", "P50"},
	"p90":              {"P90", "P90"},
	"aht_s":            {"AHT (s)", "平均处理时长（秒）"},
	"event":            {"Event", "活动"},
	"total":            {"Total", "合计"},

	// staffing
	"traffic":     {"Traffic (Erlangs)", "话务量（爱尔兰）"},
	"agents_req":  {"Agents", "所需坐席"},
	"agents_frac": {"Agents (fractional)", "所需坐席（小数）"},
	"asa_s":       {"ASA (s)", "平均应答时间（秒）"},
	"occupancy":   {"Occupancy", "占用率"},
	"abandon":     {"Abandon rate", "放弃率"},
	"binding":     {"Binding target", "约束目标"},

	"binding.service_level": {"service level", "服务水平"},
	"binding.asa":           {"ASA", "平均应答时间"},
	"binding.occupancy":     {"occupancy", "占用率"},
	"binding.abandonment":   {"abandonment", "放弃率"},
	"binding.stability":     {"stability", "队列稳定"},

	// agents (fairness)
	"total_hours": {"Total hours", "总工时"},
	"nights":      {"Nights", "夜班"},
	"weekends":    {"Weekend days", "周末天数"},
	"peak_blocks": {"Peak blocks", "峰值时段数"},

	// staffing groups
	"group":              {"Group", "坐席组"},
	"groups":             {"Staffing groups", "坐席组"},
	"group_channels":     {"Channels", "渠道"},
	"channel_shares":     {"Share of the group's time", "各渠道占用时间"},
	"agent_hours":        {"Agent-hours on the queue", "在线坐席工时"},
	"closed_contacts":    {"Arrived while closed", "非营业时间进线"},
	"closed_lost":        {"Lost", "流失"},
	"closed_callbacks":   {"Callbacks / tickets", "回呼/转工单"},
	"deferred_late":      {"Late (deferred)", "超时（工单）"},
	"closed_hours_of":    {"%s (closed hours)", "%s（非营业时间）"},
	"within_deadline":    {"within the deadline", "在时限内"},
	"shortfall_by_group": {"Shortfall by group and channel (agent-hours)", "各坐席组与渠道的缺口（坐席工时）"},
	"groups_note":        {"The agents of a group serve all its channels: live contacts first, deferred work in the time left.", "坐席组的坐席服务组内所有渠道：先接实时进线，空闲时处理工单。"},
	"by_channel":         {"By channel", "按渠道"},
	"sim_service":        {"Simulated service", "模拟服务"},
	"sim_note":           {"Live channels: the share answered within the target time; deferred work and callbacks: the share handled within the deadline.", "实时渠道：目标时间内应答的占比；工单与回呼：时限内处理的占比。"},
	"answer_s":           {"Answer within (s)", "应答时限（秒）"},
	"on_time_share":      {"Within the deadline", "时限内处理"},
	"late_items":         {"Late items", "超时件数"},
	"from.roster":        {"roster", "排班"},
	"from.requirement":   {"requirement", "需求"},

	// scenarios
	"scenario":       {"Scenario", "方案"},
	"workload_hours": {"Workload (hours)", "工作量（小时）"},
	"avg_required":   {"Average required", "平均需求"},
	"sim_sl":         {"Simulated service level", "模拟服务水平"},
	"abandon_rate":   {"Abandon rate (simulated)", "放弃率（模拟）"},
	"hires_of":       {"Hires: %s", "招聘：%s"},
	"hire_by_of":     {"Hire %s by", "%s最晚招聘日期"},

	// html
	"forecast_chart":    {"Forecast contacts per day", "每日预测进线量"},
	"coverage_chart":    {"Requirement vs coverage", "需求与覆盖"},
	"requirement_chart": {"Requirement on the queue per day", "每日在线需求"},
	"band":              {"P10–P90", "P10–P90"},
	"page":              {"Page &P of &N", "第 &P 页，共 &N 页"},
	"no_roster":         {"No roster yet.", "尚无排班。"},

	// calendar and csv
	"shift":  {"Shift", "班次"},
	"paid":   {"paid", "带薪"},
	"unpaid": {"unpaid", "不带薪"},
	"breaks": {"Breaks", "休息"},

	// plan command tables
	"shifts":               {"Shifts", "班次数"},
	"staffed_hours":        {"Staffed hours (breaks included)", "在岗人时（含休息）"},
	"lower_bound":          {"Lower bound (hours)", "下界（小时）"},
	"gap_to_bound":         {"Above the bound", "高于下界"},
	"bound_not_comparable": {"– (the roster is short; the bound is for rosters that cover the requirement)", "–（排班有缺口；下界只适用于满足需求的排班）"},
	"agents_from":          {"Agents from", "坐席来源"},
	"target":               {"Target", "目标"},
	"agent_id":             {"Agent ID", "工号"},
	"weekday.0":            {"Sun", "周日"},
	"weekday.1":            {"Mon", "周一"},
	"weekday.2":            {"Tue", "周二"},
	"weekday.3":            {"Wed", "周三"},
	"weekday.4":            {"Thu", "周四"},
	"weekday.5":            {"Fri", "周五"},
	"weekday.6":            {"Sat", "周六"},

	// terminal
	"sparkline.contacts": {"contacts per day", "每日进线"},
	"sparkline.gap":      {"shortfall per day", "每日缺口"},
}

// T returns the label key in lang ("zh" for Chinese, English otherwise).
// An unknown key comes back as itself, so a typo shows instead of vanishing.
func T(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "zh" {
		return l[1]
	}
	return l[0]
}

// TierLabel translates the known tiers and keeps any other label as given.
func TierLabel(lang, tier string) string {
	if _, ok := labels["tier."+tier]; ok {
		return T(lang, "tier."+tier)
	}
	return tier
}

// CauseLabel names a shortfall's cause (roster.Cause) in lang; an
// unknown key is kept as given.
func CauseLabel(lang, c string) string {
	if _, ok := labels["cause."+c]; ok {
		return T(lang, "cause."+c)
	}
	return c
}

// RuleLabel names a rule of who is on duty (leads, veterans) in lang.
func RuleLabel(lang, r string) string {
	if _, ok := labels["rule."+r]; ok {
		return T(lang, "rule."+r)
	}
	return r
}

// BindingLabel translates the Erlang targets and keeps others as given.
func BindingLabel(lang, b string) string {
	if _, ok := labels["binding."+b]; ok {
		return T(lang, "binding."+b)
	}
	return b
}

var monthsEN = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// FmtDay is a day with its weekday, the way a roster header reads:
// "Fri 27 Nov" or "11月27日 周五".
func FmtDay(lang string, t time.Time) string {
	wd := T(lang, "weekday."+strconv.Itoa(int(t.Weekday())))
	if lang == "zh" {
		return fmt.Sprintf("%d月%d日 %s", int(t.Month()), t.Day(), wd)
	}
	return fmt.Sprintf("%s %d %s", wd, t.Day(), monthsEN[t.Month()-1])
}

// FmtDate is a full date: "Fri 27 Nov 2026" or "2026年11月27日 周五".
func FmtDate(lang string, t time.Time) string {
	if lang == "zh" {
		return fmt.Sprintf("%d年%s", t.Year(), FmtDay(lang, t))
	}
	return fmt.Sprintf("%s %d", FmtDay(lang, t), t.Year())
}

// FmtDateTime is a date and a 24-hour time.
func FmtDateTime(lang string, t time.Time) string {
	if lang == "zh" {
		return fmt.Sprintf("%d年%d月%d日 %s", t.Year(), int(t.Month()), t.Day(), t.Format("15:04"))
	}
	return fmt.Sprintf("%d %s %d %s", t.Day(), monthsEN[t.Month()-1], t.Year(), t.Format("15:04"))
}

// FmtFixed formats v with dec decimals and no separators, rounding
// halves away from zero: the one rounding rule of every output, the one
// spreadsheets apply to what they show (8.25 is 8.3 in the workbook's
// cells, so it is 8.3 in every text too, not Go's round-half-even 8.2).
// The half is judged on the shortest decimal that reads back as v, the
// number as a person would write it: 1.005 is 1.01.
func FmtFixed(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) || dec < 0 {
		return strconv.FormatFloat(v, 'f', dec, 64)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) <= dec {
		frac += strings.Repeat("0", dec-len(frac))
	} else {
		digits := []byte(intPart + frac[:dec])
		if frac[dec] >= '5' {
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i < 0 {
				digits = append([]byte{'1'}, digits...)
			} else {
				digits[i]++
			}
		}
		intPart, frac = string(digits[:len(digits)-dec]), string(digits[len(digits)-dec:])
	}
	out := intPart
	if dec > 0 {
		out += "." + frac
	}
	if v < 0 && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}

// FmtNum formats v with dec decimals (halves away from zero, FmtFixed)
// and thousands separators (both languages group by three with commas);
// NaN and infinities show as "–".
func FmtNum(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := FmtFixed(v, dec)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(frac)
	return b.String()
}

// FmtPct formats a fraction as a percentage with one decimal.
func FmtPct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return FmtNum(v*100, 1) + "%"
}
