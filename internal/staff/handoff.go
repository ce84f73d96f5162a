package staff

func handoffCommands() map[string]command { return nil }
