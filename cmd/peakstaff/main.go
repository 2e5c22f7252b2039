// Command peakstaff plans support staffing for peak retail seasons.
package main

import (
	"os"

	"github.com/peakstaff/peakstaff/cmd/internal/iostreams"
	"github.com/peakstaff/peakstaff/cmd/internal/root"
)

func main() { os.Exit(root.Main(os.Args[1:], iostreams.System())) }
