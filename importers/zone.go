package importers

import "strings"

// FormatZone is the zone a built-in format's times are written in when
// the vendor fixes one (Qianniu's exports: Asia/Shanghai), "" for the
// others. name is a --format name, or a FileReport's Format (a format
// read with a --map on top is "name+map").
func FormatZone(name string) string {
	name, _, _ = strings.Cut(name, "+")
	for _, f := range Formats() {
		if s, ok := f.(*schema); ok && s.name == name {
			return s.zone
		}
	}
	return ""
}
