package staff

func reportCommands() map[string]command { return nil }

// Charts draws the chart of a report for /report.
type Charts interface{}
