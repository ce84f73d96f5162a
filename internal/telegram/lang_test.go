package telegram_test

import (
	"context"
	"testing"

	"collegebot/internal/college"
	"collegebot/internal/telegram"
)

// TestLanguageCode reads the language the sender's app is set to from
// every kind of update a student sends, so a new student starts in it.
func TestLanguageCode(t *testing.T) {
	from := `"from":{"id":5551234,"is_bot":false,"first_name":"Siân","language_code":"cy"}`
	chat := `"chat":{"id":5551234,"type":"private"}`
	msg := `{"message_id":42,"date":1767225600,` + from + `,` + chat + `,"text":"helo"}`
	tests := []struct {
		label, raw, want string
	}{
		{"message", update("message", msg), "cy"},
		{"edit", update("edited_message", msg), "cy"},
		{"button", update("callback_query", `{"id":"q1",`+from+`,"chat_instance":"1","data":"COURSES","message":`+msg+`}`), "cy"},
		{"unblocked", update("my_chat_member", `{`+chat+`,`+from+`,"date":1767225600,`+
			`"old_chat_member":{"status":"kicked","user":{"id":1,"is_bot":true,"first_name":"Bot"},"until_date":0},`+
			`"new_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Bot"}}}`), "cy"},
		{"regional", update("message", `{"message_id":42,"date":1767225600,"from":{"id":5551234,"is_bot":false,`+
			`"first_name":"Ann","language_code":"en-GB"},`+chat+`,"text":"hi"}`), "en-GB"},
		{"none given", text("hi"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			in, ok := telegram.Inbound(decode(t, []byte(tt.raw)))
			if !ok || in.Lang != tt.want || in.Channel != college.Telegram {
				t.Errorf("got %+v (ok %v), want language %q", in, ok, tt.want)
			}
		})
	}
}

// TestSetupMenuPerLanguage sets the menu in each other language the
// catalog speaks, for users whose app is set to it, with /lang in it.
func TestSetupMenuPerLanguage(t *testing.T) {
	stub := newBotStub(t)
	cy := map[string]string{"courses": "Pori ein cyrsiau", "my": "Eich archebion", "help": "Help",
		"stop": "Atal pob neges", "lang": "Dewis eich iaith"}
	err := telegram.Setup(context.Background(), newBot(t, stub), telegram.SetupConfig{Mode: telegram.ModePolling,
		Commands: descriptions(), Translations: map[string]map[string]string{"cy": cy}})
	if err != nil {
		t.Fatal(err)
	}
	cmds := stub.callsTo("setMyCommands")
	if len(cmds) != 2 {
		t.Fatalf("setMyCommands called %d times, want 2", len(cmds))
	}
	if _, ok := cmds[0].params["language_code"]; ok {
		t.Errorf("the default menu has a language: %v", cmds[0].params)
	}
	if cmds[1].params["language_code"] != "cy" {
		t.Errorf("the Welsh menu's language: %q", cmds[1].params["language_code"])
	}
	assertJSONText(t, "Welsh commands", cmds[1].params["commands"], `[{"command":"courses","description":"Pori ein cyrsiau"},`+
		`{"command":"my","description":"Eich archebion"},{"command":"help","description":"Help"},`+
		`{"command":"stop","description":"Atal pob neges"},{"command":"lang","description":"Dewis eich iaith"}]`)
}
