package staff

func registerCommands() map[string]command { return nil }
