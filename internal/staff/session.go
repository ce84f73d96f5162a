package staff

func sessionCommands() map[string]command { return nil }
