package importers

import "strings"

// commonChannels maps labels seen across vendors (lower case) to channels.
var commonChannels = map[string]Channel{
	// written, asynchronous: planned with response deadlines
	"email": ChannelEmail, "e-mail": ChannelEmail, "mail": ChannelEmail, "web form": ChannelEmail, "web": ChannelEmail,
	"portal": ChannelEmail, "web portal": ChannelEmail, "form": ChannelEmail, "contact form": ChannelEmail,
	"feedback widget": ChannelEmail, "outbound email": ChannelEmail, "help center": ChannelEmail, "web widget": ChannelEmail,
	"internet": ChannelEmail, "online": ChannelEmail, "online form": ChannelEmail,
	"correo": ChannelEmail, "correo electrónico": ChannelEmail, "邮件": ChannelEmail, "电子邮件": ChannelEmail, "工单": ChannelEmail,
	"courriel": ChannelEmail, "mél": ChannelEmail, "formulaire": ChannelEmail, "formulaire web": ChannelEmail, "correio": ChannelEmail, "correio eletrônico": ChannelEmail,
	"formulário": ChannelEmail, "formulario": ChannelEmail, "formulario web": ChannelEmail, "posta": ChannelEmail, "posta elettronica": ChannelEmail,
	"webformular": ChannelEmail, "kontaktformular": ChannelEmail, "webformulier": ChannelEmail, "contactformulier": ChannelEmail,
	// live voice
	"phone": ChannelPhone, "voice": ChannelPhone, "call": ChannelPhone, "phone call": ChannelPhone, "telephone": ChannelPhone,
	"phone call (inbound)": ChannelPhone, "phone call (outbound)": ChannelPhone, "voicemail": ChannelPhone, "inbound call": ChannelPhone,
	"teléfono": ChannelPhone, "telefone": ChannelPhone, "telefon": ChannelPhone, "téléphone": ChannelPhone, "电话": ChannelPhone, "热线": ChannelPhone,
	"telefono": ChannelPhone, "telefoon": ChannelPhone, "telefonisch": ChannelPhone, "llamada": ChannelPhone, "ligação": ChannelPhone, "chamada": ChannelPhone,
	"appel": ChannelPhone, "appel téléphonique": ChannelPhone, "anruf": ChannelPhone, "chiamata": ChannelPhone, "oproep": ChannelPhone,
	// live written
	"chat": ChannelChat, "live chat": ChannelChat, "livechat": ChannelChat, "web chat": ChannelChat, "webchat": ChannelChat,
	"旺旺": ChannelChat, "千牛": ChannelChat, "在线客服": ChannelChat, "在线咨询": ChannelChat, "聊天": ChannelChat,
	// messaging apps: asynchronous chat
	"native messaging": ChannelMessaging, "messaging": ChannelMessaging, "whatsapp": ChannelMessaging, "sms": ChannelMessaging,
	"text": ChannelMessaging, "facebook messenger": ChannelMessaging, "messenger": ChannelMessaging, "line": ChannelMessaging,
	"wechat": ChannelMessaging, "微信": ChannelMessaging, "telegram": ChannelMessaging, "apple business chat": ChannelMessaging,
	"sunshine conversations": ChannelMessaging, "mobile sdk": ChannelMessaging, "in-app": ChannelMessaging, "instagram dm": ChannelSocial,
	// social media
	"twitter": ChannelSocial, "x": ChannelSocial, "facebook": ChannelSocial, "instagram": ChannelSocial, "tiktok": ChannelSocial,
	"social": ChannelSocial, "facebook post": ChannelSocial, "twitter dm": ChannelSocial, "youtube": ChannelSocial, "微博": ChannelSocial,
	"抖音": ChannelSocial, "小红书": ChannelSocial,
}

// NormalizeChannel maps a vendor's channel label to a Channel: the vendor's
// own map first, then labels common across vendors, then key words. Labels
// that say nothing about the medium (API, Closed ticket) are "other".
func NormalizeChannel(raw string, vendor map[string]Channel) Channel {
	l := strings.ToLower(strings.TrimSpace(raw))
	if c, ok := vendor[l]; ok {
		return c
	}
	if c, ok := commonChannels[l]; ok {
		return c
	}
	// APIs and JSON exports write labels as enums (native_messaging,
	// mobile_sdk, FACEBOOK_MESSENGER): the same labels with spaces.
	if strings.Contains(l, "_") {
		l = strings.ReplaceAll(l, "_", " ")
		if c, ok := vendor[l]; ok {
			return c
		}
		if c, ok := commonChannels[l]; ok {
			return c
		}
	}
	switch {
	case containsAny(l, "whatsapp", "messag", "sms", "wechat", "微信", "telegram"):
		return ChannelMessaging
	case containsAny(l, "chat", "旺旺", "咨询"):
		return ChannelChat
	case containsAny(l, "phone", "voice", "call", "电话", "tel", "appel", "anruf", "llamada", "chamada", "ligação", "chiamata"):
		return ChannelPhone
	case containsAny(l, "twitter", "facebook", "instagram", "tiktok", "social"):
		return ChannelSocial
	case containsAny(l, "mail", "form", "portal", "邮件", "courriel", "correo", "correio"):
		return ChannelEmail
	}
	return ChannelOther
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
