package staff

func broadcastCommands() map[string]command { return nil }
