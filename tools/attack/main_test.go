package main

import "testing"

func TestLoopbackOnly(t *testing.T) {
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.1.2.3:8080", true},
		{"http://[::1]:8080", true},
		{"http://localhost:8080/", true},
		{"https://localhost", true},
		{"http://10.0.0.1:8080", false},
		{"http://raat.example.nl", false},
		{"http://127.0.0.1.nip.io", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	} {
		if err := loopbackOnly(tt.url); (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok %v", tt.url, err, tt.ok)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1.000", 680000: "680.000", 1234567: "1.234.567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
