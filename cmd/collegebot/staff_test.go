package main

import (
	"strings"
	"testing"
)

func TestStaffAddListRemove(t *testing.T) {
	c := newCLI(t)
	out := c.ok("", "staff", "list")
	contains(t, "empty list", out, "No staff yet")
	out = c.ok("", "staff", "add", "--name", "Pat Lowe", "--role", "admin", "--phone", "07700 900500")
	contains(t, "add admin", out, "Added 1 Pat Lowe (admin) +447700900500")
	c.ok("", "staff", "add", "--name", "Sam Green", "--role", "Facilitator", "--telegram-id", "5550001")
	out = c.ok("", "staff", "list")
	contains(t, "list", out, "1 Pat Lowe (admin) +447700900500", "2 Sam Green (facilitator) tg:5550001")

	refused := []struct {
		args []string
		says string
	}{
		{[]string{"add", "--name", "Kim", "--role", "boss", "--phone", "07700900501"}, `"boss" is not a role`},
		{[]string{"add", "--name", "Kim", "--role", "staff", "--phone", "+44 7700 900500"}, "already on the staff list"},
		{[]string{"add", "--name", "Kim", "--role", "staff"}, "phone number or a Telegram id"},
		{[]string{"add", "--name", "Kim", "--role", "staff", "--phone", "12"}, "not a UK phone number"},
		{[]string{"add", "--name", "Kim", "--role", "staff", "--telegram-id", "@kim"}, "not a Telegram id"},
		{[]string{"add", "--name", " ", "--role", "staff", "--phone", "07700900501"}, "needs a name"},
		{[]string{"remove", "1"}, "only admin"},
		{[]string{"remove", "9"}, "No member of staff has the number 9"},
		{[]string{"remove", "pat"}, "not a staff number"},
	}
	for _, r := range refused {
		_, errs, code := c.run("", append([]string{"staff"}, r.args...)...)
		if code == 0 || !strings.Contains(errs, r.says) {
			t.Errorf("staff %v: exit %d, %q; want refusal saying %q", r.args, code, errs, r.says)
		}
	}
	out = c.ok("", "staff", "remove", "2")
	contains(t, "remove", out, "Removed 2 Sam Green")
	if out = c.ok("", "staff", "list"); strings.Contains(out, "Sam") {
		t.Errorf("Sam still listed:\n%s", out)
	}
}

func TestStaffCommandsNeedTheRole(t *testing.T) {
	c := newCLI(t)
	c.ok("", "import", writeFile(t, goodCSV))
	c.ok("", "staff", "add", "--name", "Pat", "--role", "admin", "--phone", "07700900500")
	c.ok("", "staff", "add", "--name", "Sam", "--role", "facilitator", "--phone", "07700900501")

	out := c.ok("#help\n", "chat", "--as", "07700900500")
	contains(t, "admin's #help", out, "Staff commands:", "#staff [add NAME ROLE")
	out = c.ok("#help\n#staff add Kim staff 07700 900502\n", "chat", "--as", "07700900501")
	contains(t, "facilitator", out, "Staff commands:", "needs the admin role; you are facilitator")
	if strings.Contains(out, "#staff [add") {
		t.Errorf("a facilitator was shown admin commands:\n%s", out)
	}
	out = c.ok("#staff add Kim staff 07700 900502\n", "chat", "--as", "07700900123")
	if strings.Contains(out, "Added") || strings.Contains(out, "Staff commands") || strings.Contains(out, "needs the") {
		t.Errorf("a student got a staff answer:\n%s", out)
	}
	out = c.ok("#staff\n", "chat", "--as", "07700900500")
	contains(t, "admin lists staff", out, "2 staff:", "1 Pat (admin)", "2 Sam (facilitator)")
	if strings.Contains(out, "Kim") {
		t.Errorf("someone added Kim:\n%s", out)
	}
	out = c.ok("#staff add Kim Lee staff 07700 900502\n#frobnicate\n", "chat", "--as", "07700900500")
	contains(t, "admin adds", out, "Added 3 Kim Lee (staff) +447700900502", "There is no #frobnicate command")
}
