package providerstub_test

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"collegebot/internal/providerstub"
)

// cutShort sends a POST whose body stops before its Content-Length, as a
// sender killed mid-request leaves it, and returns the stub's answer (0
// when none came).
func cutShort(t *testing.T, base, path, contentType, body string, header ...string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: stub\r\nContent-Type: %s\r\nContent-Length: %d\r\n", path, contentType, len(body)+100)
	for _, h := range header {
		fmt.Fprintf(conn, "%s\r\n", h)
	}
	fmt.Fprintf(conn, "\r\n%s", body)
	conn.(*net.TCPConn).CloseWrite()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A send cut short is not a send: the stubs answer 400 (or nothing) and
// record nothing, as the providers would take nothing.
func TestCutShortSendsAreNotRecorded(t *testing.T) {
	tw := startTwilio(t, providerstub.Faults{})
	auth := "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(account+":"+authToken))
	code := cutShort(t, tw.URL(), "/2010-04-01/Accounts/"+account+"/Messages.json",
		"application/x-www-form-urlencoded", "To=%2B447700900123&From=%2B447700900000&Body=Hel", auth)
	if code == http.StatusCreated || tw.Count() != 0 {
		t.Errorf("twilio: a body cut short answered %d and was recorded %d times", code, tw.Count())
	}

	tg := startTelegram(t, providerstub.Faults{})
	boundary := "b0undary"
	part := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n5000000001\r\n" +
		"--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nHel"
	code = cutShort(t, tg.URL(), "/bot"+botToken+"/sendMessage", "multipart/form-data; boundary="+boundary, part)
	if code == http.StatusOK || tg.Count() != 0 {
		t.Errorf("telegram: a body cut short answered %d and was recorded %d times", code, tg.Count())
	}
}
