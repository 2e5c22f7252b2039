package importers

import (
	"strings"

	"github.com/peakstaff/peakstaff/importers/dates"
)

// Taobao/Tmall 千牛 (Qianniu) customer-service exports. Alibaba publishes
// no specification; the aliases come from third-party code on GitHub that
// parses real files. Times are China time without an offset, so the
// format's zone is Asia/Shanghai whatever --tz says (only FILE@ZONE
// overrides it). Files are often GBK/GB18030 (the table reader detects it)
// and end with summary rows (汇总值, 平均值), which are skipped and counted.

// Chat records: one row per conversation (会话).
var qianniuChat = &schema{
	name: "qianniu-chat", title: "Qianniu / 千牛 chat records (CSV/XLSX)", family: "qianniu",
	require: [][]string{
		{"客服", "客服昵称", "接待客服", "客服账号", "客服旺旺"},
		{"咨询时间", "开始时间", "会话开始时间", "接入时间", "咨询开始时间", "接待时间"},
	},
	fields: map[Field][]string{
		FieldID:            {"会话ID", "会话id", "会话编号", "聊天ID", "接待ID"},
		FieldCreated:       {"咨询时间", "会话开始时间", "开始时间", "接入时间", "咨询开始时间", "接待时间"},
		FieldFirstResponse: {"首次响应时间", "首次回复时间"},
		FieldClosed:        {"结束时间", "会话结束时间"},
		FieldType:          {"咨询类型", "问题类型", "问题分类", "咨询分类"},
		FieldTags:          {"标签", "会话标签"},
		FieldStatus:        {"会话状态", "状态", "是否转化"},
		FieldAgent:         {"客服", "客服昵称", "接待客服", "客服账号", "客服旺旺"},
		FieldGroup:         {"客服分组", "分组", "店铺"},
		FieldHandle:        {"接待时长(秒)", "接待时长（秒）", "会话时长(秒)", "会话时长（秒）", "接待时长", "会话时长"},
		FieldChannel:       {"渠道", "来源"},
	},
	defaultChannel: ChannelChat,
	handleUnit:     dates.Seconds,
	zone:           "Asia/Shanghai",
	bonus:          3,
}

// Daily per-agent tables of 赤兔 (Chitu) and 生意参谋 (Business Advisor):
// one row per day (and agent) with the number of customers who enquired.
// Each row becomes an aggregated record whose Count is that number.
var qianniuDaily = &schema{
	name: "qianniu-daily", title: "Qianniu 赤兔 / 生意参谋 daily service table (aggregated)", family: "qianniu-daily",
	require: [][]string{{"日期", "统计日期", "时间"}, {"咨询人数", "接待人数", "当日询单人数", "询单人数", "有效接待人数"}},
	fields: map[Field][]string{
		FieldCreated: {"日期", "统计日期", "时间"},
		// Demand is who asked (咨询人数); received (接待人数) is what agents took.
		FieldCount:  {"咨询人数", "接待人数", "有效接待人数", "当日询单人数", "询单人数"},
		FieldAgent:  {"客服", "客服昵称", "旺旺", "客服旺旺", "账号名称"},
		FieldGroup:  {"分组", "客服分组"},
		FieldHandle: {"平均接待时长(秒)", "平均接待时长（秒）", "平均会话时长(秒)"},
	},
	defaultChannel: ChannelChat,
	handleUnit:     dates.Seconds,
	zone:           "Asia/Shanghai",
	bonus:          4,
	skipRow: func(fields []string) string {
		for _, f := range fields {
			if strings.TrimSpace(f) == "暂无数据" {
				return "no-data row (暂无数据)"
			}
		}
		return ""
	},
}
